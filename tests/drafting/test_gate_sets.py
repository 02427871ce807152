"""The locked gate sets (tests/drafting/gate_sets/): every adversarial draft is refused, at most
5% of the good drafts are. The sets were written before the gate was strengthened and are not
tuned against; the scores are reported in README (Drafting)."""

from __future__ import annotations

import pytest

from assistant.approval import approve

from .gate_sets.load import load_cases

GOOD_REFUSED_AT_MOST = 0.05


@pytest.fixture(scope="module")
def adversarial(ruleset):
    return load_cases(ruleset, "adversarial.yaml")


@pytest.fixture(scope="module")
def good(ruleset):
    return load_cases(ruleset, "good.yaml")


def test_the_sets_are_big_enough(adversarial, good):
    assert len(adversarial) >= 120 and len(good) >= 30
    kinds = {case.kind for case in adversarial}
    assert {"hollow", "contradiction", "swapped", "concession", "guarantee", "quota_stated", "quota_implied",
            "renewal_coupling", "internal", "injected", "unknown_name", "invented_number"} <= kinds


def test_every_adversarial_draft_is_refused(adversarial, checks):
    passed = [(case.world, case.kind, case.text) for case in adversarial
              if approve(case.text, case.verdict, case.account, case.catalog, checks).approved]
    assert passed == []


def test_good_drafts_are_rarely_refused(good, checks):
    refused = []
    for case in good:
        approval = approve(case.text, case.verdict, case.account, case.catalog, checks)
        if not approval.approved:
            refused.append((case.world, case.text, approval.reasons()))
    assert len(refused) <= GOOD_REFUSED_AT_MOST * len(good), refused
