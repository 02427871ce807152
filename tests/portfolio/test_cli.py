"""`coach plan` and `coach metrics` end to end, on the demo book in a temporary data folder."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

COACH = Path(sys.executable).with_name("coach")


@pytest.fixture
def coach(tmp_path):
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    for key in ("COACH_DATABASE_URL", "COACH_LLM_BASE_URL", "COACH_CHROMA_URL"):
        env.pop(key, None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(COACH), *args], capture_output=True, text=True, env=env, timeout=300)

    return run


def test_plan_json_focus_is_pitchable_and_blocked_accounts_say_why(coach):
    result = coach("plan", "--format", "json", "--today", "2026-05-12")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["book_size"] == len(plan["focus"]) + len(plan["later"]) + len(plan["blocked"]) > 0
    assert plan["focus"] and all(e["best_play"]["verdict"] == "pitch" for e in plan["focus"])
    assert all(e["best_play"]["verdict"] != "pitch" and e["blockers"] for e in plan["blocked"])
    assert all(b["remedy"] for e in plan["blocked"] for b in e["blockers"])
    ranks = [e["rank"] for e in plan["focus"]]
    assert ranks == sorted(ranks)


def test_plan_csv_markdown_and_table(coach):
    rows = list(csv.DictReader(io.StringIO(coach("plan", "--format", "csv", "--today", "2026-05-12").stdout)))
    assert rows and {r["section"] for r in rows} <= {"focus", "later", "blocked"}
    markdown = coach("plan", "--format", "markdown", "--today", "2026-05-12").stdout
    assert markdown.startswith("# Quarterly expansion plan") and "## Blocked" in markdown
    table = coach("plan", "--today", "2026-05-12")
    assert table.returncode == 0 and "Focus" in table.stdout


def test_plan_for_an_unknown_owner_fails_clearly(coach):
    result = coach("plan", "--owner", "Nobody Here")
    assert result.returncode == 2 and "No account owner named 'Nobody Here'" in result.stderr


def test_metrics_json_and_table(coach):
    result = coach("metrics", "--from", "2025-01-01", "--to", "2026-06-30", "--today", "2026-12-31", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["expansion_by_status"]) == {"retained", "pending", "dissatisfied", "churned"}
    assert data["revenue"]["expansion"] == sum(e["amount"] for e in data["expansions"])
    table = coach("metrics", "--from", "2025-01-01", "--to", "2026-06-30", "--today", "2026-12-31")
    assert table.returncode == 0 and "net revenue retention" in table.stdout


def test_metrics_rejects_a_reversed_period(coach):
    result = coach("metrics", "--from", "2026-01-01", "--to", "2025-01-01")
    assert result.returncode == 2 and "before --from" in result.stderr
