"""`policy diff` on a small book checked by hand: saturation 0.85 -> 0.90.

One product (Data Platform, tiers Standard < Enterprise), so each account's candidate plays
are more_capacity, longer_term and (on Standard) higher_tier. Everyone is healthy and aligned
(a champion and budget owner whose priority the platform serves); nothing else signals, so
saturation is the only signal unless an outcome was met.

  account  utilization  outcome met  tier        plays  today            at 0.90
  Alpha    0.86         -            Standard    3      pitch            hold (no_signals)     3 stricter
  Bravo    0.88         yes          Standard    3      pitch            pitch (outcome.met)   reasons only
  Charlie  0.92         -            Standard    3      pitch            pitch                 unchanged
  Delta    0.84         yes          Standard    3      pitch            pitch                 unchanged
  Echo     0.87         -            Enterprise  2      pitch            hold                  2 stricter
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.domain import Account, Catalog
from assistant.policy.diff import diff_book
from assistant.policy.rules import load_ruleset
from assistant.render.policy_diff import render_markdown as render_result
from assistant.results import PolicyDiffResult
from assistant.yaml_io import read_yaml
from tests.policy_lifts.conftest import RULES_DIR

TODAY = dt.date(2026, 5, 12)


def render_markdown(report, limit=50):
    """The book diff as `coach policy diff` renders it (through its result model)."""
    return render_result(PolicyDiffResult.model_validate(report.to_dict()), limit)


def render_json(report):
    return PolicyDiffResult.model_validate(report.to_dict()).model_dump_json()


CATALOG = Catalog.model_validate({
    "vendor": {"name": "Northwind Data", "fiscal_quarter_end": "2026-06-30"},
    "products": [{"name": "Data Platform", "kind": "platform", "tiers": ["Standard", "Enterprise"],
                  "unit": "capacity units", "serves": ["faster reporting"], "used_by": ["analytics"]}],
})
BOOK = [("Alpha", 0.86, False, "Standard"), ("Bravo", 0.88, True, "Standard"), ("Charlie", 0.92, False, "Standard"),
        ("Delta", 0.84, True, "Standard"), ("Echo", 0.87, False, "Enterprise")]


def book() -> list[Account]:
    return [Account.model_validate({
        "name": name, "owner": "Jordan Blake",
        "owns": [{"product": "Data Platform", "tier": tier, "capacity": 1000, "used": round(utilization * 1000)}],
        "outcomes": [{"metric": "reporting cycle time", "met": True}] if met else [],
        "health": {"nps": 30, "open_escalations": 0, "sentiment": "positive"},
        "renewal": {"risk": "low"},
        "stakeholders": [{"name": f"{name} Champion", "roles": ["champion", "budget_owner"], "team": "analytics",
                          "priorities": ["faster reporting"], "saw_original_outcome": True}],
    }) for name, utilization, met, tier in BOOK]


@pytest.fixture(scope="module")
def params_file(tmp_path_factory) -> Path:
    params = read_yaml(RULES_DIR / "parameters.yaml")
    params["saturation"] = 0.90
    path = tmp_path_factory.mktemp("proposal") / "saturation-090.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


@pytest.fixture(scope="module")
def report(params_file):
    return diff_book(load_ruleset(RULES_DIR), load_ruleset(RULES_DIR, params_file=params_file), book(), CATALOG, TODAY)


def test_exactly_the_accounts_computed_by_hand_move(report):
    assert report.accounts == 5 and report.plays == 14
    moved = sorted((m.account, m.change, m.before, m.after, m.direction) for m in report.moves)
    assert moved == [
        ("Alpha", "higher_tier", "pitch", "hold", "stricter"),
        ("Alpha", "longer_term", "pitch", "hold", "stricter"),
        ("Alpha", "more_capacity", "pitch", "hold", "stricter"),
        ("Echo", "longer_term", "pitch", "hold", "stricter"),
        ("Echo", "more_capacity", "pitch", "hold", "stricter"),
    ]
    assert report.accounts_moved() == ["Alpha", "Echo"]
    assert not report.looser
    assert all(m.appeared == ["no_signals"] and m.disappeared == ["usage.saturation"] for m in report.moves)


def test_reason_codes_that_appear_and_disappear(report):
    assert dict(report.appeared) == {"no_signals": 5}
    assert dict(report.disappeared) == {"usage.saturation": 8}
    assert sorted({m.account for m in report.reasons_only}) == ["Bravo"] and len(report.reasons_only) == 3
    assert dict(report.before) == {"pitch": 14} and dict(report.after) == {"pitch": 9, "hold": 5}


def test_the_same_proposal_as_a_rules_folder(tmp_path, params_file, report):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    shutil.copy(params_file, tmp_path / "rules" / "parameters.yaml")
    again = diff_book(load_ruleset(RULES_DIR), load_ruleset(tmp_path / "rules"), book(), CATALOG, TODAY)
    assert [(m.account, m.change) for m in again.moves] == [(m.account, m.change) for m in report.moves]


def test_no_change_moves_nothing():
    same = diff_book(load_ruleset(RULES_DIR), load_ruleset(RULES_DIR), book(), CATALOG, TODAY)
    assert not same.moves and not same.reasons_only and same.plays == 14


def test_worker_processes_give_the_same_report(params_file, report):
    seen = []
    parallel = diff_book(load_ruleset(RULES_DIR), load_ruleset(RULES_DIR, params_file=params_file), book() * 3,
                         CATALOG, TODAY, workers=2, batch_size=2, on_progress=seen.append)
    assert sum(seen) == 15 and parallel.plays == 42
    assert [(m.account, m.change) for m in parallel.moves] == [(m.account, m.change) for m in report.moves] * 3


def test_markdown_and_json(report):
    markdown = render_markdown(report)
    assert "5 verdicts move (5 stricter, 0 looser) on 2 accounts; 3 more plays change reasons only" in markdown
    assert "| `usage.saturation` | 0 | 8 |" in markdown and "| `no_signals` | 5 | 0 |" in markdown
    assert "| Alpha | Data Platform (higher_tier) | pitch | hold | stricter | no_signals | usage.saturation |" \
        in markdown
    data = json.loads(render_json(report))
    assert (data["moved"], data["stricter"], data["looser"], data["accounts_moved"]) == (5, 5, 0, ["Alpha", "Echo"])
    assert data["codes_appeared"] == {"no_signals": 5} and len(data["reason_changes"]) == 3


def test_markdown_limit_says_how_many_are_left_out(report):
    assert "… and 3 more moves" in render_markdown(report, limit=2)


@pytest.fixture
def store_env(tmp_path):
    from assistant.config import Settings
    from assistant.store import Store

    settings = Settings(data_dir=tmp_path / "data", load_demo=False)
    store = Store.open(settings)
    store.replace_catalog(CATALOG)
    store.import_accounts(book())
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(COACH_DATA_DIR=str(settings.data_dir), COACH_LOAD_DEMO="false")
    return env


def _coach(env, *args):
    coach = Path(sys.executable).with_name("coach")
    return subprocess.run([str(coach), "policy", "diff", *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_json_from_the_store(store_env, params_file):
    result = _coach(store_env, "--params", str(params_file), "--format", "json", "--today", "2026-05-12")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["accounts"], data["plays"], data["moved"], data["accounts_moved"]) == (5, 14, 5, ["Alpha", "Echo"])


def test_cli_markdown_and_table(store_env, params_file):
    markdown = _coach(store_env, "--params", str(params_file), "--format", "markdown", "--today", "2026-05-12")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# Policy diff")
    table = _coach(store_env, "--params", str(params_file), "--today", "2026-05-12")
    assert table.returncode == 0 and "Verdicts that move" in table.stdout


@pytest.mark.parametrize("args, message", [
    ((), "give --rules OTHER_RULES_DIR and/or --params FILE"),
    (("--params", "/nonexistent.yaml"), "parameters file not found"),
    (("--rules", "/nonexistent"), "rules folder not found"),
    (("--params", "__P__", "--format", "xml"), "--format must be one of table, markdown, json"),
])
def test_cli_errors(store_env, params_file, args, message):
    args = tuple(str(params_file) if a == "__P__" else a for a in args)
    result = _coach(store_env, *args)
    assert result.returncode == 2 and message in result.stderr
