"""The QBR talk track: outcomes, value, priorities, and what comes next, per the verdicts."""

from __future__ import annotations

import json

from assistant.approval import approve
from assistant.talk_tracks.qbr import qbr_talk_track
from assistant.policy.plays import evaluate_all

from .conftest import PROMPTS


def qbr_for(world, ruleset, settings, checks, prefix, audit=None):
    w = world(prefix)
    verdicts = evaluate_all(ruleset, w.account, w.catalog, w.scenario.today)
    return w, verdicts, qbr_talk_track(w.account, verdicts, w.catalog, settings, audit=audit, checks=checks)


def test_pitch_plays_each_get_their_own_approved_talk_track(world, ruleset, settings, checks, audit):
    w, verdicts, qbr = qbr_for(world, ruleset, settings, checks, "02", audit)
    pitched = {v.product for v in verdicts if v.verdict.value == "pitch"}
    assert {e.product for e in qbr.expansions} == pitched and len(qbr.expansions) == len(pitched)
    by_product = {v.product: v for v in verdicts if v.verdict.value == "pitch"}
    for expansion in qbr.expansions:
        assert expansion.talk_track.approved and expansion.plan
        verdict = next(v for v in verdicts if v.product == expansion.product and v.change == expansion.change)
        assert approve(expansion.talk_track.text, verdict, w.account, w.catalog, checks).approved
        assert by_product[expansion.product].verdict.value == "pitch"
    assert qbr.adoption_plan == [] and qbr.no_expansion == []
    assert qbr.outcomes[0].metric == "attributed pipeline" and qbr.outcomes[0].met
    assert any("1.2M USD above the target" in line for line in qbr.value_realized)
    assert {p.priority for p in qbr.priorities} >= {"pipeline growth", "data trust"}
    assert len(audit.of("talk_track")) == len(qbr.expansions)


def test_adoption_gap_gets_an_adoption_plan_and_no_pitch(world, ruleset, settings, checks):
    _, _, qbr = qbr_for(world, ruleset, settings, checks, "03")
    assert qbr.expansions == [] and qbr.no_expansion == []
    assert len(qbr.adoption_plan) == 1
    assert any("adoption.gap" in line for line in qbr.adoption_plan[0].why)
    assert "adoption.gap" in qbr.adoption_plan[0].codes  # (codes, for readers that must not parse `why`)
    text = qbr.render_markdown(PROMPTS)
    assert "### Adoption plan" in text and "Talk track" not in text


def test_otherwise_an_honest_no_expansion_this_quarter(world, ruleset, settings, checks):
    _, verdicts, qbr = qbr_for(world, ruleset, settings, checks, "09")
    assert qbr.expansions == [] and qbr.adoption_plan == []
    assert {b.product for b in qbr.no_expansion} == {v.product for v in verdicts}
    assert all(b.why and b.remedies for b in qbr.no_expansion)
    text = qbr.render_markdown(PROMPTS)
    assert "### No expansion this quarter, and why" in text and "no_signals" in text


def test_markdown_and_json(world, ruleset, settings, checks):
    _, _, qbr = qbr_for(world, ruleset, settings, checks, "01")
    text = qbr.render_markdown(PROMPTS)
    for heading in ("## Outcomes against targets", "## Value realized", "## The customer's stated priorities",
                    "## What comes next", "### Expansion: Data Platform (upsell, more capacity)"):
        assert heading in text
    assert "passed approval" in text and "\n1. Dana, your attributed pipeline" in text
    data = json.loads(qbr.model_dump_json())
    assert data["expansions"][0]["talk_track"]["parts"]["ask"]
    assert data["ruleset_version"] == checks.version
