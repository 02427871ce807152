"""The review's quality on the LOCKED evaluation set (eval_locked.yaml, not for tuning):
at least 95% of the expected findings found, at most 5% of good sentences flagged, and every
good text passes with no finding. The figures are printed (pytest -s) for the README."""

from __future__ import annotations

import pytest

from tests.review.scoring import evaluate, report


@pytest.fixture(scope="module")
def locked(coach):
    score = evaluate(coach, "eval_locked.yaml")
    print("\nlocked evaluation set:\n" + report(score))
    return score


def test_locked_set_has_enough_texts():
    from tests.review.scoring import load_cases

    _, cases = load_cases("eval_locked.yaml")
    assert len(cases) >= 60


def test_findings_found(locked):
    assert locked.recall >= 0.95, report(locked)


def test_good_sentences_rarely_flagged(locked):
    assert locked.false_flag_rate <= 0.05, report(locked)


def test_good_texts_pass_with_no_finding(locked):
    assert locked.good_texts_failed == [], report(locked)


def test_verdicts_as_expected(locked):
    assert locked.wrong_verdicts == [], report(locked)
