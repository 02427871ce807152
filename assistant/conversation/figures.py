"""Blockers stated in figures ("CSAT 2.1", "NPS -20", "I'm 40% to plan"): the figure said next to a
measure, compared with the policy's limit for it (rules/parameters.yaml: `nps_floor`, `csat_floor`)
or a limit of the data file (meaning.yaml `figures:`). A figure on the stating side of its limit
states the blocker as surely as the words would ("CSAT 2.1" is a dissatisfied customer by the
policy's own test); one on the other side says nothing of it (a figure never says a blocker is not
so: "this gets me to 100% of plan" may still be pressure, said in words).

Which figure belongs to a measure: the first number within `after` words after it ("NPS came back at
-35"), or the one that follows "to" after it ("NPS went from 10 to 45": 45); else the nearest within
`before` words before it ("40% to plan"). Of "2.1 out of 5" or "2.1/5", 2.1 is the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.conversation.cues import Words, cue_words, group
from assistant.conversation.number_words import NumberWords, number_words

# a word, or a number with its sign, decimals and a percent sign ("-20", "2.1", "40%", "−5"), or an arrow
# between two figures ("4.2 -> 2.8": the chain's link, see _CHAIN)
_TOKEN = re.compile(r"(?<![\w.])[-\u2212]?\d+(?:[.,]\d+)?%?|[a-z][\w']*|->")
_NUMBER = re.compile(r"^[-\u2212]?\d+(?:[.,]\d+)?%?$")
_SIGN_WORDS = frozenset({"minus", "negative"})  # "NPS of minus 20"
_PERCENT_WORDS = frozenset({"percent", "pct", "per"})  # "40 percent", "40 per cent"
_CHAIN = frozenset({"to", "->", "now"})  # "from 10 to 45": the last one is the figure now


@dataclass(frozen=True)
class Figure:
    """A number read from a clause: its value and whether it was said as a percentage."""

    value: float
    percent: bool
    at: int  # its token position


def _tokens(text: str) -> list[str]:
    folded = text.casefold().replace("\u2019", "'").replace("\u2212", "-").replace("\u2192", "->")
    folded = re.sub(r"(\d)\s*/\s*(?=\d)", r"\1 out of ", folded)  # "2.1/5": 2.1 out of 5
    return _TOKEN.findall(folded)


def _number(tokens: list[str], i: int) -> Figure | None:
    token = tokens[i]
    if not _NUMBER.match(token):
        return None
    percent = token.endswith("%") or (i + 1 < len(tokens) and tokens[i + 1] in _PERCENT_WORDS)
    value = float(token.rstrip("%").replace(",", "."))
    if i > 0 and tokens[i - 1] in _SIGN_WORDS:
        value = -value
    return Figure(value, percent, i)


class FigureReader:
    """One measure of meaning.yaml `figures:`, compiled (its words as a cue group). `numbers`: the
    numbers said in words ("sixty two percent to plan", "NPS of minus thirty"), read as figures."""

    def __init__(self, spec, numbers: NumberWords | None = None):
        self.spec = spec
        self.words: Words = group(spec.words)
        self.none: Words | None = group(spec.none) if spec.none is not None else None
        self.numbers = numbers

    def read(self, text: str) -> list[Figure]:
        """The figures the clause gives this measure, in order."""
        tokens = _tokens(text)
        if self.numbers is not None:
            tokens = list(_spelt(self.numbers, tuple(tokens)))
        if self.words.regex is None or not tokens:
            return []
        if self.none is not None and self.none.regex is not None and self.none.regex.search(" ".join(cue_words(text))):
            return []  # not ours: "their customers' NPS is -10"
        joined = " ".join(tokens)
        found = []
        for match in self.words.regex.finditer(joined):
            start = joined.count(" ", 0, match.start())
            end = start + match.group(0).count(" ") + 1
            figure = self._after(tokens, end) or self._before(tokens, start)
            if figure is not None:
                found.append(figure)
        return found

    def _after(self, tokens: list[str], end: int) -> Figure | None:
        for i in range(end, min(len(tokens), end + self.spec.after)):
            figure = _number(tokens, i)
            if figure is None:
                continue
            # "from 10 to 45", "10 -> 45": the figure now is the last of the chain
            while figure.at + 2 < len(tokens) and tokens[figure.at + 1] in _CHAIN and \
                    (nxt := _number(tokens, figure.at + 2)) is not None:
                figure = nxt
            return figure
        return None

    def _before(self, tokens: list[str], start: int) -> Figure | None:
        for i in range(start - 1, max(-1, start - 1 - self.spec.before), -1):
            figure = _number(tokens, i)
            if figure is not None:
                # "a 1 out of 5 on the survey": the 5 is the scale, the 1 the figure
                if i >= 3 and tokens[i - 2:i] == ["out", "of"] and (given := _number(tokens, i - 3)) is not None:
                    return given
                return figure
        return None

    def fits(self, figure: Figure) -> bool:
        """Whether the figure is of the kind the measure is given in (a percentage, or a plain number)."""
        unit = self.spec.unit
        return unit == "any" or (unit == "percent") == figure.percent

    def states(self, figure: Figure, limit: float) -> bool:
        """Whether the figure is on the side of the limit that states the blocker."""
        return figure.value < limit if self.spec.states == "below" else figure.value >= limit


@lru_cache(maxsize=1024)
def _spelt(numbers: NumberWords, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The clause's numbers said in words as figures (once per clause: every measure reads it)."""
    return numbers.fold(tokens, strict=True, before=_SIGN_WORDS, after=_PERCENT_WORDS).words


def compile_figures(spec) -> tuple[FigureReader, ...]:
    numbers = number_words(spec)
    return tuple(FigureReader(f, numbers) for f in spec.figures)


def limit_of(figure_spec, params: dict) -> float | None:
    """The limit a measure is compared with: the policy parameter it names, or its own."""
    if figure_spec.parameter is not None:
        value = params.get(figure_spec.parameter)
        return None if value is None else float(value)
    return figure_spec.limit


def read_figures(readers, text: str, params: dict, stating: bool = True) -> frozenset[str]:
    """The blockers the clause's figures state (`stating`), or those a figure of the clause puts on the
    other side of the policy's limit ("the NPS dropped to 5" with a floor of 0: not dissatisfied)."""
    found = set()
    for reader in readers:
        limit = limit_of(reader.spec, params)
        if limit is None:
            continue
        for figure in reader.read(text):
            if reader.fits(figure) and reader.states(figure, limit) == stating:
                found.add(reader.spec.blocker)
    return frozenset(found)
