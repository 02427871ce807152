"""The shape of rules/review/*.yaml (extra="forbid": a misspelt key fails at load)."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from assistant.strict import StrictModel

Part = Literal["outcome_anchor", "next_step", "ask", "priority"]
Scope = Literal["sentence", "message", "skip"]  # skip: a gate check kind the review does not run


class _Strict(StrictModel):
    pass


class _Check(_Strict):
    id: str
    code: str
    message: str
    cites: list[str] = Field(min_length=1)


class PhrasesCheck(_Check):
    check: Literal["phrases"]
    patterns: list[str] = Field(default_factory=list)
    opening_patterns: list[str] = Field(default_factory=list)
    numbers_unsupported: bool = False  # a flagged sentence's figures are all listed as unsupported


class ExecWithoutViewCheck(_Check):
    check: Literal["exec_without_view"]
    patterns: list[str] = Field(min_length=1)


class ClaimWordsCheck(_Check):
    check: Literal["claim_words"]
    words: dict[str, float] = Field(min_length=1)


ReviewCheckSpec = Annotated[Union[PhrasesCheck, ExecWithoutViewCheck, ClaimWordsCheck], Field(discriminator="check")]


class ExecCommittee(_Strict):
    fails_on_codes: list[str]
    fails_on_missing: list[Part]
    cites: list[str] = Field(min_length=1)
    pass_: str = Field(alias="pass")


class WrappedLines(_Strict):
    min_chars: int = Field(ge=1)
    ends: str
    list_item: str


class ReviewFile(_Strict):
    version: int
    max_chars: int = Field(ge=100)
    passage_chars: int = Field(ge=80)
    message_separator: str
    wrapped_lines: WrappedLines
    salutation: str
    closing: str
    not_claims: list[str] = Field(default_factory=list)
    known_words: list[str] = Field(default_factory=list)
    gate_scopes: dict[str, Scope]
    default_scope: Scope = "sentence"
    checks: list[ReviewCheckSpec] = Field(default_factory=list)
    missing_parts: dict[Part, str]
    exec_committee: ExecCommittee
    fixes: dict[str, str]
