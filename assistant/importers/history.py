"""Account history for the quarterly plan and the metrics: contract events, play outcomes and
health readings, one CSV per kind (documented in docs/csv-format.md).

Each row is validated on its own so an error names the row, the column and what was expected;
the store imports a file in one transaction, so a bad row means nothing from the file is kept.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator

from assistant.domain import Change
from assistant.validation import Count, Csat, Date, NonNegative, Nps
from assistant.importers.errors import ImportProblem, checked_file
from assistant.strict import StrictModel


class _Row(StrictModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    account: str = Field(min_length=1)

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_unknown(cls, value):
        # An empty CSV cell means "unknown", never zero.
        return None if isinstance(value, str) and not value.strip() else value


class ContractEvent(_Row):
    date: Date
    kind: Literal["expansion", "contraction", "churn", "new"]
    product: str | None = None
    # The annual recurring value that changed, always positive: `kind` gives the direction.
    amount: NonNegative | None = None


class PlayOutcome(_Row):
    product: str = Field(min_length=1)
    change: Change | None = None
    outcome: Literal["won", "lost", "deferred"]
    date: Date
    amount: NonNegative | None = None


class HealthReading(_Row):
    date: Date
    nps: Nps | None = None
    csat: Csat | None = None
    open_escalations: Count | None = None


HISTORY_KINDS: dict[str, type[_Row]] = {
    "contract": ContractEvent,
    "outcomes": PlayOutcome,
    "health": HealthReading,
}


def _describe(exc: ValidationError, where: str) -> str:
    parts = []
    for error in exc.errors():
        column = ".".join(str(p) for p in error["loc"]) or "(row)"
        got = error.get("input")
        shown = "" if isinstance(got, (dict, list)) or got is None else f" (got {got!r})"
        if error["type"] == "extra_forbidden":
            parts.append(f"{where}: unknown column '{column}'")
        elif error["type"] == "missing":
            parts.append(f"{where}, column '{column}': a value is required")
        else:
            parts.append(f"{where}, column '{column}': {error['msg']}{shown}")
    return "; ".join(parts)


def validate_rows(kind: str, rows: list[dict], source: str,
                  where: list[str] | None = None) -> list[_Row]:
    """Rows as models, or an ImportProblem naming the first bad row (`where` labels each row)."""
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise ImportProblem(source, f"unknown history kind '{kind}' (expected one of: {', '.join(HISTORY_KINDS)})")
    out = []
    for index, row in enumerate(rows):
        label = where[index] if where else f"row {index + 1}"
        if not isinstance(row, dict):
            raise ImportProblem(source, f"{label}: expected a mapping of column to value")
        try:
            out.append(model.model_validate(row))
        except ValidationError as exc:
            raise ImportProblem(source, _describe(exc, label)) from None
    return out


def read_history_csv(path: Path, kind: str, max_bytes: int | None = None) -> tuple[list[_Row], list[str]]:
    """The validated rows of a history CSV and the label ("row 3 (line 4)") of each row."""
    source = str(path)
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise ImportProblem(source, f"unknown history kind '{kind}' (expected one of: {', '.join(HISTORY_KINDS)})")
    checked_file(path, max_bytes)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [name for name, spec in model.model_fields.items()
                       if spec.is_required() and name not in header]
            if missing:
                raise ImportProblem(source, f"line 1: missing column(s) {', '.join(missing)} "
                                            f"(columns for '{kind}': {', '.join(model.model_fields)})")
            rows, labels = [], []
            for number, raw in enumerate(reader, start=1):
                if None in raw or None in raw.values():
                    raise ImportProblem(source, f"row {number} (line {reader.line_num}): "
                                                f"{len(header)} cells expected, as in the header")
                values = {k.strip(): v for k, v in raw.items() if k.strip() or v.strip()}
                if not any(v.strip() for v in values.values()):
                    continue  # blank line
                rows.append(values)
                labels.append(f"row {number} (line {reader.line_num})")
    except FileNotFoundError:
        raise ImportProblem(source, "file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportProblem(source, f"cannot be read as a UTF-8 CSV file ({exc})") from None
    if not rows:
        raise ImportProblem(source, "no rows after the header")
    return validate_rows(kind, rows, source, labels), labels
