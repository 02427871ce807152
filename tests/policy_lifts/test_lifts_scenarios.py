"""Lifts on the shared scenarios: every blocker gets one, and every lift really lifts it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.policy.engine import evaluate
from assistant.policy.lifts import attach_lifts, lifts_for
from assistant.scenarios import read_scenario
from tests.policy_lifts.conftest import replay, scenario_paths

PATHS = scenario_paths()
pytestmark = pytest.mark.skipif(not PATHS, reason="shared scenarios not found")


def _load(stem: str):
    path = next(p for p in PATHS if p.stem.split("-", 1)[1] == stem or p.stem == stem)
    scenario, _ = read_scenario(path)
    return scenario, scenario.resolved_catalog(None)


def _lifted(ruleset, stem: str, **play_changes):
    scenario, catalog = _load(stem)
    play = scenario.play.model_copy(update=play_changes)
    verdict = evaluate(ruleset, scenario.account, catalog, play, scenario.today)
    return scenario, catalog, play, attach_lifts(ruleset, scenario.account, catalog, play, scenario.today, verdict)


def _by_code(verdict, code):
    return next(r for r in verdict.reasons if r.code == code).lifts


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_blocker_has_a_lift_that_removes_it(ruleset, path):
    scenario, _ = read_scenario(path)
    catalog = scenario.resolved_catalog(None)
    verdict = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
    explained = attach_lifts(ruleset, scenario.account, catalog, scenario.play, scenario.today, verdict)
    if verdict.verdict.value == "pitch":
        assert explained is verdict
        return
    for reason in explained.blockers():
        assert reason.lifts, f"no lift found for {reason.code}"
        for lift in reason.lifts:
            assert lift["code"] == reason.code
            assert set(lift) >= {"code", "fact", "now", "needed", "change_text", "verdict_after", "what_if"}
            after = replay(ruleset, scenario.account, catalog, scenario.play, scenario.today, lift)
            assert reason.code not in after.codes, (lift["what_if"], after.codes)
            assert after.verdict.value == lift["verdict_after"]


def test_attach_lifts_leaves_the_verdict_and_the_account_alone(ruleset):
    scenario, catalog = _load("adoption-gap-seats")
    before = scenario.account.model_dump()
    verdict = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
    explained = attach_lifts(ruleset, scenario.account, catalog, scenario.play, scenario.today, verdict)
    assert scenario.account.model_dump() == before
    assert all(not r.lifts for r in verdict.reasons)
    assert explained.codes == verdict.codes and explained.verdict == verdict.verdict


def test_adoption_gap_is_said_in_units(ruleset):
    *_, verdict = _lifted(ruleset, "adoption-gap-seats")
    (lift,) = _by_code(verdict, "adoption.gap")
    assert lift["fact"] == "account.min_utilization"
    assert (lift["now"], lift["needed"]) == (0.4, 0.6)
    assert "0.40 → at least 0.60 (adoption floor 0.60)" in lift["change_text"]
    assert "about 100 more active units" in lift["change_text"] and "200 → 300 of 500" in lift["change_text"]
    assert lift["what_if"] == ["min_utilization=0.6"]


def test_renewal_risk_lists_every_value_that_works(ruleset):
    *_, verdict = _lifted(ruleset, "renewal-coupled")
    (risk,) = _by_code(verdict, "renewal.at_risk")
    assert risk["now"] == "high" and risk["needed"] == ["medium", "low"]
    assert "renewal risk high → medium or low" in risk["change_text"]
    (coupled,) = _by_code(verdict, "renewal.coupled")
    assert coupled["what_if"] == ["tied_to_renewal=false"]
    assert risk["verdict_after"] == "hold"  # the other hold (coupling) still stands


def test_vendor_timing_offers_the_customer_trigger_or_a_later_date(ruleset):
    # Delta Retail with no stated reason: the date alone makes it vendor timing
    *_, verdict = _lifted(ruleset, "quota-driven-timing", timing_reason="unspecified")
    lifts = _by_code(verdict, "timing.quota_driven")
    dates = [lift for lift in lifts if lift["what_if"][0].startswith("proposed_date=")]
    assert [lift["what_if"] for lift in dates] == [["proposed_date=2026-07-01"]]
    assert "after the vendor's quarter end (2026-06-30)" in dates[0]["change_text"]
    assert dates[0]["verdict_after"] == "pitch"
    reasons = next(lift for lift in lifts if lift["fact"] == "play.timing_reason")
    assert reasons["needed"] == ["customer_milestone", "customer_request", "capacity_constraint"]
    assert any(lift["what_if"] == ["need=Data Platform"] for lift in lifts)


def test_vendor_stated_reason_is_only_lifted_by_the_customer_trigger(ruleset):
    *_, verdict = _lifted(ruleset, "quota-driven-timing")
    lifts = _by_code(verdict, "timing.quota_driven")
    assert [lift["fact"] for lift in lifts] == ["play.timing_reason"]


def test_cross_sell_alignment_names_whom_to_find(ruleset):
    *_, verdict = _lifted(ruleset, "cross-sell-no-priority")
    priority = _by_code(verdict, "alignment.no_priority")
    texts = " | ".join(lift["change_text"] for lift in priority)
    assert "name an executive whose stated priority Governance Suite serves " \
           "(regulatory compliance or audit readiness)" in texts
    champion = _by_code(verdict, "cross_sell.needs_champion")
    assert champion[0]["change_text"] == "develop a champion in compliance or data office"
    sponsor = _by_code(verdict, "alignment.no_sponsor")
    assert any(lift["what_if"][0].startswith("sponsor=") for lift in sponsor)


def test_executive_without_view_routes_through_the_champion(ruleset):
    *_, verdict = _lifted(ruleset, "exec-without-view")
    lifts = {lift["what_if"][0]: lift for lift in _by_code(verdict, "stakeholder.no_view")}
    assert lifts["pitch_to=Mia Chen"]["verdict_after"] == "pitch"
    assert "share the original outcome with Robert Vance first" == lifts["saw_original_outcome=true"]["change_text"]


def test_dissatisfaction_needs_every_signal_fixed_together(ruleset):
    *_, verdict = _lifted(ruleset, "dissatisfied")
    (lift,) = _by_code(verdict, "health.dissatisfied")
    assert sorted(lift["what_if"]) == ["nps=0", "open_escalations=0", "sentiment=neutral"]
    assert lift["fact"] == "health.nps + health.sentiment + health.open_escalations"
    assert lift["now"] == [-20, "negative", 2] and lift["needed"] == [0, "neutral", 0]
    assert "NPS -20 → at least 0 (nps floor 0)" in lift["change_text"]
    assert len(lift["changes"]) == 3


def test_no_signals_lists_signals_to_look_for_not_blockers_to_add(ruleset):
    *_, verdict = _lifted(ruleset, "no-signals")
    lifts = _by_code(verdict, "no_signals")
    by_change = {lift["what_if"][0].split("=")[0]: lift for lift in lifts}
    assert by_change["utilization"]["needed"] == 0.85
    assert "(saturation 0.85)" in by_change["utilization"]["change_text"]
    assert "about 75 more active capacity units of 500" in by_change["utilization"]["change_text"]
    assert "min_utilization" not in by_change  # the same change to the account as `utilization`
    assert by_change["organic_new_users_90d"]["now"] is None  # unknown: record it
    assert by_change["organic_new_users_90d"]["needed"] == 25
    assert {"outcome_met", "strategy", "need"} <= set(by_change)
    assert all(lift["verdict_after"] != "hold" for lift in lifts)


def test_lifts_for_one_code(ruleset):
    scenario, catalog = _load("renewal-coupled")
    verdict = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
    lifts = lifts_for(ruleset, scenario.account, catalog, scenario.play, scenario.today, verdict, "renewal.coupled")
    assert [lift["what_if"] for lift in lifts] == [["tied_to_renewal=false"]]


def test_lifts_follow_the_parameters(ruleset, tmp_path):
    """Nothing is hand-written per rule: a new floor moves the lift with it."""
    import yaml

    from assistant.yaml_io import read_yaml

    from assistant.policy.rules import load_ruleset
    from tests.policy_lifts.conftest import RULES_DIR

    params = read_yaml(RULES_DIR / "parameters.yaml")
    params["adoption_floor"] = 0.7
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(params))
    stricter = load_ruleset(RULES_DIR, params_file=tmp_path / "p.yaml")
    scenario, catalog = _load("adoption-gap-seats")
    verdict = evaluate(stricter, scenario.account, catalog, scenario.play, scenario.today)
    (lift,) = attach_lifts(stricter, scenario.account, catalog, scenario.play, scenario.today, verdict) \
        .reasons[0].lifts
    assert lift["needed"] == 0.7 and "about 150 more active units" in lift["change_text"]


def test_a_date_in_the_past_is_never_suggested(ruleset):
    scenario, catalog = _load("quota-driven-timing")
    play = scenario.play.model_copy(update={"timing_reason": "unspecified", "proposed_date": dt.date(2026, 6, 22)})
    verdict = evaluate(ruleset, scenario.account, catalog, play, scenario.today)
    lifts = lifts_for(ruleset, scenario.account, catalog, play, scenario.today, verdict, "timing.quota_driven")
    dates = [dt.date.fromisoformat(lift["what_if"][0].split("=")[1]) for lift in lifts
             if lift["what_if"][0].startswith("proposed_date=")]
    assert dates and all(d >= scenario.today for d in dates)
