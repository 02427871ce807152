"""Errors a user can act on: each names what was wrong and what to do about it.

Every package raises subclasses of `CoachError`; the interfaces show the message as it is
(the CLI as one line on stderr with exit status 2, the web API as a 4xx body, Slack as a reply).
"""

from __future__ import annotations

from pydantic import ValidationError


class CoachError(Exception):
    """Base class: the message is shown to the user as it is."""


class InvalidInput(CoachError):
    """A value a caller passed (an option, a file, a name) that cannot be used as given."""


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
