"""A drafter that could not produce a usable draft (the gate then re-asks or falls back to the template)."""

from __future__ import annotations

from assistant.errors import CoachError


class DraftFailure(CoachError):
    """Server down, timeout, HTTP error, or empty, garbage or over-long output.

    Carries the prompt and whatever raw output there was, so the audit log shows both.
    `retryable` is True for a reply that could not be read (asked again, sampled differently);
    a server that is down, answers with an error or runs out the deadline is not asked again.
    """

    def __init__(self, reason: str, *, prompt: list[dict] | None = None, raw: str | None = None,
                 retryable: bool = False):
        super().__init__(reason)
        self.reason, self.prompt, self.raw, self.retryable = reason, prompt, raw, retryable
