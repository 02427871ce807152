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
    return Settings()


def open_store(config: Settings):
    from assistant.store import Store

    with user_errors():
        return Store.open(config)


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors():
    """Turn the project's own errors into one clear line on stderr and exit status 2."""
    from assistant.policy.errors import CoachError

    try:
        yield
    except CoachError as exc:
        fail(str(exc))


def day(value: dt.datetime | dt.date | None, option: str) -> dt.date | None:
    """A date option, checked against the documented range (assistant.validation)."""
    from assistant.validation import InvalidValue, check_date

    try:
        return check_date(value, option)
    except InvalidValue as exc:
        fail(str(exc))


def number(value: float | None, option: str, *, low: float | None = None, high: float | None = None):
    """A number option: finite and in range, or a clear error (exit 2)."""
    from assistant.validation import InvalidValue, check_number

    try:
        return check_number(value, option, low=low, high=high)
    except InvalidValue as exc:
        fail(str(exc))


def owner(store, value: str | None, config: Settings | None = None) -> str | None:
    """An --owner as on record: exact, or a typo-level match (said on stderr), else exit 2."""
    if value is None:
        return None
    from assistant.names import load_name_matching, resolve

    config = config or settings()
    with user_errors():
        found = resolve(value, store.owners(), "account owner", where=" in the store",
                        matching=load_name_matching(config.rules_dir))
    note = found.note("--owner")
    if note:
        typer.echo(f"note: {note}", err=True)
    return found.name


def validated(build: Callable[[], T]) -> T:
    """Build a model from command-line options; a bad option value is a clear error."""
    try:
        return build()
    except ValidationError as exc:
        from assistant.policy.errors import describe_validation

        fail(describe_validation(exc))


def _default(value):
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
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
