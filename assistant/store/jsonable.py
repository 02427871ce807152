"""Turn models, dates, dataclasses and enums into plain JSON values (for JSON columns and --json)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from pathlib import Path

from pydantic import BaseModel


_PLAIN = (str, int, float, bool, type(None))


def jsonable(value):
    # Exact types first: audit payloads are mostly model dumps already, i.e. plain JSON values
    # (a str or int subclass such as an enum still goes the long way below).
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(k): jsonable(v) for k, v in value.items()}
    if kind is list:
        return [jsonable(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
