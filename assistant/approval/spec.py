"""The shape of `rules/drafts/*.yaml`: a vocabulary for reading drafts, and the draft checks.

Each check names its reason code, its message, the knowledge sections it cites and the
phrase lists, patterns or tolerances its kind (`check:`) needs. Unknown keys are errors
(extra="forbid"), so a misspelt option fails at load instead of being silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from assistant.strict import StrictModel


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class YearRange(_Strict):
    from_: int = Field(alias="from")
    to: int


class Tolerance(_Strict):
    relative: float = Field(ge=0, le=0.2)
    rounding: float = Field(ge=0, le=0.5)


class Vocabulary(_Strict):
    sentence_break: str
    number_words: dict[str, float]
    magnitudes: dict[str, float]
    currency_prefixes: list[str]
    currency_words: list[str]
    percent_markers: list[str]
    multiplier_markers: list[str]
    durations: dict[str, float]
    count_units: list[str]
    money_units: list[str]
    default_currency: str
    percent_units: list[str]
    years: YearRange
    number_tolerance: Tolerance


class _Check(_Strict):
    id: str
    code: str
    message: str
    cites: list[str] = Field(min_length=1)


class GroundedNumbers(_Check):
    check: Literal["grounded_numbers"]


class KnownEntities(_Check):
    check: Literal["known_entities"]
    allow: list[str] = Field(default_factory=list)
    openers: list[str] = Field(default_factory=list)


class OutcomeFirst(_Check):
    check: Literal["outcome_first"]
    opening_sentences: int = Field(default=1, ge=1)


class PartsPresent(_Check):
    check: Literal["parts_present"]
    next_step: list[str] = Field(min_length=1)
    ask: list[str] = Field(min_length=1)


class NamesPriority(_Check):
    check: Literal["names_priority"]
    motions: list[Literal["upsell", "cross_sell"]] = Field(min_length=1)


class MatchesVerdict(_Check):
    check: Literal["matches_verdict"]
    allowed_verdicts: list[Literal["pitch", "prepare", "intervene", "hold"]] = Field(min_length=1)


class Phrases(_Check):
    check: Literal["phrases"]
    patterns: list[str] = Field(default_factory=list)
    opening_patterns: list[str] = Field(default_factory=list)


CheckSpec = Annotated[
    Union[GroundedNumbers, KnownEntities, OutcomeFirst, PartsPresent, NamesPriority, MatchesVerdict, Phrases],
    Field(discriminator="check"),
]
CHECK_KINDS = ("grounded_numbers", "known_entities", "outcome_first", "parts_present", "names_priority",
               "matches_verdict", "phrases")


class Drafting(_Strict):
    max_part_chars: int = Field(ge=40)
    prompt_passages: list[str] = Field(default_factory=list)
    max_passage_chars: int = Field(ge=100)
    response_format: Literal["none", "json_object", "json_object_with_schema"] = "json_object"


class DraftRuleFile(_Strict):
    vocabulary: Vocabulary | None = None
    drafting: Drafting | None = None
    checks: list[CheckSpec] = Field(default_factory=list)
