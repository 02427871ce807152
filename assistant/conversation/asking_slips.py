"""Words of asking typed with a slip: a letter held down ("whyy nott?", "drafft") or two letters side
by side swapped ("drfat teh email"), read as the word of the intents' patterns they stand for.

The `spelling` table of intents.yaml lists the slips seen; a short follow-up is mostly such words,
and a slip no one listed left it unread ("unclear"). A typed word is read as a pattern's word only
when it is no real word (the model's vocabulary: "form" is no misspelt "from", "trail" no "trial")
and exactly one word of the patterns is that slip away.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

_HELD = re.compile(r"([a-z])\1+")  # a letter typed more than once in a row


class AskingSlips:
    """`vocabulary`: the words the intents' patterns are written with; `real`: a dictionary of real
    words, asked for only when a slip is found (None: no slip is read)."""

    def __init__(self, vocabulary: Iterable[str], real: Callable[[], frozenset[str] | None], shortest: int = 3):
        self.vocabulary = frozenset(w for w in vocabulary if w.isalpha())
        self.shortest = shortest
        self.swapped = swaps(self.vocabulary, shortest)
        self._real = real
        self._memo: dict[str, str] = {}

    def read(self, word: str) -> str:
        """The pattern's word a typed word is a slip of, else the word as typed."""
        if word not in self._memo:
            self._memo[word] = self._read(word)
        return self._memo[word]

    def _read(self, word: str) -> str:
        if len(word) < self.shortest or word in self.vocabulary or not word.isalpha():
            return word
        held = {_HELD.sub(r"\1", word), _HELD.sub(r"\1\1", word)} & self.vocabulary  # "whyy", "sooon"
        found = held or ({self.swapped[word]} if word in self.swapped else set())
        if len(found) != 1:
            return word
        real = self._real()
        return word if real is None or word in real else found.pop()


def swaps(words: Iterable[str], shortest: int) -> dict[str, str]:
    """Each word of at least `shortest` letters with two letters side by side swapped -> the word,
    where that is no word of `words` itself and no other word swaps to it."""
    words = set(words)
    out: dict[str, str | None] = {}
    for word in words:
        if len(word) < shortest or not word.isalpha():
            continue
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            if swapped != word and swapped not in words:
                out[swapped] = word if out.get(swapped, word) == word else None
    return {typed: word for typed, word in out.items() if word is not None}
