"""`coach draft` and `coach qbr` through the real console script, on a store in tmp_path that
holds the shared scenarios' accounts and catalog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.domain import Catalog
from assistant.scenarios import read_scenario
from assistant.store import Store

from .conftest import scenario_path

COACH = Path(sys.executable).with_name("coach")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("coach-data")
    store = Store.open(Settings(data_dir=data, load_demo=False, database_url=None))
    scenarios = [read_scenario(scenario_path(p))[0] for p in ("02", "03")]
    store.replace_catalog(Catalog(vendor=scenarios[0].vendor, products=scenarios[0].catalog))
    store.import_accounts([s.account for s in scenarios])
    store.close()
    return data


@pytest.fixture
def coach(data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update({"COACH_DATA_DIR": str(data_dir), "COACH_LOAD_DEMO": "false", "HF_HUB_OFFLINE": "1"})

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(COACH), *args], capture_output=True, text=True, env=env, timeout=300)

    return run


def test_draft_shows_three_parts_who_drafted_and_approval(coach, data_dir):
    done = coach("draft", "Acme Corp", "Data Quality", "--to", "Priya Natarajan", "--amount", "350000",
                 "--today", "2026-05-12")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Drafted by template; passed approval" in out
    assert out.index("1. Outcome anchor") < out.index("2. Next step") < out.index("3. Ask")
    assert "Data trust" in out and "350,000 USD a year" in out
    kinds = [e["kind"] for e in Store.open(Settings(data_dir=data_dir, load_demo=False)).audit_entries()]
    assert "talk_track_attempt" in kinds and "talk_track" in kinds


def test_draft_json(coach):
    done = coach("draft", "Acme Corp", "Data Platform", "--amount", "200000", "--today", "2026-05-12", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["kind"] == "talk_track" and data["approved"] is True and data["drafter_name"] == "template"
    assert set(data["parts"]) == {"outcome_anchor", "next_step", "ask"}


def test_blocked_play_shows_the_remedy_plan_instead(coach):
    done = coach("draft", "Borealis Freight", "Data Platform", "--today", "2026-05-12")
    assert done.returncode == 0, done.stderr
    assert "the verdict is INTERVENE, so no pitch is drafted" in done.stdout
    assert "Remedy plan:" in done.stdout and "adoption" in done.stdout
    assert "Outcome anchor" not in done.stdout


def test_qbr_markdown_and_json(coach):
    markdown = coach("qbr", "Acme Corp", "--today", "2026-05-12")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# QBR: Acme Corp") and "## What comes next" in markdown.stdout
    as_json = coach("qbr", "Borealis Freight", "--format", "json", "--today", "2026-05-12")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["adoption_plan"]


def test_bad_input_is_a_clear_error(coach):
    unknown = coach("draft", "Nobody Inc", "Data Platform")
    assert unknown.returncode == 2 and "Nobody Inc" in unknown.stderr
    bad_format = coach("qbr", "Acme Corp", "--format", "xml")
    assert bad_format.returncode == 2 and "markdown or json" in bad_format.stderr


@pytest.mark.parametrize("variable, value, named", [
    ("COACH_LLM_TIMEOUT_S", "sixty", "COACH_LLM_TIMEOUT_S='sixty'"),
    ("COACH_LLM_BASE_URL", "127.0.0.1:8080/v1", "needs http:// or https://"),
    ("COACH_LLM_MODE", "poetry", "COACH_LLM_MODE='poetry'"),
])
def test_bad_llm_settings_stop_at_start_up_with_one_line(data_dir, variable, value, named):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update({"COACH_DATA_DIR": str(data_dir), "COACH_LOAD_DEMO": "false", variable: value})
    done = subprocess.run([str(COACH), "draft", "Acme Corp", "Data Platform"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 2, done.stderr
    assert named in done.stderr and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
