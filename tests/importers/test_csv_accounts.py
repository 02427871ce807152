"""The CSV form of the account facts (docs/csv-format.md)."""

from __future__ import annotations

import re

import pytest

from assistant.config import PROJECT_ROOT
from assistant.importers.csv_accounts import KNOWN_COLUMNS, read_accounts_csv
from assistant.importers.errors import ImportProblem
from assistant.importers.snapshot import read_accounts

DOC = PROJECT_ROOT / "docs" / "csv-format.md"
HEADER = ("name,owner,product,tier,capacity,used,nps,csat,open_escalations,sentiment,renewal_date,renewal_risk,"
          "outcome_metric,outcome_target,outcome_achieved,outcome_met,champion_name,champion_team,"
          "champion_roles,champion_priorities,executive_name,executive_priorities")


def _write(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_one_row_per_account(tmp_path):
    path = _write(tmp_path,
                  'Acme Corp,Jordan Blake,Data Platform,Standard,"1,000",920,40,4.5,0,Positive,2027-08-01,low,'
                  'attributed pipeline,3000000,4200000,yes,Dana Ruiz,marketing operations,budget_owner,'
                  'pipeline growth,Priya Natarajan,data trust; audit readiness')
    (acme,), warnings = read_accounts_csv(path)
    assert warnings == []
    assert acme.owner == "Jordan Blake"
    assert acme.owns[0].capacity == 1000 and acme.owns[0].utilization == pytest.approx(0.92)
    assert acme.health.sentiment == "positive" and acme.health.open_escalations == 0
    assert acme.renewal.risk == "low" and acme.outcomes[0].met is True
    dana, priya = acme.stakeholders
    assert dana.roles == ["champion", "budget_owner"] and dana.team == "marketing operations"
    assert priya.roles == ["executive"] and priya.priorities == ["data trust", "audit readiness"]


def test_more_rows_add_products_outcomes_and_people(tmp_path):
    path = _write(tmp_path,
                  "Acme Corp,Jordan Blake,Data Platform,Standard,1000,920,40,,,,,,pipeline,3,4,true,Dana Ruiz,,,,,",
                  "acme corp,,Data Quality,,300,100,40,,,,,,,,,,Tom Becker,data engineering,user_lead,,,",
                  "Acme Corp,,,,,,,,,,,,,,,,Dana Ruiz,,,campaign speed,Priya Natarajan,data trust",
                  "Borealis Freight,Maya Lindqvist,Data Platform,Standard,500,200,,,,,,,,,,,,,,,,")
    accounts, _ = read_accounts_csv(path)
    acme, borealis = accounts
    assert [o.product for o in acme.owns] == ["Data Platform", "Data Quality"]
    assert [p.name for p in acme.stakeholders] == ["Dana Ruiz", "Tom Becker", "Priya Natarajan"]
    assert acme.stakeholder("Dana Ruiz").priorities == ["campaign speed"]
    assert acme.stakeholder("Tom Becker").roles == ["champion", "user_lead"]
    assert borealis.owns[0].utilization == pytest.approx(0.4)


def test_empty_cells_are_unknown(tmp_path):
    path = _write(tmp_path, "Harbor,,Data Platform,,500,,,,,,,,,,,,,,,,,")
    (harbor,), _ = read_accounts_csv(path)
    assert harbor.owner is None and harbor.health.nps is None and harbor.owns[0].used is None
    assert harbor.outcomes == [] and harbor.stakeholders == []


@pytest.mark.parametrize("row, where, column, expected", [
    ("Acme,,Data Platform,,1000,lots,,,,,,,,,,,,,,,,", "row 1 (line 2)", "used", "a number"),
    ("Acme,,,,,,,,,angry,,,,,,,,,,,,", "row 1 (line 2)", "sentiment", "one of: positive, neutral, negative"),
    ("Acme,,,,,,,,,,01/08/2027,,,,,,,,,,,", "row 1 (line 2)", "renewal_date", "a date as YYYY-MM-DD"),
    ("Acme,,,,,,,,,,,,pipeline,,,perhaps,,,,,,", "row 1 (line 2)", "outcome_met", "true or false"),
    ("Acme,,,,,,,,1.5,,,,,,,,,,,,,", "row 1 (line 2)", "open_escalations", "a whole number"),
    ("Acme,,,,,,,,,,,,,,,,Dana,,boss,,,", "row 1 (line 2)", "champion_roles", "champion, budget_owner"),
    (",Jordan,,,,,,,,,,,,,,,,,,,,", "row 1 (line 2)", "name", "account name"),
    ("Acme,,,,1000,900,,,,,,,,,,,,,,,,", "row 1 (line 2)", "product", "is empty but 'capacity' is filled"),
])
def test_errors_name_row_column_and_expectation(tmp_path, row, where, column, expected):
    path = _write(tmp_path, row)
    with pytest.raises(ImportProblem) as caught:
        read_accounts_csv(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {where}, column '{column}'")
    assert expected in message


def test_row_numbers_count_data_rows_and_lines(tmp_path):
    path = _write(tmp_path,
                  "Acme,,,,,,40,,,,,,,,,,,,,,,",
                  "Borealis,,,,,,10,,,,,,,,,,,,,,,",
                  "Acme,,,,,,35,,,,,,,,,,,,,,,")
    with pytest.raises(ImportProblem) as caught:
        read_accounts_csv(path)
    message = str(caught.value)
    assert "row 3 (line 4), column 'nps'" in message and "differs from" in message


def test_multi_line_cells_keep_line_numbers_right(tmp_path):
    path = _write(tmp_path, 'Acme,"Jordan\nBlake",,,,,,,,,,,,,,,,,,,,', "Borealis,,,,,,x,,,,,,,,,,,,,,,")
    with pytest.raises(ImportProblem, match=r"row 2 \(line 4\), column 'nps'"):
        read_accounts_csv(path)


def test_header_problems(tmp_path):
    with pytest.raises(ImportProblem, match="no 'name' column"):
        read_accounts_csv(_write(tmp_path, "x", header="account,owner"))
    with pytest.raises(ImportProblem, match="nps appear more than once"):
        read_accounts_csv(_write(tmp_path, "Acme,1,2", header="name,nps,NPS"))
    with pytest.raises(ImportProblem, match=r"row 1 \(line 2\): 3 cells, but the header has 2"):
        read_accounts_csv(_write(tmp_path, "Acme,1,2", header="name,nps"))
    with pytest.raises(ImportProblem, match="no account rows"):
        read_accounts_csv(_write(tmp_path, header="name,nps"))
    with pytest.raises(ImportProblem, match="file not found"):
        read_accounts_csv(tmp_path / "missing.csv")


def test_unknown_columns_are_warnings(tmp_path):
    (acme,), warnings = read_accounts_csv(_write(tmp_path, "Acme,3", header="name,colour"))
    assert warnings == [f"{tmp_path / 'accounts.csv'}: unknown column 'colour' ignored"]


def test_shares_and_lists(tmp_path):
    header = "name,adjacent_features,needs_expressed,organic_new_users_90d,strategy_kind,strategy_detail"
    path = _write(tmp_path, "Acme,schema checks=0.7; null profiling=55%,governance; audit,40,initiative,data trust",
                  "Acme,lineage view=0.2,audit,,growth,", header=header)
    (acme,), _ = read_accounts_csv(path)
    assert acme.usage.adjacent_features == {"schema checks": 0.7, "null profiling": 0.55, "lineage view": 0.2}
    assert acme.needs_expressed == ["governance", "audit"]
    assert [s.kind for s in acme.strategy] == ["initiative", "growth"]
    with pytest.raises(ImportProblem, match="column 'adjacent_features': expected a share between 0 and 1"):
        read_accounts_csv(_write(tmp_path, "Acme,schema checks=7,,,,", header=header))


def test_the_documented_example_imports(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "example.csv"
    path.write_text(example, encoding="utf-8")
    (acme,), warnings = read_accounts_csv(path)
    assert warnings == []
    assert [p.name for p in acme.stakeholders] == ["Dana Ruiz", "Priya Natarajan", "Tom Becker"]
    demo = {a.name: a for a in read_accounts(PROJECT_ROOT / "assistant" / "demo" / "accounts.yaml")[0]}
    assert acme.owns == demo["Acme Corp"].owns


def test_every_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    prefixed = {"champion_", "executive_", "stakeholder_"}
    for column in KNOWN_COLUMNS:
        short = next((column[len(p):] for p in prefixed if column.startswith(p)), column)
        assert f"`{short}`" in text, f"column {column} is not documented in docs/csv-format.md"
