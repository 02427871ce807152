"""One validation layer for every number and date a user can give (CLI options, imports, API bodies).

The ranges are documented in docs/csv-format.md ("Value ranges") and, for the YAML/JSON snapshot,
in docs/snapshot-format.md (its table is `ranges_table(Account)`, checked by a test); the same annotated types are
used by the domain models (snapshots), the history rows and the command-line options, so a value
accepted at one entry is accepted at every other, and NaN or infinity is accepted nowhere.
"""

from __future__ import annotations

import datetime as dt
import math
import types
from typing import Annotated, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, Field
from pydantic.fields import FieldInfo

from assistant.errors import CoachError

# Dates outside this range are typos (2062 for 2026, year 9999) and would overflow date arithmetic.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)


class InvalidValue(CoachError):
    """A number or date outside what the field allows; the message names the field."""


def _date_in_range(value: dt.date) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"a date between {MIN_DATE} and {MAX_DATE} is expected")
    return value


Finite = Annotated[float, Field(allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Nps = Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
Csat = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]
Date = Annotated[dt.date, AfterValidator(_date_in_range)]


def check_date(value: dt.date | dt.datetime | None, what: str) -> dt.date | None:
    """A date from a command-line option (`--today`, `--date`...): in range, or InvalidValue."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    try:
        return _date_in_range(day)
    except ValueError as exc:
        raise InvalidValue(f"{what}: {exc} (got {day.isoformat()})") from None


def check_number(value: float | None, what: str, *, low: float | None = None,
                 high: float | None = None) -> float | None:
    """A number from a command-line option: finite and within [low, high], or InvalidValue."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidValue(f"{what}: a finite number is expected (got {value!r})")
    if low is not None and value < low or high is not None and value > high:
        bounds = (f"between {low:g} and {high:g}" if low is not None and high is not None
                  else f"at least {low:g}" if low is not None else f"at most {high:g}")
        raise InvalidValue(f"{what}: {bounds} is expected (got {value:g})")
    return value


def json_safe(value):
    """A copy where non-finite floats are null, so --json output is always valid JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


# ---- the ranges in words, for the docs (docs/snapshot-format.md is checked against these) ------

def _constraints(meta) -> tuple[float | None, float | None, bool]:
    low = high = None
    finite = False
    for item in meta:
        for constraint in (item.metadata if isinstance(item, FieldInfo) else [item]):
            low = getattr(constraint, "ge", low)
            high = getattr(constraint, "le", high)
            finite = finite or getattr(constraint, "allow_inf_nan", True) is False
    return low, high, finite


def range_of(annotation) -> str | None:
    """What the validation layer accepts for one number or date type, in words (None: neither)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return range_of(kept[0]) if len(kept) == 1 else None
    base, meta = (args[0], args[1:]) if origin is Annotated else (annotation, ())
    if base is dt.date:
        checked = any(isinstance(m, AfterValidator) and m.func is _date_in_range for m in meta)
        return f"a date from {MIN_DATE} to {MAX_DATE}" if checked else "a date (not range-checked)"
    if base not in (int, float) or base is bool:
        return None
    low, high, finite = _constraints(meta)
    noun = "a whole number" if base is int else "a finite number" if finite else "a number (NaN not refused)"
    if low is not None and high is not None:
        return f"{noun} from {low:g} to {high:g}"
    if low is not None:
        return f"{noun} ≥ {low:g}"
    if high is not None:
        return f"{noun} ≤ {high:g}"
    return noun


def range_rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str]]:
    """(field path, range) for every number and date in a model, nested models and lists included."""
    rows: list[tuple[str, str]] = []
    for name, field in model.model_fields.items():
        rows += _rows_for(f"{prefix}{name}", field.annotation if not field.metadata
                          else Annotated[(field.annotation, *field.metadata)])
    return rows


def _rows_for(path: str, annotation) -> list[tuple[str, str]]:
    described = range_of(annotation)
    if described is not None:
        return [(path, described)]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return [row for a in args if a is not type(None) for row in _rows_for(path, a)]
    if origin in (list, tuple) and args:
        return _rows_for(f"{path}[]", args[0])
    if origin is dict and len(args) == 2:
        return _rows_for(f"{path}.*", args[1])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return range_rows(annotation, prefix=f"{path}.")
    return []


def ranges_table(model: type[BaseModel], prefix: str = "") -> str:
    """The Markdown table of `range_rows`, as docs/snapshot-format.md shows it."""
    lines = ["| field | accepted values |", "| --- | --- |"]
    lines += [f"| `{path}` | {text} |" for path, text in range_rows(model, prefix)]
    return "\n".join(lines)
