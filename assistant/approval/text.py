"""A draft as the checks read it: normalized text, sentences, and the numbers in each sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.approval.numbers import Mention, NumberReader

# Typographic variants a model likes to emit, mapped to what the patterns in rules/drafts expect.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                             "\u202f": " ", "\u2013": "-", "\u2014": " - ", "\u2009": " "})


def normalize(text: str) -> str:
    return (text or "").translate(_TYPOGRAPHY).strip()


@dataclass
class DraftText:
    text: str
    sentence_break: re.Pattern
    reader: NumberReader
    # What a model wrote (its slot clauses, or every part in free mode); empty for template text.
    model_text: tuple[str, ...] = ()
    _numbers: dict[int, list[Mention]] = field(default_factory=dict)

    @cached_property
    def sentences(self) -> list[str]:
        return [s.strip() for s in self.sentence_break.split(self.text) if s and s.strip()]

    def numbers_in(self, index: int) -> list[Mention]:
        if index not in self._numbers:
            self._numbers[index] = self.reader.read(self.sentences[index])
        return self._numbers[index]

    def numbered(self) -> list[tuple[int, Mention]]:
        return [(i, m) for i in range(len(self.sentences)) for m in self.numbers_in(i)]


def read_draft(text: str, sentence_break: re.Pattern, reader: NumberReader,
               model_text: tuple[str, ...] | list[str] | None = None) -> DraftText:
    return DraftText(normalize(text), sentence_break, reader, tuple(normalize(t) for t in model_text or ()))
