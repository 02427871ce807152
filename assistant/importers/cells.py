"""Parsing single CSV cells into typed values, with an error that says what was expected.

An empty cell is None ("unknown"), never zero or false. Closed vocabularies (sentiment, roles,
renewal risk...) are read from the domain models' Literal types, so they are defined once.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Callable

from pydantic import BaseModel

Parser = Callable[[str], object]
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class CellError(ValueError):
    """`expected` is shown to the user after the row and column: "expected a number"."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def literal_values(model: type[BaseModel], field: str) -> list[str]:
    """The allowed values of a Literal field (also inside Optional[...] or list[...])."""
    found: list[str] = []

    def walk(annotation) -> None:
        if typing.get_origin(annotation) is typing.Literal:
            found.extend(typing.get_args(annotation))
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(model.model_fields[field].annotation)
    return found


def text(cell: str) -> str:
    return " ".join(cell.split())


def number(cell: str) -> float:
    raw = cell.strip().replace("_", "")
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        raise CellError("a number such as 1200 or 0.85") from None


def integer(cell: str) -> int:
    value = number(cell)
    if not value.is_integer():
        raise CellError("a whole number")
    return int(value)


def share(cell: str) -> float:
    """A share of users: 0.7 or 70%."""
    raw = cell.strip()
    value = number(raw[:-1]) / 100 if raw.endswith("%") else number(raw)
    if not 0 <= value <= 1:
        raise CellError("a share between 0 and 1 (or a percentage such as 70%)")
    return value


def boolean(cell: str) -> bool:
    raw = cell.strip().casefold()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellError("true or false (also yes/no, 1/0)")


def date(cell: str) -> dt.date:
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        raise CellError("a date as YYYY-MM-DD") from None


def items(cell: str) -> list[str]:
    """A semicolon-separated list: "data trust; audit readiness"."""
    return [text(part) for part in cell.split(";") if part.strip()]


def choice(values: list[str]) -> Parser:
    by_key = {v.casefold(): v for v in values}

    def parse(cell: str) -> str:
        found = by_key.get(text(cell).casefold().replace(" ", "_")) or by_key.get(text(cell).casefold())
        if found is None:
            raise CellError(f"one of: {', '.join(values)}")
        return found

    return parse


def choices(values: list[str]) -> Parser:
    one = choice(values)

    def parse(cell: str) -> list[str]:
        try:
            return [one(part) for part in items(cell)]
        except CellError:
            raise CellError(f"a semicolon-separated list of: {', '.join(values)}") from None

    return parse


def feature_shares(cell: str) -> dict[str, float]:
    """Adjacent-feature use: "schema checks=0.7; null profiling=55%"."""
    found = {}
    for part in items(cell):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise CellError("feature=share pairs separated by semicolons, "
                            "e.g. 'schema checks=0.7; lineage view=55%'")
        found[text(name)] = share(value)
    return found
