"""One validation layer: impossible numbers and dates are refused at every entry, naming the field."""

from __future__ import annotations

import json
import math

import pytest

from assistant.domain import Account, Play
from assistant.importers.csv_accounts import read_accounts_csv
from assistant.importers.errors import ImportProblem
from assistant.importers.history import validate_rows
from assistant.importers.snapshot import read_accounts
from tests.hardening.conftest import store_counts

BAD_SNAPSHOTS = {
    "nps NaN": ({"health": {"nps": float("nan")}}, "health.nps"),
    "nps 1000": ({"health": {"nps": 1000}}, "health.nps"),
    "csat 99": ({"health": {"csat": 99}}, "health.csat"),
    "negative escalations": ({"health": {"open_escalations": -2}}, "health.open_escalations"),
    "used over capacity": ({"owns": [{"product": "Data Platform", "capacity": 100, "used": 150}]}, "owns[0]"),
    "capacity NaN": ({"owns": [{"product": "Data Platform", "capacity": float("nan")}]}, "owns[0].capacity"),
    "negative value": ({"owns": [{"product": "Data Platform", "annual_value": -5}]}, "owns[0].annual_value"),
    "infinite target": ({"outcomes": [{"metric": "m", "target": float("inf")}]}, "outcomes[0].target"),
    "share above 1": ({"usage": {"adjacent_features": {"x": 7}}}, "usage.adjacent_features.x"),
    "year 9999": ({"renewal": {"date": "9999-12-31"}}, "renewal.date"),
}


@pytest.mark.parametrize("case", sorted(BAD_SNAPSHOTS))
def test_impossible_snapshot_values_are_refused_naming_the_field(case, tmp_path):
    fields, where = BAD_SNAPSHOTS[case]
    path = tmp_path / "accounts.yaml"  # YAML spells NaN and infinity .nan and .inf
    path.write_text(json.dumps({"name": "Acme", **fields}).replace("NaN", ".nan").replace("Infinity", ".inf"))
    with pytest.raises(ImportProblem) as raised:
        read_accounts(path)
    assert "accounts.yaml" in str(raised.value) and where in str(raised.value)


def test_valid_values_still_load():
    account = Account.model_validate({"name": "A", "health": {"nps": -100, "csat": 5, "open_escalations": 0},
                                      "owns": [{"product": "P", "capacity": 10, "used": 10}]})
    assert account.owns[0].utilization == 1


@pytest.mark.parametrize("cell,column", [("nan", "nps"), ("inf", "capacity"), ("-3", "open_escalations"),
                                         ("150", "csat")])
def test_csv_cells_are_validated_too(tmp_path, cell, column):
    path = tmp_path / "accounts.csv"
    path.write_text(f"name,product,{column}\nAcme,Data Platform,{cell}\n")
    with pytest.raises(ImportProblem):
        read_accounts_csv(path)


@pytest.mark.parametrize("row", [{"account": "A", "date": "2026-01-01", "nps": "nan"},
                                 {"account": "A", "date": "2026-01-01", "csat": "9"},
                                 {"account": "A", "date": "3026-01-01"}])
def test_history_rows_are_validated(row):
    with pytest.raises(ImportProblem):
        validate_rows("health", [row], "h.csv")


@pytest.mark.parametrize("amount", [-200000, float("nan"), float("inf")])
def test_a_play_amount_is_finite_and_not_negative(amount):
    with pytest.raises(ValueError):
        Play(product="Data Platform", amount=amount)


@pytest.mark.parametrize("option", [["--amount=-200000"], ["--amount", "nan"], ["--amount", "inf"],
                                    ["--today", "9999-12-31"], ["--date", "1066-10-14"]])
def test_check_refuses_impossible_options(demo_cli, option):
    result = demo_cli("check", "Acme Corp", "Data Platform", *option)
    assert result.exit_code == 2, result.output
    assert "error:" in result.output and "Traceback" not in result.output


def test_draft_with_a_negative_amount_drafts_nothing(demo_cli):
    result = demo_cli("draft", "Acme Corp", "Data Platform", "--amount=-200000", "--today", "2026-11-16")
    assert result.exit_code == 2 and "-200,000" not in result.output


def test_owned_product_must_be_in_the_catalog(demo_cli, tmp_path):
    before = store_counts(demo_cli.data_dir)
    path = tmp_path / "a.yaml"
    path.write_text("name: Newco\nowns:\n  - product: Data Platfrom X\n    capacity: 10\n")
    result = demo_cli("accounts", "import", str(path))
    assert result.exit_code == 2 and "'Data Platfrom X' is not in the catalog" in result.output
    assert store_counts(demo_cli.data_dir) == before


def _strict_json(text: str):
    def refuse(name):
        raise ValueError(f"{name} in --json output")

    return json.loads(text, parse_constant=refuse)


def test_json_output_is_always_valid_json(demo_cli):
    from assistant.cli.common import json_text

    assert _strict_json(json_text({"x": float("nan"), "y": [float("inf"), 1.5]})) == {"x": None, "y": [None, 1.5]}
    for args in (["accounts", "show", "Acme Corp", "--json"], ["check", "Acme Corp", "DQ", "--json"],
                 ["plan", "--format", "json", "--today", "2026-11-16"]):
        result = demo_cli(*args)
        assert result.exit_code == 0, result.output
        _strict_json(result.stdout)


def test_a_nan_stored_before_validation_names_the_account_not_a_rules_file(demo_cli):
    """A store written by an older version may hold a NaN: `coach plan` names the account to fix."""
    import sqlite3

    conn = sqlite3.connect(demo_cli.data_dir / "coach.sqlite")
    snapshot = json.loads(conn.execute("SELECT snapshot FROM accounts WHERE name_key='acme corp'").fetchone()[0])
    snapshot["health"]["nps"] = math.nan
    conn.execute("UPDATE accounts SET snapshot=? WHERE name_key='acme corp'", (json.dumps(snapshot),))
    conn.commit()
    conn.close()
    result = demo_cli("plan", "--today", "2026-11-16")
    assert result.exit_code == 2
    assert "stored account 'Acme Corp'" in result.output and "health.nps" in result.output
    assert "rules" not in result.output.split("error:")[1].split("health.nps")[0]
