"""`coach chat` and `coach ask` through the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

COACH = Path(sys.executable).with_name("coach")


def run(args: list[str], data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_LLM_BASE_URL": "", "COACH_LLM_MODEL": ""}
    return subprocess.run([str(COACH), *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_chat_reads_lines_from_stdin_and_keeps_the_conversation(tmp_path):
    lines = ["should I pitch Data Quality to Acme?", "who should sponsor it?", "what about Borealis?",
             "quit", "this line is never read"]
    done = run(["chat", "--today", "2026-11-03", "--user", "jordan"], tmp_path, "\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Expansion Coach chat (session ")
    assert "you> should I pitch Data Quality to Acme?\nPitch it: Data Quality for Acme Corp is a cross-sell" in out
    assert "you> who should sponsor it?\nPitch it: Data Quality for Acme Corp" in out
    assert "Sponsor: Priya Natarajan" in out
    assert "you> what about Borealis?\nIntervene first: Borealis Freight" in out
    assert "never read" not in out and out.rstrip().endswith("Bye.")


def test_chat_ends_at_end_of_input(tmp_path):
    done = run(["chat", "--today", "2026-11-03"], tmp_path, "help\n")
    assert done.returncode == 0 and "I coach account expansion" in done.stdout and "Bye." in done.stdout


def test_ask_follows_up_with_a_session_and_prints_json(tmp_path):
    first = run(["ask", "should I pitch DQ to Acme?", "--session", "s1", "--today", "2026-11-03"], tmp_path)
    assert first.returncode == 0 and first.stdout.startswith("Pitch it:")
    second = run(["ask", "why not?", "--session", "s1", "--today", "2026-11-03", "--json"], tmp_path)
    answer = json.loads(second.stdout)
    assert answer["intent"] == "why_not" and answer["session_id"] == "s1"
    assert answer["entities"]["account"] == "Acme Corp" and answer["verdict"]["verdict"] == "pitch"
