"""Errors a user can act on: each names what was wrong and what to do about it."""

from __future__ import annotations

from pydantic import ValidationError


class CoachError(Exception):
    """Base class: the message is shown to the user as it is."""


class RuleLoadError(CoachError):
    def __init__(self, file: str, rule: str | None, problem: str):
        where = f"{file}" + (f", rule '{rule}'" if rule else "")
        super().__init__(f"{where}: {problem}")
        self.file, self.rule, self.problem = file, rule, problem


class InvalidInput(CoachError):
    """A value a caller passed (an option, a file, a name) that cannot be used as given."""


class PlayError(CoachError):
    """The proposed play does not fit the account or catalog."""


def _location(loc: tuple, prefix: str) -> str:
    out = prefix
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe_validation(exc: ValidationError, prefix: str = "") -> str:
    """Every problem of a validation error as `where: what (got value)`, joined with '; '."""
    parts = []
    for error in exc.errors():
        where = _location(error["loc"], prefix) or "(top level)"
        got = error.get("input")
        shown = "" if isinstance(got, (dict, list)) else f" (got {got!r})"
        parts.append(f"{where}: {error['msg']}{shown}")
    return "; ".join(parts)
