"""Phrases of a data file as one regular expression: the one way every layer (the conversation's
word groups, the draft checks' number words, a review's names) turns a list of phrases into an
alternation. It imports nothing of ours, so any package may use it (DESIGN.md, Layering)."""

from __future__ import annotations

import re
from typing import Iterable


def alternation(phrases: Iterable[str], *, any_spaces: bool = False) -> str:
    """The phrases as one non-capturing group, each escaped, longest first (a phrase is tried before
    any phrase that starts it: "per cent" before "per", "not really" before "not"); with `any_spaces`,
    any run of white space between their words. Blank phrases are left out (they would match anywhere);
    the phrases are taken as given: casefold them first for a pattern that is not case-blind."""
    def escaped(phrase: str) -> str:
        return r"\s+".join(map(re.escape, phrase.split())) if any_spaces else re.escape(phrase)

    ordered = sorted({escaped(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(ordered) + ")"
