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
