"""What a review answers, in the order the AM reads it: the play's verdict, the
executive-committee test, per-sentence findings, what is missing, a suggested rewrite."""

from __future__ import annotations

from typing import Literal, Union

from pydantic import Field

from assistant.results.base import Result as BaseModel  # strict: an unknown field is a bug, not data
from assistant.results.verdicts import Blocker
from assistant.talk_tracks.gate import NoDraft, TalkTrack


class Passage(BaseModel):
    section: str
    title: str
    text: str


class Finding(BaseModel):
    """One rule broken by one sentence (or, with `sentence` None, by the whole message)."""

    code: str  # a draft reason code or the policy code the text reveals
    check: str  # the check id in rules/drafts or rules/review
    start: int  # character offsets into the reviewed text (the whole input, not the message)
    end: int
    quote: str  # text[start:end]
    sentence: int | None = None  # 1-based within the message; None for a message-level finding
    explanation: str
    detail: str = ""
    passage: Passage | None = None
    fix: str


class Missing(BaseModel):
    part: Literal["outcome_anchor", "next_step", "ask", "priority"]
    what: str
    detail: str = ""
    fix: str


class Unsupported(BaseModel):
    text: str  # the number as written
    start: int
    end: int
    sentence: int


class Sentence(BaseModel):
    number: int  # 1-based within the message
    start: int
    end: int
    role: Literal["salutation", "body", "closing"]


class MessageReview(BaseModel):
    number: int  # 1-based in the thread
    start: int
    end: int
    sentences: list[Sentence]
    findings: list[Finding] = Field(default_factory=list)  # sentence findings, then message findings
    missing: list[Missing] = Field(default_factory=list)
    unsupported: list[Unsupported] = Field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(f.code for f in self.findings))


class PlayVerdict(BaseModel):
    verdict: str
    motion: str
    change: str
    allowed: bool
    blockers: list[Blocker] = Field(default_factory=list)
    signals: list[str] = Field(default_factory=list)
    sponsor: str | None = None
    priority: str | None = None
    pitch_to: str | None = None


class ExecCommitteeTest(BaseModel):
    passed: bool
    reasons: list[str]
    passage: Passage | None = None


class ReviewResult(BaseModel):
    kind: Literal["review"] = "review"
    account: str
    product: str
    play: PlayVerdict
    exec_committee: ExecCommitteeTest
    messages: list[MessageReview]
    rewrite: Union[TalkTrack, NoDraft, None] = None
    ruleset_version: str
    review_rules_version: str

    @property
    def findings(self) -> list[Finding]:
        return [f for m in self.messages for f in m.findings]
