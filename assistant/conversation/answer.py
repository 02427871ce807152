"""The Answer: one object every interface renders (CLI text, `--json`, web page, Slack blocks)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_serializer

from assistant.domain import Verdict

AskKind = Literal["account", "product", "person", "change", "play", "question", "blocker", "intent"]


class AskBack(BaseModel):
    """The coach could not tell what was meant: a question back, with the closest candidates."""

    question: str
    kind: AskKind
    candidates: list[str] = Field(default_factory=list)
    # kind "blocker": the reason codes asked about; "account"/"product": those the words told of,
    # asked about once the name is known
    codes: list[str] = Field(default_factory=list)
    # kind "intent": the intents offered (intents.yaml names), in the order of `candidates` (their
    # words for the user: "draft a talk track for it")
    intents: list[str] = Field(default_factory=list)


class Applied(BaseModel):
    """A fact the AM's own words revealed, and the rule it brought into the verdict.

    `confidence` is 1.0 for a phrase of the data file, else the similarity of the words to the
    blocker's example phrasings (meaning.yaml); `how` says which (phrase | meaning | answer)."""

    id: str  # the data file's blocker id (quarter_end, renewal_tie, bundle, ...)
    phrase: str
    sets: dict
    rule: str | None = None
    fired: bool = False
    says: str
    confidence: float = 1.0
    how: str = "phrase"


class Answer(BaseModel):
    intent: str
    text: str  # its first sentence states the verdict whenever there is one
    question: str
    session_id: str
    user: str | None = None
    entities: dict = Field(default_factory=dict)  # account, product, person, change, topic as resolved
    verdict: Verdict | None = None
    reasons: list[dict] = Field(default_factory=list)  # code, kind, label, message, remedy
    passages: list[dict] = Field(default_factory=list)  # cited: doc, section, title, text
    plan: list[str] = Field(default_factory=list)  # the motion's plan, or the remedies first
    plays: list[dict] = Field(default_factory=list)  # list_plays: one row per play, best first
    portfolio: dict | None = None  # focus: the quarterly plan
    talk_track: dict | None = None  # only an approved one, only when the verdict is pitch
    review: dict | None = None  # "review this before I send it: ...": a ReviewResult (assistant.review)
    ask_back: AskBack | None = None
    applied: list[Applied] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # e.g. "I took 'acmee' to mean Acme Corp."
    parser: Literal["rules", "meaning", "llm", "memory"] = "rules"

    @field_serializer("verdict")
    def _verdict(self, verdict: Verdict | None):
        # The fact tree is for the audit log, not for people: it is logged, not shown.
        return None if verdict is None else verdict.model_dump(mode="json", exclude={"facts"})
