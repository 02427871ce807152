"""A drafter that could not produce a usable draft (the gate then falls back to the template)."""

from __future__ import annotations

from assistant.errors import CoachError


class DraftFailure(CoachError):
    """Server down, timeout, HTTP error, or empty, garbage or over-long output.

    Carries the prompt and whatever raw output there was, so the audit log shows both.
    """

    def __init__(self, reason: str, *, prompt: list[dict] | None = None, raw: str | None = None):
        super().__init__(reason)
        self.reason, self.prompt, self.raw = reason, prompt, raw
