"""One validation layer for every number and date a user can give (CLI options, imports, API bodies).

The ranges are documented in docs/csv-format.md ("Value ranges"); the same annotated types are
used by the domain models (snapshots), the history rows and the command-line options, so a value
accepted at one entry is accepted at every other, and NaN or infinity is accepted nowhere.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated

from pydantic import AfterValidator, Field

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
