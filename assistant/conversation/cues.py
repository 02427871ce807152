"""Cue words for blockers, read per clause without the model (prompts/conversation/meaning.yaml).

A cue is evidence by word that a clause may state a blocker: every group of `all` has a word in
the clause ("my" + "quarter"), none of `none` is there ("their quarter" is the customer's), and
no negation comes shortly before it ("not for my quarter"). A `negated` cue is the other way
round: a word that states the blocker only when negated ("might not renew", "nobody is
satisfied"). Words are matched whole, a trailing `*` matches any ending ("complain*").
A cue alone makes the coach ask; the meaning of the clause decides whether it is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

_WORD = re.compile(r"[\w'%]+")


def cue_words(text: str) -> list[str]:
    """A clause as words: lower case, plain apostrophes, hyphens and slashes split words."""
    folded = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    return [w.strip("'") for w in _WORD.findall(re.sub(r"[-/]", " ", folded)) if w.strip("'")]


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "Phrase":
        """"complain*", "year end", "isn't happy": the data file's spelling as words."""
        stars = text.replace("*", " _star_ ")
        out: list[str] = []
        for word in cue_words(stars):
            if word == "_star_" and out:
                out[-1] += "*"
            elif word != "_star_":
                out.append(word)
        return cls(tuple(out))

    def find(self, words: Sequence[str]) -> int | None:
        """Where the phrase starts in the words, or None."""
        size = len(self.words)
        for start in range(len(words) - size + 1):
            if all(_same(p, w) for p, w in zip(self.words, words[start:start + size])):
                return start
        return None


def _same(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern or word == pattern + "'s"  # "q4's close" has the cue "q4"


def phrases(texts: Iterable[str]) -> tuple[Phrase, ...]:
    return tuple(p for p in (Phrase.of(t) for t in texts) if p.words)


@dataclass(frozen=True)
class CueRule:
    all: tuple[tuple[Phrase, ...], ...] = ()
    none: tuple[Phrase, ...] = ()
    negated: tuple[Phrase, ...] = ()


def _first(group: tuple[Phrase, ...], words: Sequence[str]) -> int | None:
    found = [at for at in (p.find(words) for p in group) if at is not None]
    return min(found) if found else None


def negated_at(words: Sequence[str], at: int, negations: frozenset[str], window: int) -> bool:
    """A negation word (or any word ending in n't) among the `window` words before position `at`."""
    before = words[max(0, at - window):at]
    return any(w in negations or w.endswith("n't") for w in before)


def fires(rule: CueRule, words: Sequence[str], negations: frozenset[str], window: int) -> bool:
    if rule.negated:
        return any(at is not None and negated_at(words, at, negations, window)
                   for at in (p.find(words) for p in rule.negated))
    if not rule.all or any(p.find(words) is not None for p in rule.none):
        return False
    places = [_first(group, words) for group in rule.all]
    if any(at is None for at in places):
        return False
    # Any of its words negated ("no package", "not tied to the renewal") turns the cue off.
    return not any(negated_at(words, at, negations, window) for at in places)


def past(words: Sequence[str], markers: tuple[Phrase, ...]) -> bool:
    """The clause tells of the past ("two years ago", "used to"): never applied, at most asked."""
    return any(p.find(words) is not None for p in markers)
