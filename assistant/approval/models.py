"""What approval answers: approved or not, and each failed check with its reason code."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Failure(BaseModel):
    code: str  # a draft reason code, e.g. draft.ungrounded_number
    message: str  # the check's message from rules/drafts
    detail: str  # what in this draft failed it
    check: str = ""  # the check id in rules/drafts
    cites: list[str] = Field(default_factory=list)
    # Set when what failed is text quoted from the account's record (this field), not the drafter's.
    record_field: str | None = None


class Approval(BaseModel):
    approved: bool
    failures: list[Failure] = Field(default_factory=list)
    ruleset_version: str = ""

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(f.code for f in self.failures))

    def reasons(self) -> list[str]:
        """One line per failure, as fed back to a drafter on a re-ask."""
        return [f"{f.code}: {f.message} ({f.detail})" for f in self.failures]
