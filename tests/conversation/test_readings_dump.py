"""benchmarks/readings_dump.py: every turn's whole answer, to show a speed change reads as before."""

from __future__ import annotations

import pytest

from benchmarks.readings_dump import LockedSet, compare, dump, refuse_locked

ONE_CASE = """today: 2026-11-03
user: Jordan Blake
cases:
  - say: should I pitch Data Quality to Acme?
    expect: {intent: check_play, account: Acme Corp, product: Data Quality}
"""


def test_a_locked_set_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(LockedSet, match="locked evaluation set"):
        refuse_locked(tmp_path / "locked_phrasings_v99.yaml")  # (no such file: it is never opened)


def test_two_dumps_of_the_same_reading_compare_equal_and_a_changed_answer_is_named(tmp_path):
    path = tmp_path / "one_case.yaml"
    path.write_text(ONE_CASE, encoding="utf-8")
    first, second = dump([path]), dump([path])
    assert compare(first, second) == [] and first["one_case.yaml"][0]["answer"]["intent"] == "check_play"
    second["one_case.yaml"][0]["answer"]["intent"] = "plays"
    assert compare(first, second) == ["one_case.yaml: case 1: 'should I pitch Data Quality to Acme?': intent"]
