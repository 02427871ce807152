"""The drafting benchmark runs from any directory (its paths come from its own file) and says in
one line what to do when it has nothing to measure, instead of an IndexError."""

from __future__ import annotations

import pytest

from benchmarks import bench_drafting


def test_it_runs_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "results.md"
    bench_drafting.main(["--no-llm", "--rounds", "1", "--write", str(out)])
    text = out.read_text()
    assert "| template draft + approval |" in text and "Not run: --no-llm." in text
    assert "(0 verdicts" not in text


def test_no_scenarios_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit, match=r"no shared scenarios \(\*\.yaml\) in .*: pass --scenarios DIR"):
        bench_drafting.main(["--no-llm", "--rounds", "1", "--scenarios", str(tmp_path), "--write", ""])
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_zero_rounds_is_refused_before_anything_runs(capsys):
    with pytest.raises(SystemExit):
        bench_drafting.main(["--no-llm", "--rounds", "0", "--write", ""])
    assert "--rounds: '0' is not a whole number of at least 1" in capsys.readouterr().err


def test_the_servers_cpu_time_is_read_from_proc():
    import os

    first = bench_drafting.cpu_seconds(os.getpid())
    if first is None:
        pytest.skip("no /proc here")
    sum(i * i for i in range(300_000))  # some CPU work of this process
    assert bench_drafting.cpu_seconds(os.getpid()) > first >= 0


def test_reply_tokens_tell_the_grammars_words_from_the_models():
    pytest.importorskip("llama_cpp")
    stems = {"why": ["because it lets", "because it helps"], "purpose": ["so that your data team can"]}
    rows = [{"stems": stems, "approved_at": None,
             "attempts": [{"raw": "because it lets the team plan\nso that your data team can rest\n"},
                          {"raw": None, "error": "deadline"}]}]
    tokens = bench_drafting.reply_tokens(rows)
    assert tokens["replies"] == 1
    # the stems and the two line ends are the grammar's; "the team plan" and "rest" the model's
    assert 2 <= tokens["median_tokens"] - tokens["mean_grammar_written"] <= 6


def test_dump_writes_every_model_attempt_as_a_json_line(tmp_path):
    import json

    rows = [{"account": "Acme", "product": "Data Quality", "change": "new_product", "attempts": [
        {"attempt": 1, "raw": "because it lets x\n", "text": "T", "approved": False,
         "failures": [{"code": "draft.unreadable", "detail": "a word not English"}], "error": None},
        {"attempt": 2, "raw": None, "text": None, "approved": False, "failures": [], "error": "deadline"}]}]
    path = tmp_path / "attempts.jsonl"
    bench_drafting.dump_attempts(rows, path)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["attempt"] for line in lines] == [1, 2]
    assert lines[0]["play"] == "Acme / Data Quality (new_product)"
    assert lines[0]["failures"] == ["draft.unreadable: a word not English"] and lines[1]["error"] == "deadline"


def test_tokens_to_an_approved_draft_add_up_every_attempt_before_it():
    pytest.importorskip("llama_cpp")
    stems = {"why": ["because it lets"], "purpose": ["so that your data team can"]}
    reply = "because it lets the team plan\nso that your data team can rest\n"
    one = bench_drafting.reply_tokens([{"stems": stems, "approved_at": 1, "attempts": [{"raw": reply}]}])
    three = bench_drafting.reply_tokens([{"stems": stems, "approved_at": 3,
                                          "attempts": [{"raw": reply}, {"raw": reply}, {"raw": reply}]}])
    assert three["median_tokens_to_approved"] == 3 * one["median_tokens_to_approved"] > 0
    never = bench_drafting.reply_tokens([{"stems": stems, "approved_at": None, "attempts": [{"raw": reply}]}])
    assert never["median_tokens_to_approved"] is None
