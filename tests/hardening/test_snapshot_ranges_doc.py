"""docs/snapshot-format.md's range table is what the validation layer enforces (it cannot drift)."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from pydantic import BaseModel, ValidationError

from assistant.config import PROJECT_ROOT
from assistant.domain import Account
from assistant.validation import Count, Csat, Date, Finite, NonNegative, Nps, Share, range_of, ranges_table

DOC = PROJECT_ROOT / "docs" / "snapshot-format.md"


def _documented_table() -> str:
    found = re.search(r"<!-- ranges:begin -->\n(.*?)\n<!-- ranges:end -->", DOC.read_text(), re.S)
    assert found, f"{DOC} lost its ranges markers"
    return found.group(1)


def test_the_documented_table_is_the_generated_one():
    expected = ranges_table(Account, "account.")
    assert _documented_table() == expected, (
        "docs/snapshot-format.md is out of date; replace the table between the ranges markers with:\n" + expected)


def test_the_table_covers_every_constrained_field():
    documented = dict(re.findall(r"^\| `([^`]+)` \| (.+) \|$", _documented_table(), re.M))
    assert documented["account.health.nps"] == "a finite number from -100 to 100"
    assert documented["account.health.open_escalations"] == "a whole number ≥ 0"
    assert documented["account.usage.adjacent_features.*"] == "a finite number from 0 to 1"
    assert documented["account.renewal.date"] == "a date from 1900-01-01 to 2199-12-31"


@pytest.mark.parametrize("kind, text", [
    (Finite, "a finite number"), (NonNegative, "a finite number ≥ 0"), (Count, "a whole number ≥ 0"),
    (Share, "a finite number from 0 to 1"), (Nps, "a finite number from -100 to 100"),
    (Csat, "a finite number from 0 to 5"), (Date, "a date from 1900-01-01 to 2199-12-31"),
    (float, "a number (NaN not refused)"), (str, None),
])
def test_each_validation_type_is_described_by_its_constraints(kind, text):
    assert range_of(kind) == text
    assert range_of(kind | None) == text


@pytest.mark.parametrize("path, value", [
    (("health", "nps"), 100.5), (("health", "csat"), 5.5), (("health", "open_escalations"), -1),
    (("usage", "adjacent_features", "reports"), 1.2), (("renewal", "date"), "2300-01-01"),
])
def test_a_value_just_outside_a_documented_range_is_refused(path, value):
    data: dict = {"name": "Acme Corp"}
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    with pytest.raises(ValidationError):
        Account.model_validate(data)


def test_a_new_constrained_field_appears_in_the_table():
    class Extra(BaseModel):
        seats: Annotated[int, Count.__metadata__[0]] | None = None
        items: list[Account] = []

    table = ranges_table(Extra)
    assert "| `seats` | a whole number ≥ 0 |" in table
    assert "| `items[].health.csat` | a finite number from 0 to 5 |" in table
