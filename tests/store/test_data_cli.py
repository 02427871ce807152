"""`coach accounts|catalog|priorities|history`, run in-process against a data dir in tmp_path."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from tests.store.conftest import DEMO_DIR


@pytest.fixture
def coach(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_LOAD_DEMO", "true")
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps cells at the terminal width
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args))

    return run


def test_accounts_list_show_and_owner_filter(coach):
    listed = coach("accounts", "list", "--json")
    assert listed.exit_code == 0, listed.output
    names = [a["name"] for a in json.loads(listed.stdout)]
    assert "Acme Corp" in names and len(names) >= 14
    mine = json.loads(coach("accounts", "list", "--owner", "jordan blake", "--json").stdout)
    assert mine and {a["owner"] for a in mine} == {"Jordan Blake"}
    table = coach("accounts", "list")
    assert table.exit_code == 0 and "Acme Corp" in table.stdout
    shown = coach("accounts", "show", "acme corp")
    assert shown.exit_code == 0 and "Priya Natarajan" in shown.stdout and "QBR 2026-04-10" in shown.stdout
    as_json = json.loads(coach("accounts", "show", "ACME CORP", "--json").stdout)
    assert as_json["owns"][0]["product"] == "Data Platform"


def test_unknown_account_is_an_error_with_candidates(coach):
    result = coach("accounts", "show", "Acmee")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: No account named 'Acmee'. Did you mean: Acme Corp?")


def test_accounts_import_yaml_and_csv(coach, tmp_path):
    snapshot = tmp_path / "more.yaml"
    snapshot.write_text("accounts:\n  - {name: Acme Corp, owner: Jordan Blake}\n  - {name: Zephyr Air, colour: blue}\n")
    result = coach("accounts", "import", str(snapshot))
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated" in result.stdout
    assert "warning:" in result.stderr and "colour" in result.stderr
    csv_file = tmp_path / "more.csv"
    csv_file.write_text("name,owner,nps\nYarrow Foods,Maya Lindqvist,12\n")
    assert "1 added, 0 updated" in coach("accounts", "import", str(csv_file)).stdout
    assert coach("accounts", "show", "yarrow foods", "--json").exit_code == 0


def test_bad_import_changes_nothing_and_exits_2(coach, tmp_path):
    before = coach("accounts", "list", "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,nps\nNew Co,10\nOther Co,high\n")
    result = coach("accounts", "import", str(bad))
    assert result.exit_code == 2
    assert "row 2 (line 3), column 'nps'" in result.stderr
    assert coach("accounts", "list", "--json").stdout == before
    wrong = tmp_path / "accounts.txt"
    wrong.write_text("x")
    assert coach("accounts", "import", str(wrong)).exit_code == 2


def test_catalog_show_and_import(coach, tmp_path):
    shown = json.loads(coach("catalog", "show", "--json").stdout)
    assert shown["vendor"]["name"] == "Northwind Data"
    assert "Governance Suite" in coach("catalog", "show").stdout
    small = tmp_path / "catalog.yaml"
    small.write_text("vendor: {name: Tiny}\nproducts:\n  - {name: Widget, kind: platform}\n")
    assert coach("catalog", "import", str(small)).exit_code == 0
    assert [p["name"] for p in json.loads(coach("catalog", "show", "--json").stdout)["products"]] == ["Widget"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("products:\n  - {name: Widget, kind: gadget}\n")
    result = coach("catalog", "import", str(broken))
    assert result.exit_code == 2 and "products[0].kind" in result.stderr


def test_priorities_add_list_remove(coach):
    added = coach("priorities", "add", "Fjord Bank", "henrik dahl", "regulatory compliance",
                  "--source", "QBR 2026-10-02", "--date", "2026-10-02")
    assert added.exit_code == 0, added.output
    assert "Henrik Dahl (Fjord Bank)" in added.stdout
    records = json.loads(coach("priorities", "list", "Fjord Bank", "--json").stdout)
    assert [(r["person"], r["priority"]) for r in records] == [("Henrik Dahl", "regulatory compliance")]
    assert records[0]["label"].startswith("QBR 2026-10-02, recorded ")
    assert "Fjord Bank" in coach("priorities", "list").stdout
    unknown = coach("priorities", "add", "Fjord Bank", "Nobody", "x")
    assert unknown.exit_code == 2 and "Ingrid Solberg, Henrik Dahl" in unknown.stderr
    assert coach("priorities", "remove", "Fjord Bank", "Henrik Dahl", "regulatory compliance").exit_code == 0
    again = coach("priorities", "remove", "Fjord Bank", "Henrik Dahl", "regulatory compliance")
    assert again.exit_code == 2 and "no recorded priority" in again.stderr


def test_history_import_and_show(coach, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("account,date,kind,product,amount\nAcme Corp,2026-11-01,expansion,Data Quality,350000\n")
    result = coach("history", "import", str(events), "--kind", "contract")
    assert result.exit_code == 0 and "1 new contract rows imported (0 already stored)" in result.stdout
    assert "0 new" in coach("history", "import", str(events), "--kind", "contract").stdout
    shown = json.loads(coach("history", "show", "--kind", "contract", "Acme Corp", "--json").stdout)
    assert shown[-1]["product"] == "Data Quality"
    assert coach("history", "import", str(events), "--kind", "revenue").exit_code == 2
    bad = tmp_path / "health.csv"
    bad.write_text("account,date,nps\nAcme Crop,2026-11-01,30\n")
    failed = coach("history", "import", str(bad), "--kind", "health")
    assert failed.exit_code == 2 and "row 1 (line 2), column 'account'" in failed.stderr


def test_demo_files_are_package_data():
    """pyproject's package-data patterns cover every demo file (a wheel must carry them); the
    loader's own modules ship as code."""
    patterns = ["*.yaml", "*.csv", "*.py"]
    for path in DEMO_DIR.iterdir():
        if path.is_file():
            assert any(path.match(p) for p in patterns), path
    assert all(p.suffix == ".yaml" for p in (DEMO_DIR / "scenarios").iterdir())
