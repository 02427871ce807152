"""Where a clause's words stand in the message as the AM wrote them: the span to quote.

A reading quotes the AM's own words ("you said 'before my quarter ends'"), found by the words of
the clause (or of the residue) in the message, in order, case ignored, with only non-word
characters (or one word, between clauses) between them. It was a regular expression built per
clause, and compiling it cost more than reading the rest of the clause (sre compiles in Python,
and re's own cache of 512 patterns does not help a text never seen before). This searches the
same way without compiling anything: the same leftmost match and the same end as that
expression, by the same backtracking order (tests/conversation/test_spans.py checks them against it).
"""

from __future__ import annotations

from functools import lru_cache

import _sre
from re import _casefix

_FOLDS = _casefix._EXTRA_CASES  # characters that are alike ignoring case besides their lowercase ("s", "ſ")


@lru_cache(maxsize=4096)
def _key(char: str) -> str:
    """The character as re's IGNORECASE compares it: its simple lowercase, one of a set of
    alike characters standing for all of them."""
    lower = _sre.unicode_tolower(ord(char))
    return chr(min((lower, *_FOLDS.get(lower, ()))))


def _keyed(text: str) -> str:
    return text.lower() if text.isascii() else "".join(_key(c) for c in text)


def _wordish(char: str) -> bool:
    """A word character or an apostrophe (re's [\\w'])."""
    return char.isalnum() or char == "_" or char == "'"


class _Text:
    def __init__(self, text: str):
        self.keyed = _keyed(text)
        self.size = len(text)
        self.wordish = [_wordish(c) for c in text]

    def run_end(self, start: int, wordish: bool) -> int:
        end = start
        while end < self.size and self.wordish[end] == wordish:
            end += 1
        return end

    def starts(self, after: int, word_between: bool):
        """Where the next word may start after a word ending at `after`, in the order the
        expression tries them: gap `[^\\w']+`, then, with `word_between`, `(?:[\\w']+[^\\w']+)?`."""
        gap = self.run_end(after, False)
        if gap == after:
            return
        if word_between and gap < self.size:
            word = self.run_end(gap, True)
            second = self.run_end(word, False)
            yield from range(second, word, -1)
        yield from range(gap, after, -1)


def find(words: list[str], text: str, *, before_apostrophe: bool, word_between: bool) -> tuple[int, int] | None:
    """The (start, end) of the leftmost place in `text` where `words` stand in order, case
    ignored, as `(?<!B)W1 G W2 G ... Wn(?![\\w'])` would find them (B: `[\\w']`, or `\\w` when an
    apostrophe may come before; G: non-word characters, and with `word_between` at most one
    word and more non-word characters); None when nowhere."""
    found = _Text(text)
    keys = [_keyed(w) for w in words]
    first, last = (keys[0], len(keys) - 1) if keys else ("", 0)
    for start in range(found.size - len(first) + 1):
        if start and (found.wordish[start - 1] if not before_apostrophe else
                      found.wordish[start - 1] and text[start - 1] != "'"):
            continue
        if not found.keyed.startswith(first, start):
            continue
        end = _rest(found, keys, start + len(first), word_between, last)
        if end is not None:
            return start, end
    return None


def _rest(found: _Text, keys: list[str], after: int, word_between: bool, last: int) -> int | None:
    """The end of the match whose first word ends at `after` (depth first, in the expression's order)."""
    if last == 0:
        return after if after == found.size or not found.wordish[after] else None
    stack = [(1, found.starts(after, word_between))]
    while stack:
        index, starts = stack[-1]
        start = next(starts, None)
        if start is None:
            stack.pop()
            continue
        if not found.keyed.startswith(keys[index], start):
            continue
        end = start + len(keys[index])
        if index < last:
            stack.append((index + 1, found.starts(end, word_between)))
        elif end == found.size or not found.wordish[end]:
            return end
    return None
