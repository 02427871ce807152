"""Errors of the approval layer: bad draft rules, and a template draft that fails its own rules."""

from __future__ import annotations

from assistant.errors import CoachError
from assistant.policy.errors import RuleLoadError


class DraftRulesError(RuleLoadError):
    """rules/drafts is invalid; the message names the file, the check and the problem."""

    def __init__(self, file: str, check: str | None, problem: str):
        super().__init__(file, None, problem)
        where = f"{file}" + (f", check '{check}'" if check else "")
        self.args = (f"{where}: {problem}",)
        self.check = check


class TemplateRejected(CoachError):
    """The deterministic template produced a draft the rules refuse: a bug, never shown."""
