"""TemplateDrafter: Jinja2 templates in prompts/ that use only grounded facts and always pass."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.approval import approve
from assistant.domain import Play
from assistant.drafting import DraftFailure, TemplateDrafter, build_context
from assistant.policy.engine import evaluate
from assistant.policy.plays import evaluate_all
from assistant.scenarios import read_scenario

from .conftest import PROMPTS, SHARED_SCENARIOS


def draft_and_approve(verdict, account, catalog, checks):
    parts = TemplateDrafter(PROMPTS).draft(build_context(verdict, account, catalog, checks.vocabulary))
    return parts, approve(parts.text, verdict, account, catalog, checks)


def every_pitch(ruleset):
    for path in sorted(SHARED_SCENARIOS.glob("*.yaml")):
        scenario = read_scenario(path)[0]
        catalog = scenario.resolved_catalog(None)
        verdicts = [evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today),
                    *evaluate_all(ruleset, scenario.account, catalog, scenario.today)]
        for verdict in verdicts:
            if verdict.verdict.value == "pitch":
                yield scenario, catalog, verdict


def test_every_pitch_of_the_shared_scenarios_passes(ruleset, checks):
    seen = 0
    for scenario, catalog, verdict in every_pitch(ruleset):
        parts, approval = draft_and_approve(verdict, scenario.account, catalog, checks)
        assert approval.approved, (scenario.id, verdict.product, verdict.change, parts.text, approval.failures)
        seen += 1
    assert seen >= 10


def test_upsell_track_reads_in_three_parts(world, checks):
    w = world("01")
    parts, approval = draft_and_approve(w.verdict, w.account, w.catalog, checks)
    assert approval.approved
    assert parts.outcome_anchor.startswith("Dana, your attributed pipeline came in at 4.2M USD")
    assert "92%" in parts.next_step and "next step" in parts.next_step
    assert "200,000 USD a year" in parts.ask
    assert parts.text.split("\n") == [parts.outcome_anchor, parts.next_step, parts.ask]


def test_cross_sell_track_names_priority_sponsor_and_champion(world, checks):
    w = world("02")
    parts, approval = draft_and_approve(w.verdict, w.account, w.catalog, checks)
    assert approval.approved
    assert "Data trust" in parts.next_step and "70% of active users" in parts.next_step
    assert "Tom Becker" in parts.ask and "350,000 USD" in parts.ask


@pytest.mark.parametrize("change", ["more_capacity", "higher_tier", "longer_term"])
@pytest.mark.parametrize("outcome", [
    {"metric": "reporting cycle time", "unit": "days", "target": 5, "achieved": 3, "met": True},
    {"metric": "on-time reporting", "unit": "percent", "target": 95, "achieved": 97.5, "met": True},
    {"metric": "audit findings closed", "unit": "count", "target": 40, "achieved": 44, "met": True},
    {"metric": "attributed pipeline", "unit": "EUR", "target": 2_500_000, "achieved": 3_140_000, "met": True},
])
def test_variations_of_outcomes_and_changes(world, ruleset, checks, change, outcome):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes = [type(account.outcomes[0]).model_validate(outcome)]
    account.owns[0].used = 873  # 87.3%
    play = Play(product="Data Platform", change=change)  # no amount, no contact
    verdict = evaluate(ruleset, account, w.catalog, play, dt.date(2026, 5, 12))
    assert verdict.verdict.value == "pitch", verdict.codes
    parts, approval = draft_and_approve(verdict, account, w.catalog, checks)
    assert approval.approved, (parts.text, approval.failures)


def test_without_any_outcome_the_template_refuses_to_draft(world, checks):
    w = world("01")
    account = w.account.model_copy(update={"outcomes": []})
    context = build_context(w.verdict, account, w.catalog, checks.vocabulary)
    with pytest.raises(DraftFailure, match="lacks a fact"):
        TemplateDrafter(PROMPTS).draft(context)
