"""The three parts of a talk track (docs/policy.md): outcome anchor, next-step framing, outcome-linked ask."""

from __future__ import annotations

from pydantic import BaseModel, Field

PART_NAMES = ("outcome_anchor", "next_step", "ask")


class DraftParts(BaseModel):
    outcome_anchor: str
    next_step: str
    ask: str
    # What produced the parts, for the audit log: the prompt messages and the raw model output.
    prompt: list[dict] | None = Field(default=None, exclude=True)
    raw: str | None = Field(default=None, exclude=True)
    # What a model wrote, for the readability check (slot clauses, or every part in free mode);
    # None for the template's text.
    model_text: list[str] | None = Field(default=None, exclude=True)

    @property
    def text(self) -> str:
        """One part per line, in the required order: the text approval checks and users see."""
        return "\n".join(" ".join(p.split()) for p in (self.outcome_anchor, self.next_step, self.ask))
