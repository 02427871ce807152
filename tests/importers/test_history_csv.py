"""History CSV files: contract events, play outcomes, health readings."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.importers.errors import ImportProblem
from assistant.importers.history import HISTORY_KINDS, read_history_csv

DEMO = PROJECT_ROOT / "assistant" / "demo"


def _write(tmp_path, text: str):
    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind, file", [("contract", "contract_events.csv"), ("outcomes", "play_outcomes.csv"),
                                        ("health", "health_history.csv")])
def test_demo_history_files_are_valid(kind, file):
    rows, labels = read_history_csv(DEMO / file, kind)
    assert len(rows) == len(labels) >= 10
    assert labels[0] == "row 1 (line 2)"


def test_errors_name_row_line_and_column(tmp_path):
    path = _write(tmp_path, "account,date,nps,csat,open_escalations\n"
                            "Acme,2026-01-01,30,4,0\n"
                            "Acme,2026-02-30,30,4,0\n")
    with pytest.raises(ImportProblem) as caught:
        read_history_csv(path, "health")
    assert str(caught.value).startswith(f"{path}: row 2 (line 3), column 'date'")


def test_missing_columns_and_kinds(tmp_path):
    path = _write(tmp_path, "account,amount\nAcme,1\n")
    with pytest.raises(ImportProblem, match=r"line 1: missing column\(s\) date, kind"):
        read_history_csv(path, "contract")
    with pytest.raises(ImportProblem, match="unknown history kind 'revenue'"):
        read_history_csv(path, "revenue")
    assert set(HISTORY_KINDS) == {"contract", "outcomes", "health"}


def test_cell_count_and_blank_rows(tmp_path):
    ok = _write(tmp_path, "account,date,kind\nAcme,2026-01-01,new\n,,\n\nAcme,2026-02-01,expansion\n")
    rows, labels = read_history_csv(ok, "contract")
    assert [r.kind for r in rows] == ["new", "expansion"]
    bad = _write(tmp_path, "account,date,kind\nAcme,2026-01-01,new,extra\n")
    with pytest.raises(ImportProblem, match=r"row 1 \(line 2\): 3 cells expected"):
        read_history_csv(bad, "contract")


def test_empty_cells_are_unknown(tmp_path):
    path = _write(tmp_path, "account,date,nps,csat,open_escalations\nAcme,2026-01-01,,4.2,\n")
    (row,), _ = read_history_csv(path, "health")
    assert row.nps is None and row.open_escalations is None and row.csat == 4.2
