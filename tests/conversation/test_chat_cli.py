"""`coach chat` and `coach ask` through the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.demo_copies import copy_demo

COACH = Path(sys.executable).with_name("coach")


@pytest.fixture
def data_dir(tmp_path, demo_template) -> Path:
    """A copy of the session's demo store: each console script run opens it as it is (the first-run
    load of the demo is tested in tests/store/test_demo.py), not loading the demo again."""
    return copy_demo(demo_template, tmp_path / "data")


def run(args: list[str], data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_LLM_BASE_URL": "", "COACH_LLM_MODEL": ""}
    return subprocess.run([str(COACH), *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_chat_reads_lines_from_stdin_and_keeps_the_conversation(data_dir):
    lines = ["should I pitch Data Quality to Acme?", "who should sponsor it?", "what about Borealis?",
             "quit", "this line is never read"]
    done = run(["chat", "--today", "2026-11-03", "--user", "jordan"], data_dir, "\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Expansion Coach chat (session ")
    assert "you> should I pitch Data Quality to Acme?\nPitch it: Data Quality for Acme Corp is a cross-sell" in out
    assert "you> who should sponsor it?\nPitch it: Data Quality for Acme Corp" in out
    assert "Sponsor: Priya Natarajan" in out
    assert "you> what about Borealis?\nIntervene first: Borealis Freight" in out
    assert "never read" not in out and out.rstrip().endswith("Bye.")


def test_chat_ends_at_end_of_input(data_dir):
    done = run(["chat", "--today", "2026-11-03"], data_dir, "help\n")
    assert done.returncode == 0 and "I coach account expansion" in done.stdout and "Bye." in done.stdout


def test_ask_follows_up_with_a_session_and_prints_json(data_dir):
    first = run(["ask", "should I pitch DQ to Acme?", "--session", "s1", "--today", "2026-11-03"], data_dir)
    assert first.returncode == 0 and first.stdout.startswith("Pitch it:")
    second = run(["ask", "why not?", "--session", "s1", "--today", "2026-11-03", "--json"], data_dir)
    answer = json.loads(second.stdout)
    assert answer["intent"] == "why_not" and answer["session_id"] == "s1"
    assert answer["entities"]["account"] == "Acme Corp" and answer["verdict"]["verdict"] == "pitch"
