"""Errors of the policy layer: a rule file that cannot be loaded, a play that does not fit."""

from __future__ import annotations

from assistant.errors import CoachError, InvalidInput, describe_validation  # noqa: F401 (older import path)


class RuleLoadError(CoachError):
    def __init__(self, file: str, rule: str | None, problem: str):
        where = f"{file}" + (f", rule '{rule}'" if rule else "")
        super().__init__(f"{where}: {problem}")
        self.file, self.rule, self.problem = file, rule, problem


class PlayError(CoachError):
    """The proposed play does not fit the account or catalog."""
