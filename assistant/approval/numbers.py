"""Find the numbers in a draft and normalize them: 4.2M, $4,200,000 and 4.2 million are one value.

Each mention keeps its kind (money, percent, multiplier, duration, year or plain) and the
precision it was stated with, so grounding can accept a fact "rounded as a person would say it"
(4,236,000 as "4.2M") without accepting a different number. Durations are in days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.approval.spec import Vocabulary
from assistant.phrase_patterns import alternation

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Mention:
    text: str
    value: float
    kind: str  # money | percent | multiplier | duration | year | plain
    precision: float  # the unit of the last stated digit, in the value's own unit
    start: int


def _alternatives(words) -> str:
    # Longest first, so "per cent" wins over "per" and "million" over "m".
    return alternation(w.casefold() for w in words)


class NumberReader:
    """Compiled once per vocabulary (at rule load), then used for every draft."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.magnitudes = {k.casefold(): v for k, v in vocabulary.magnitudes.items()}
        self.durations = {k.casefold(): v for k, v in vocabulary.durations.items()}
        self.words = {k.casefold(): v for k, v in vocabulary.number_words.items()}
        self.digits = re.compile(
            rf"(?<![\w.,])(?<!\w-)(?:(?P<cur>{_alternatives(vocabulary.currency_prefixes)})\s?)?(?P<num>{_NUMBER})"
            rf"(?:\s?(?P<mag>{_alternatives(self.magnitudes)})(?!\w))?"
            rf"(?:\s?(?P<pct>{_alternatives(vocabulary.percent_markers)})(?!\w))?"
            rf"(?:\s?(?P<mult>{_alternatives(vocabulary.multiplier_markers)})(?!\w))?"
            rf"(?:\s?(?P<curw>{_alternatives(vocabulary.currency_words)})(?!\w))?"
            rf"(?:[\s-]?(?P<dur>{_alternatives(self.durations)})(?!\w))?"
            r"(?![\w%])",
            re.IGNORECASE,
        )
        units = list(self.durations) + [u.casefold() for u in vocabulary.count_units]
        self.spelled = re.compile(
            rf"\b(?P<word>{_alternatives(self.words)})[\s-]+(?P<unit>{_alternatives(units)})\b", re.IGNORECASE)

    def read(self, text: str) -> list[Mention]:
        mentions = [self._from_digits(m) for m in self.digits.finditer(text)]
        mentions += [self._from_words(m) for m in self.spelled.finditer(text)]
        return sorted(mentions, key=lambda m: m.start)

    def _from_digits(self, match: re.Match) -> Mention:
        literal = match.group("num").replace(",", "")
        value = float(literal)
        if "." in literal:
            precision = 10.0 ** -len(literal.split(".")[1])
        else:
            digits = literal.lstrip("0") or "0"
            precision = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits != "0" else 1.0
        scale = self.magnitudes.get((match.group("mag") or "").casefold(), 1.0)
        value, precision = value * scale, precision * scale
        years = self.vocabulary.years
        if match.group("cur") or match.group("curw"):
            kind = "money"
        elif match.group("pct"):
            kind = "percent"
        elif match.group("mult"):
            kind = "multiplier"
        elif match.group("dur"):
            days = self.durations[match.group("dur").casefold()]
            kind, value, precision = "duration", value * days, precision * days
        elif (match.group("mag") is None and "." not in literal and "," not in match.group("num")
              and years.from_ <= value <= years.to):
            kind = "year"
        else:
            kind = "plain"
        return Mention(match.group(0).strip(), value, kind, precision, match.start())

    def _from_words(self, match: re.Match) -> Mention:
        value = self.words[match.group("word").casefold()]
        unit = match.group("unit").casefold()
        if unit in self.durations:
            days = self.durations[unit]
            return Mention(match.group(0), value * days, "duration", days, match.start())
        return Mention(match.group(0), value, "plain", 1.0, match.start())
