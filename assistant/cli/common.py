"""Helpers every command module shares: settings, the store, errors and JSON output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from contextlib import contextmanager
from typing import Callable, NoReturn, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from assistant.config import Settings

T = TypeVar("T")


def settings() -> Settings:
    """The COACH_* settings; a bad one (a timeout that is not a number, a URL without a scheme)
    stops the command at start-up with one line naming the variable, exit status 2."""
    from assistant.config import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        fail(str(exc))


def make_coach(config: Settings | None = None):
    """The service API every command calls (assistant.coach.Coach)."""
    from assistant.coach import Coach

    return Coach(config or settings())


def current_user() -> str | None:
    """Who runs the command, for the audit log: the login name."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): the entry is logged without one
        return None


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors():
    """Turn the project's own errors into one clear line on stderr and exit status 2."""
    from assistant.errors import CoachError

    try:
        yield
    except CoachError as exc:
        fail(str(exc))


def day(value: dt.datetime | dt.date | None, option: str = "--today") -> dt.date | None:
    """A --today/--date option (typer parses dates as datetimes) as a date, checked against the
    documented range (assistant.validation): year 9999 is a clear error, not an overflow later."""
    from assistant.validation import InvalidValue, check_date

    try:
        return check_date(value, option)
    except InvalidValue as exc:
        fail(str(exc))


def validated(build: Callable[[], T]) -> T:
    """Build a model from command-line options; a bad option value is a clear error."""
    try:
        return build()
    except ValidationError as exc:
        from assistant.errors import describe_validation

        fail(describe_validation(exc))


def _default(value):
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def json_text(value) -> str:
    """Always valid JSON: a non-finite float (which JSON cannot carry) is written as null."""
    from assistant.validation import json_safe

    plain = json.loads(json.dumps(value, default=_default, ensure_ascii=False))
    return json.dumps(json_safe(plain), indent=2, ensure_ascii=False, allow_nan=False)


def print_json(value) -> None:
    sys.stdout.write(json_text(value))
    sys.stdout.write("\n")


def print_result(result) -> None:
    """A result model (assistant.results) as JSON: exactly its schema (docs/schema/)."""
    sys.stdout.write(result.model_dump_json(indent=2, by_alias=True))
    sys.stdout.write("\n")
