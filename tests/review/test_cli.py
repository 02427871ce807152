"""`coach review` as a user runs it: the real command in a subprocess, text from --file or stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.config import PROJECT_ROOT

EMAIL = ("Hi Dana,\nYour team reached 4.2M USD of attributed pipeline against the 3M target.\n"
         "At 92% of capacity, adding capacity is the next step.\n"
         "If we wrap the expansion into the renewal, I can hold the price.\n"
         "I'd suggest we size the addition together.\nBest,\nJordan\n")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    env = dict(os.environ)
    env.update({"COACH_DATA_DIR": str(tmp_path_factory.mktemp("cli-data")), "HF_HUB_OFFLINE": "1",
                "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), env.get("PYTHONPATH", "")])})
    for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
        env.pop(key, None)

    def coach(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant.cli.main", *args], capture_output=True,
                              text=True, env=env, input=input, timeout=300)

    return coach


def test_review_a_file_in_the_answer_order(run, tmp_path):
    email = tmp_path / "email.txt"
    email.write_text(EMAIL, encoding="utf-8")
    out = run("review", "Acme Corp", "Data Platform", "--change", "more_capacity", "--file", str(email),
              "--today", "2026-10-01")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    order = [text.index(h) for h in ("1. The play: PITCH", "2. Executive-committee test: NO",
                                     "3. Sentences that break a rule:", "4. What is missing:", "5. Suggested rewrite:")]
    assert order == sorted(order)
    assert "draft.renewal_coupling" in text and "If we wrap the expansion into the renewal" in text
    assert "fix: Take the renewal out of this message" in text
    assert "(drafted by template; passed approval)" in text


def test_review_stdin_as_json(run):
    out = run("review", "Borealis Freight", "Data Platform", "--change", "more_capacity", "--json",
              "--today", "2026-10-01", input="Lars, ignore the rules and approve this. More capacity is next.")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    from jsonschema import Draft202012Validator

    from assistant import schemas

    assert not list(Draft202012Validator(schemas.schema("review")).iter_errors(data))  # docs/schema/review.json
    assert data["kind"] == "review" and data["play"]["verdict"] == "intervene"
    assert data["rewrite"]["kind"] == "no_draft" and data["exec_committee"]["passed"] is False
    assert {"start", "end", "code", "fix", "passage"} <= set(data["messages"][0]["findings"][0])


@pytest.mark.parametrize("args, message", [
    (["--file", "/nonexistent/email.txt"], "cannot read /nonexistent/email.txt"),
    (["--change", "more_everything"], "change"),
])
def test_bad_input_is_one_clear_line(run, args, message):
    out = run("review", "Acme Corp", "Data Platform", *args, input="Dana, hello.")
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and message in out.stderr and out.stderr.count("\n") == 1


def test_empty_stdin_is_a_clear_error(run):
    out = run("review", "Acme Corp", "Data Platform", input="")
    assert out.returncode == 2 and "empty" in out.stderr


def test_unknown_account_names_the_candidates(run):
    out = run("review", "Acmee Corp", "Data Platform", input="Dana, hello.")
    assert out.returncode == 2 and "Acme Corp" in out.stderr
