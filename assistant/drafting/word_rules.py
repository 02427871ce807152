"""A set of whole words as GBNF rules: one rule per state of the smallest automaton that spells
exactly those words (shared beginnings and shared endings merged), so llama.cpp keeps one parse
per letter that can come next, not one per word.

Slot mode's grammar uses it so the model can write only whole words it may use: a word that
the gate would refuse as not English ("themto", "datalayses", "benifits") cannot be spelled,
since after "them" only the letters of longer words on the list (or the word's end) can follow.
"""

from __future__ import annotations

from collections.abc import Iterable


def word_rules(name: str, words: Iterable[str]) -> list[str]:
    """GBNF rules whose rule `name` matches exactly one of `words` (letters and apostrophes);
    the other rules are named `name-N`. Empty when there are no words."""
    trie: dict = {}
    for word in sorted(set(words)):
        if not word or not all(ch.isalpha() and ch.islower() or ch == "'" for ch in word):
            raise ValueError(f"{word!r} is not a lowercase word (letters and apostrophes only)")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # the word may end here
    if not trie:
        return []
    states: dict[tuple, int] = {}  # a state's signature -> its number: equal subtrees merge

    def number(node: dict) -> int:
        signature = ("" in node, tuple(sorted((ch, number(child)) for ch, child in node.items() if ch)))
        return states.setdefault(signature, len(states))

    root = number(trie)
    ending = {state for (_, edges), state in states.items() if not edges}
    rules = []
    for (final, edges), state in sorted(states.items(), key=lambda item: item[1]):
        if not edges:
            continue  # the end of a word: nothing follows
        by_target: dict[int, list[str]] = {}
        for ch, target in edges:
            by_target.setdefault(target, []).append(ch)
        alternatives = []
        for target, chars in sorted(by_target.items()):
            letters = f'"{chars[0]}"' if len(chars) == 1 else "[" + "".join(chars) + "]"
            alternatives.append(letters if target in ending else f"{letters} {name}-{target}")
        body = " | ".join(alternatives)
        rules.append(f"{name if state == root else f'{name}-{state}'} ::= " + (f"({body})?" if final else body))
    return rules
