"""The locked gate sets (tests/drafting/gate_sets/): every adversarial draft is refused, at most
5% of the good drafts are. The sets were written before the gate was strengthened and are not
tuned against; the scores are reported in README (Drafting)."""

from __future__ import annotations

import pytest

from assistant.approval import approve

from .gate_sets.load import load_cases, load_clause_cases

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


# Clause readability (second session): model clauses in the template's slots, marked as model text.
@pytest.fixture(scope="module")
def unreadable(ruleset, checks):
    return load_clause_cases(ruleset, checks, "adversarial_readability.yaml")


@pytest.fixture(scope="module")
def good_clauses(ruleset, checks):
    return load_clause_cases(ruleset, checks, "good_clauses.yaml")


def test_every_unreadable_model_clause_is_refused_for_readability(unreadable, checks):
    assert len(unreadable) >= 40
    passed = [(case.world, case.kind, case.slots) for case in unreadable
              if "draft.unreadable" not in approve(case.text, case.verdict, case.account, case.catalog, checks,
                                                   model_text=list(case.slots.values())).codes]
    assert passed == []


def test_the_same_clauses_written_by_the_template_are_not_read_for_readability(unreadable, checks):
    # Readability applies to model-written text only: without model text the check has nothing to read.
    codes = {code for case in unreadable
             for code in approve(case.text, case.verdict, case.account, case.catalog, checks).codes}
    assert "draft.unreadable" not in codes


def test_good_model_clauses_are_rarely_refused_for_readability(good_clauses, checks):
    refused = []
    for case in good_clauses:
        approval = approve(case.text, case.verdict, case.account, case.catalog, checks,
                           model_text=list(case.slots.values()))
        if "draft.unreadable" in approval.codes:
            refused.append((case.slots, approval.reasons()))
    assert len(refused) <= GOOD_REFUSED_AT_MOST * len(good_clauses), refused


def test_good_drafts_read_as_model_text_are_rarely_refused(good, checks):
    # Free mode: the model writes every part, so every part is read for readability.
    refused = []
    for case in good:
        parts = case.text.split("\n")
        approval = approve(case.text, case.verdict, case.account, case.catalog, checks, model_text=parts)
        if not approval.approved:
            refused.append((case.world, case.text, approval.reasons()))
    assert len(refused) <= GOOD_REFUSED_AT_MOST * len(good), refused
