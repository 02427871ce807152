"""Concurrent writers and kills: real processes on one SQLite file, then counts and integrity_check.

- four first runs at once on a new data directory: one schema, one demo;
- the same history file imported by four processes at once: stored once;
- the same accounts file imported at once: no IntegrityError, one row per account;
- first runs and imports killed with SIGKILL at random moments: the next start recovers, the
  counts equal an undisturbed run's and SQLite's integrity_check says ok.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest

from assistant.config import PROJECT_ROOT
from tests.hardening.conftest import PYTHON, store_counts, subprocess_env
from tests.support.demo_copies import copy_demo

OPEN_STORE = ("from assistant.config import Settings; from assistant.demo.loader import open_store; "
              "open_store(Settings()).close()")
DEMO = PROJECT_ROOT / "assistant" / "demo"


def _start(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([PYTHON, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cli(*args: str) -> list[str]:
    return ["-m", "assistant.cli.main", *args]


def _wait_all(processes: list[subprocess.Popen]) -> list[tuple[int, str]]:
    return [(p.wait(timeout=300), p.stderr.read()) for p in processes]


@pytest.fixture(scope="module")
def reference_counts(tmp_path_factory) -> dict:
    """What one undisturbed first run stores."""
    tmp = tmp_path_factory.mktemp("reference")
    done = subprocess.run([PYTHON, "-c", OPEN_STORE], env=subprocess_env(tmp), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    counts = store_counts(tmp / "data")
    assert counts["accounts"] >= 14 and counts["integrity"] == "ok"
    return counts


def test_concurrent_first_runs_make_one_store(tmp_path, reference_counts):
    env = subprocess_env(tmp_path)
    results = _wait_all([_start(["-c", OPEN_STORE], env) for _ in range(4)])
    assert all(code == 0 for code, _ in results), results
    assert store_counts(tmp_path / "data") == reference_counts


def test_concurrent_history_imports_store_each_row_once(tmp_path, reference_counts, demo_template):
    env = subprocess_env(tmp_path)
    copy_demo(demo_template, tmp_path / "data")  # the first run is the subject of the tests above and below
    history = tmp_path / "health.csv"
    lines = ["account,date,nps,csat,open_escalations"] + [
        f"Acme Corp,2025-{month:02d}-15,{10 + month},4.{month % 10},0" for month in range(1, 13)]
    history.write_text("\n".join(lines) + "\n")
    results = _wait_all([_start(_cli("history", "import", str(history), "--kind", "health"), env)
                         for _ in range(4)])
    assert all(code == 0 for code, _ in results), results
    counts = store_counts(tmp_path / "data")
    assert counts["health_history"] == reference_counts["health_history"] + 12
    again = subprocess.run([PYTHON, *_cli("history", "import", str(history), "--kind", "health")], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "0 new health rows" in again.stdout
    assert store_counts(tmp_path / "data") == counts


def test_concurrent_account_imports_do_not_collide(tmp_path, reference_counts, demo_template):
    env = subprocess_env(tmp_path)
    copy_demo(demo_template, tmp_path / "data")
    accounts = tmp_path / "new.yaml"
    accounts.write_text("accounts:\n" + "".join(f"  - name: Newco {i}\n    owner: Jordan Blake\n" for i in range(30)))
    results = _wait_all([_start(_cli("accounts", "import", str(accounts)), env) for _ in range(4)])
    assert all(code == 0 for code, _ in results), results
    counts = store_counts(tmp_path / "data")
    assert counts["accounts"] == reference_counts["accounts"] + 30 and counts["integrity"] == "ok"


@pytest.mark.slow
def test_first_runs_killed_at_random_moments_recover(tmp_path, reference_counts):
    rng = random.Random(11)
    for attempt in range(6):
        data_env = subprocess_env(tmp_path / f"run{attempt}")
        # Start-up takes ~1-2 s here (imports, migration, demo): kill anywhere in it, twice in a row.
        for _ in range(2):
            process = _start(["-c", OPEN_STORE], data_env)
            time.sleep(rng.uniform(0.2, 2.5))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        done = subprocess.run([PYTHON, "-c", OPEN_STORE], env=data_env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert store_counts(tmp_path / f"run{attempt}" / "data") == reference_counts


@pytest.mark.slow
def test_imports_killed_at_random_moments_keep_all_or_nothing(tmp_path, reference_counts, demo_template):
    env = subprocess_env(tmp_path)
    copy_demo(demo_template, tmp_path / "data")
    history = tmp_path / "contract.csv"
    rows = [f"Acme Corp,2024-{1 + i % 12:02d}-{1 + i % 28:02d},expansion,Data Platform,{1000 + i}" for i in range(3000)]
    history.write_text("account,date,kind,product,amount\n" + "\n".join(rows) + "\n")
    rng = random.Random(7)
    for _ in range(5):
        process = _start(_cli("history", "import", str(history), "--kind", "contract"), env)
        time.sleep(rng.uniform(0.3, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        counts = store_counts(tmp_path / "data")
        assert counts["integrity"] == "ok"
        assert counts["contract_events"] in (reference_counts["contract_events"],
                                             reference_counts["contract_events"] + 3000)
    done = subprocess.run([PYTHON, *_cli("history", "import", str(history), "--kind", "contract")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert store_counts(tmp_path / "data")["contract_events"] == reference_counts["contract_events"] + 3000
