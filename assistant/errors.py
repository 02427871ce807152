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


# -- users, sign-in and tokens (raised by assistant/store/users.py; the interfaces catch them) --
class UserError(CoachError):
    """A user-management request that cannot be done as asked (the message says why)."""


class UnknownUser(UserError):
    def __init__(self, name: str, known: list[str]):
        hint = f" Users: {', '.join(known)}." if known else " There are no users yet."
        super().__init__(f"No user named '{name}'.{hint} (`coach users add NAME --role am` adds one)")
        self.name = name


class SignInFailed(CoachError):
    """Wrong name or password; deliberately does not say which (the audit log does)."""

    def __init__(self, message: str = "Wrong user name or password."):
        super().__init__(message)


class UserLocked(SignInFailed):
    def __init__(self, until):
        super().__init__(f"Too many failed sign-ins; try again after {until:%H:%M} UTC "
                         "or ask an admin (`coach users unlock NAME`).")
        self.until = until


class TokenRejected(CoachError):
    """A bearer token or session that is unknown, expired or revoked (the reason says which)."""

    def __init__(self, reason: str, kind: str):
        what = "API token" if kind == "api" else "session"
        advice = ("ask an admin for a new one (`coach tokens create USER`)" if kind == "api"
                  else "sign in again")
        super().__init__(f"The {what} is {reason}; {advice}.")
        self.reason, self.kind = reason, kind


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
