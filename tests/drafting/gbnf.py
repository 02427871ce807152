"""The subset of GBNF that slot mode's grammar uses (literals, character classes, groups, `|`,
`?`, `{m,n}`, non-recursive rule names), read by a small recognizer with memoized rule calls,
so a test can tell which replies the grammar llama.cpp samples under can produce, and draw
random ones. Rules are shared, not inlined, so a grammar of thousands of rules (the slot word
automaton) stays cheap to read."""

from __future__ import annotations

import functools
import re

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\[(?:\\.|[^\]\\])*\]|\{\d+,\d+\}|[()|?]|[a-z][a-z0-9-]*|\s+')


def _chars(body: str) -> set[str]:
    out, i = set(), 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out |= {chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1)}
            i += 3
        else:
            out.add(body[i])
            i += 1
    return out


class Gbnf:
    """`fullmatch(text)`: whether the grammar's root produces exactly `text`; `sample(rng)`: one
    random text it produces."""

    def __init__(self, grammar: str):
        bodies = {}
        for line in grammar.splitlines():
            if "::=" in line and not line.lstrip().startswith("#"):
                name, body = line.split("::=", 1)
                bodies[name.strip()] = body.strip()
        self.rules = {name: self._parse(body, name) for name, body in bodies.items()}
        missing = {ref for alt in self.rules.values() for ref in _refs(alt)} - set(self.rules)
        assert not missing, f"undefined rules: {sorted(missing)}"

    def _parse(self, body: str, name: str):
        tokens, pos = [], 0
        while pos < len(body):
            match = _TOKEN.match(body, pos)
            assert match, f"unsupported GBNF in {name} at {body[pos:pos + 20]!r}"
            pos = match.end()
            if not match.group().isspace():
                tokens.append(match.group())
        alt, pos = self._alternatives(tokens, 0)
        assert pos == len(tokens), f"unbalanced rule {name}"
        return alt

    def _alternatives(self, tokens, pos):
        alternatives, items = [], []
        while pos < len(tokens) and tokens[pos] != ")":
            token = tokens[pos]
            pos += 1
            if token == "|":
                alternatives.append(items)
                items = []
                continue
            if token == "(":
                item, pos = self._alternatives(tokens, pos)
                assert tokens[pos] == ")"
                pos += 1
            elif token.startswith('"'):
                item = ("lit", token[1:-1].encode().decode("unicode_escape"))
            elif token.startswith("["):
                item = ("cls", frozenset(_chars(token[1:-1])))
            else:
                item = ("ref", token)
            low = high = 1
            if pos < len(tokens) and tokens[pos] == "?":
                low, high, pos = 0, 1, pos + 1
            elif pos < len(tokens) and tokens[pos].startswith("{"):
                low, high = map(int, tokens[pos][1:-1].split(","))
                pos += 1
            items.append((item, low, high))
        alternatives.append(items)
        return ("alt", alternatives), pos

    def fullmatch(self, text: str) -> bool:
        memo: dict = {}

        def ends(node, pos) -> frozenset[int]:
            kind, value = node
            if kind == "lit":
                return frozenset({pos + len(value)}) if text.startswith(value, pos) else frozenset()
            if kind == "cls":
                return frozenset({pos + 1}) if pos < len(text) and text[pos] in value else frozenset()
            if kind == "ref":
                key = (value, pos)
                if key not in memo:
                    memo[key] = ends(self.rules[value], pos)
                return memo[key]
            found = set()
            for items in value:
                here = {pos}
                for item, low, high in items:
                    reached, frontier = set(here) if low == 0 else set(), here
                    for count in range(1, high + 1):
                        frontier = {e for p in frontier for e in ends(item, p)}
                        if count >= low:
                            reached |= frontier
                        if not frontier:
                            break
                    here = reached
                    if not here:
                        break
                found |= here
            return frozenset(found)

        return len(text) in ends(("ref", "root"), 0)

    def sample(self, rng) -> str:
        def emit(node) -> str:
            kind, value = node
            if kind == "lit":
                return value
            if kind == "cls":
                return rng.choice(sorted(value))
            if kind == "ref":
                return emit(self.rules[value])
            return "".join(emit(item) for item, low, high in rng.choice(value)
                           for _ in range(rng.randint(low, min(high, low + 16))))

        return emit(self.rules["root"])


def _refs(node):
    kind, value = node
    if kind == "ref":
        yield value
    elif kind == "alt":
        for items in value:
            for item, _, _ in items:
                yield from _refs(item)


@functools.lru_cache(maxsize=16)
def parsed(grammar: str) -> Gbnf:
    """Gbnf(grammar), once per grammar text (the slot grammar has thousands of rules)."""
    return Gbnf(grammar)
