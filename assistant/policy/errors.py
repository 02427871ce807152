"""Errors a user can act on: each names what was wrong and what to do about it."""


class CoachError(Exception):
    """Base class: the message is shown to the user as it is."""


class RuleLoadError(CoachError):
    def __init__(self, file: str, rule: str | None, problem: str):
        where = f"{file}" + (f", rule '{rule}'" if rule else "")
        super().__init__(f"{where}: {problem}")
        self.file, self.rule, self.problem = file, rule, problem


class PlayError(CoachError):
    """The proposed play does not fit the account or catalog."""
