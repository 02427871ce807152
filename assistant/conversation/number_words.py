"""Numbers said in words, as the figures they are: "sixty two" -> 62, "a hundred and ten" -> 110,
"two point one" -> 2.1, "thirty-first" -> 31st (the words are data: meaning.yaml `number_words:`).

Read by figures.py ("sixty two percent to plan", "NPS of minus thirty") and deadlines.py ("by the
thirty-first"). A lone small number ("one of the best", "a second call") is a figure only where the
reader says so (`strict`): beside a percent or a sign word, or with a decimal point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Spelt:
    """Words with each number said in words as one figure, and the span of the words each came from."""

    words: tuple[str, ...]
    origin: tuple[tuple[int, int], ...]  # per word: (first, end) of the words it stands for

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original words of words[start:end]."""
        return self.origin[start][0], self.origin[end - 1][1]


@dataclass(frozen=True)
class _Read:
    value: float
    end: int  # the word after the number
    ordinal: bool
    plain: bool  # a single word under twenty: a figure only beside a percent or sign word


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


class NumberWords:
    """meaning.yaml `number_words:`, compiled once per file (hashed by identity: a cache key)."""

    def __init__(self, spec):
        self.cardinal = {k.casefold(): v for k, v in spec.cardinal.items()}
        self.ordinal = {k.casefold(): v for k, v in spec.ordinal.items()}
        self.hundred = frozenset(w.casefold() for w in spec.hundred)
        self.point = frozenset(w.casefold() for w in spec.point)
        self.joiners = frozenset(w.casefold() for w in spec.joiners)
        self.one = frozenset(w.casefold() for w in spec.one)

    def fold(self, words: Sequence[str], strict: bool = False, before: Sequence[str] = (),
             after: Sequence[str] = ()) -> Spelt:
        """The words with each number said in words as its figure (an ordinal as "31st"). `strict`:
        a lone word under twenty only after one of `before` (sign words) or before one of `after`
        (percent words), and no ordinals."""
        out: list[str] = []
        origin: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            read = self._number(words, i)
            if read is not None and strict and (read.ordinal or read.plain and not (
                    (i > 0 and words[i - 1] in before) or (read.end < len(words) and words[read.end] in after))):
                read = None
            if read is None:
                out.append(words[i])
                origin.append((i, i + 1))
                i += 1
                continue
            value = int(read.value) if read.ordinal else read.value
            out.append(f"{value}{_suffix(value)}" if read.ordinal else _figure(value))
            origin.append((i, read.end))
            i = read.end
        return Spelt(tuple(out), tuple(origin))

    def _number(self, words: Sequence[str], i: int) -> _Read | None:
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in self.ordinal:
            return _Read(self.ordinal[word], i + 1, True, False)
        if word in self.one and nxt in self.hundred:  # "a hundred"
            value, end, hundreds = 100, i + 2, True
        elif word in self.cardinal:
            value, end, hundreds = self.cardinal[word], i + 1, False
            if nxt in self.hundred and 0 < value < 10:  # "two hundred"
                value, end, hundreds = value * 100, i + 2, True
        else:
            return None
        single = end == i + 1
        if hundreds:
            rest_at = end + 1 if end < len(words) and words[end] in self.joiners else end
            rest = self._below_hundred(words, rest_at)
            if rest is not None:
                return _Read(value + rest.value, rest.end, rest.ordinal, False)
        elif value >= 20 and value % 10 == 0 and end < len(words):  # "sixty two", "thirty first"
            unit = words[end]
            if 0 < self.cardinal.get(unit, 0) < 10:
                return self._decimal(words, _Read(value + self.cardinal[unit], end + 1, False, False))
            if 0 < self.ordinal.get(unit, 0) < 10:
                return _Read(value + self.ordinal[unit], end + 1, True, False)
        return self._decimal(words, _Read(value, end, False, single and value < 20))

    def _below_hundred(self, words: Sequence[str], i: int) -> _Read | None:
        if i >= len(words):
            return None
        read = self._number(words, i)
        return read if read is not None and read.value < 100 else None

    def _decimal(self, words: Sequence[str], read: _Read) -> _Read:
        """"two point one": the digits said after the point."""
        end = read.end
        if end + 1 < len(words) and words[end] in self.point:
            digits = []
            at = end + 1
            while at < len(words) and (words[at] in self.cardinal and self.cardinal[words[at]] < 10):
                digits.append(str(self.cardinal[words[at]]))
                at += 1
            if digits:
                return _Read(float(f"{int(read.value)}.{''.join(digits)}"), at, False, False)
        return read


def number_words(spec) -> NumberWords | None:
    """The `number_words:` of a meaning file, compiled (None when it has none)."""
    return NumberWords(spec.number_words) if getattr(spec, "number_words", None) is not None else None
