"""The subset of GBNF that slot mode's grammar uses (literals, [a-z] classes, groups, `|`, `?`,
`{m,n}`, non-recursive rule names) as one Python regex, so a test can tell which replies the
grammar llama.cpp samples under can produce, and generate some with Hypothesis."""

from __future__ import annotations

import functools
import re

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\[[^\]]*\]|\{\d+,\d+\}|[()|?]|[a-z][a-z0-9-]*|\s+')


def grammar_regex(grammar: str) -> str:
    rules = {}
    for line in grammar.splitlines():
        if "::=" in line and not line.lstrip().startswith("#"):
            name, body = line.split("::=", 1)
            rules[name.strip()] = body.strip()

    def convert(name: str, seen: tuple[str, ...]) -> str:
        assert name not in seen, f"recursive rule {name}: not in the subset"
        out, body, pos = [], rules[name], 0
        while pos < len(body):
            match = _TOKEN.match(body, pos)
            assert match, f"unsupported GBNF at {body[pos:pos + 20]!r}"
            token, pos = match.group(), match.end()
            if token.isspace():
                continue
            if token.startswith('"'):
                out.append(f"(?:{re.escape(token[1:-1].encode().decode('unicode_escape'))})")
            elif token == "(":
                out.append("(?:")
            elif token[0] in "[{)|?":
                out.append(token)
            else:
                out.append(f"(?:{convert(token, seen + (name,))})")
        return "".join(out)

    return convert("root", ())


@functools.lru_cache(maxsize=4)
def _parsed(pattern: str):
    from re import _parser as parser  # noqa: PLC0415 (the stdlib's own regex parser)

    return parser.parse(pattern)


def sample(pattern: str, rng) -> str:
    """A random string the regex fully matches (for the constructs grammar_regex emits)."""
    from re import _constants as c  # noqa: PLC0415

    def emit(items) -> str:
        out = []
        for op, arg in items:
            if op is c.LITERAL:
                out.append(chr(arg))
            elif op is c.IN:
                ranges = [arg_ if kind is c.RANGE else (arg_, arg_) for kind, arg_ in arg]
                low, high = rng.choice(ranges)
                out.append(chr(rng.randint(low, high)))
            elif op is c.SUBPATTERN:
                out.append(emit(arg[3]))
            elif op is c.BRANCH:
                out.append(emit(rng.choice(arg[1])))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, body = arg
                out.append("".join(emit(body) for _ in range(rng.randint(low, min(high, low + 16)))))
            else:
                raise AssertionError(f"unsupported regex construct {op}")
        return "".join(out)

    return emit(_parsed(pattern))
