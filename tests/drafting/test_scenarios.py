"""The shared scenarios' drafts: sections come out exactly as the files say, through the same
draft_checker that `coach policy test` uses."""

from __future__ import annotations

import pytest

from assistant.approval import approve
from assistant.approval.scenarios import check_drafts, draft_checker
from assistant.policy.engine import evaluate
from assistant.scenarios import read_scenario, run_scenario

from .conftest import SHARED_SCENARIOS

WITH_DRAFTS = sorted(p for p in SHARED_SCENARIOS.glob("*.yaml") if read_scenario(p)[0].drafts)


def test_the_shared_files_have_drafts_to_check():
    assert len(WITH_DRAFTS) >= 3


@pytest.mark.parametrize("path", WITH_DRAFTS, ids=lambda p: p.stem)
def test_shared_scenario_drafts(path, ruleset, settings):
    checker = draft_checker(settings)
    result = run_scenario(path, lambda a, c, p, t: evaluate(ruleset, a, c, p, t), None, checker)
    assert result.drafts_checked
    assert result.passed, result.problems


@pytest.mark.parametrize("path", WITH_DRAFTS, ids=lambda p: p.stem)
def test_each_draft_exactly(path, ruleset, checks):
    scenario = read_scenario(path)[0]
    catalog = scenario.resolved_catalog(None)
    verdict = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
    for case in scenario.drafts:
        approval = approve(case.text, verdict, scenario.account, catalog, checks)
        assert approval.approved == case.approved, (case.text, approval.failures)
        assert set(case.reasons) <= set(approval.codes), (case.text, approval.codes)


def test_checker_reports_every_difference(world, checks):
    w = world("01")
    flipped = w.scenario.model_copy(deep=True)
    flipped.drafts[0].approved = False
    flipped.drafts[1].reasons.append("draft.pressure")
    problems = check_drafts(flipped, w.verdict, w.catalog, checks)
    assert problems == ["draft 1: expected refused, got approved",
                        "draft 2: missing draft reasons draft.pressure (got: draft.ungrounded_number)"]
