"""Each reason code fires, and does not fire, at its threshold edges."""

from __future__ import annotations


import pytest


def codes(verdict):
    return set(verdict.codes)


def test_baseline_upsell_is_a_pitch(judge, account):
    verdict = judge(account)
    assert verdict.motion.value == "upsell"
    assert verdict.verdict.value == "pitch"
    assert {"usage.saturation", "outcome.met"} <= codes(verdict)


@pytest.mark.parametrize("used, fires", [(850, True), (849, False), (1000, True)])
def test_saturation_edge(judge, account, used, fires):
    account["owns"][0]["used"] = used
    assert ("usage.saturation" in codes(judge(account))) is fires


def test_saturation_unknown_when_usage_unknown(judge, account):
    del account["owns"][0]["used"]
    verdict = judge(account)
    assert "usage.saturation" not in codes(verdict)
    assert "adoption.gap" not in codes(verdict)


@pytest.mark.parametrize("volume, fires", [(45_000_000, True), (44_999_000, False)])
def test_ceiling_edge(judge, account, volume, fires):
    account["owns"][0].update(ceiling=50_000_000, volume=volume)
    assert ("usage.ceiling" in codes(judge(account, change="more_volume"))) is fires


@pytest.mark.parametrize("share, fires", [(0.5, True), (0.49, False)])
def test_adjacent_feature_edge(judge, account, share, fires):
    account["usage"] = {"adjacent_features": {"Schema Checks": share}}
    verdict = judge(account, product="Data Quality")
    assert verdict.motion.value == "cross_sell"
    assert ("usage.adjacent_feature" in codes(verdict)) is fires


@pytest.mark.parametrize("new_users, fires", [(50, True), (49, False)])
def test_organic_growth_edge(judge, account, new_users, fires):
    account["usage"] = {"organic_new_users_90d": new_users}
    assert ("usage.organic_growth" in codes(judge(account))) is fires


@pytest.mark.parametrize("used, verdict", [(599, "intervene"), (600, "pitch")])
def test_adoption_gap_edge(judge, account, used, verdict):
    account["owns"][0]["used"] = used
    account["usage"] = {"organic_new_users_90d": 100}
    result = judge(account)
    assert result.verdict.value == verdict
    assert ("adoption.gap" in codes(result)) is (verdict == "intervene")


def test_adoption_gap_applies_to_every_expansion_of_the_account(judge, account):
    account["owns"][0]["used"] = 400
    assert judge(account, product="Data Quality", sponsor="Priya Natarajan").verdict.value == "intervene"


@pytest.mark.parametrize("health, fires", [
    ({"nps": -1}, True), ({"nps": 0}, False), ({"csat": 2.9}, True), ({"csat": 3}, False),
    ({"open_escalations": 1}, True), ({"open_escalations": 0}, False),
    ({"sentiment": "negative"}, True), ({"sentiment": "neutral"}, False), ({}, False),
])
def test_dissatisfaction_edges(judge, account, health, fires):
    account["health"] = health
    verdict = judge(account)
    assert ("health.dissatisfied" in codes(verdict)) is fires
    assert (verdict.verdict.value == "hold") is fires


@pytest.mark.parametrize("risk, fires", [("high", True), ("medium", False), ("low", False), (None, False)])
def test_renewal_at_risk(judge, account, risk, fires):
    account["renewal"] = {"risk": risk} if risk else {}
    assert ("renewal.at_risk" in codes(judge(account))) is fires


def test_renewal_coupled_holds(judge, account):
    verdict = judge(account, tied_to_renewal=True)
    assert "renewal.coupled" in codes(verdict) and verdict.verdict.value == "hold"


@pytest.mark.parametrize("proposed, reason, fires", [
    ("2026-06-10", "unspecified", True),      # 20 days before the quarter end: inside the last 21
    ("2026-06-09", "unspecified", False),     # 21 days before: outside
    ("2026-06-26", "customer_request", False),  # the customer's trigger, not the vendor's
    ("2026-05-20", "quota", True),            # the stated reason is the quota
    ("2026-09-25", "unspecified", True),      # the next quarter's last days count too
])
def test_quota_driven_timing(judge, account, proposed, reason, fires):
    verdict = judge(account, proposed_date=proposed, timing_reason=reason)
    assert ("timing.quota_driven" in codes(verdict)) is fires


def test_expressed_need_is_a_customer_trigger(judge, account):
    account["needs_expressed"] = ["more capacity for the Data Platform"]
    verdict = judge(account, proposed_date="2026-06-25")
    assert "customer.expressed_need" in codes(verdict)
    assert "timing.quota_driven" not in codes(verdict)


@pytest.mark.parametrize("saw, asked, fires", [(False, [], True), (True, [], False),
                                               (False, ["Data Quality"], False), (None, [], False)])
def test_executive_without_view(judge, account, saw, asked, fires):
    priya = account["stakeholders"][1]
    priya["asked_about"] = asked
    if saw is None:
        priya.pop("saw_original_outcome")
    else:
        priya["saw_original_outcome"] = saw
    verdict = judge(account, product="DQ", pitch_to="Priya Natarajan")
    assert ("stakeholder.no_view" in codes(verdict)) is fires


def test_cross_sell_infers_sponsor_and_priority_case_insensitively(judge, account):
    account["stakeholders"][1]["priorities"] = ["Data Trust"]
    verdict = judge(account, product="Data Quality")
    assert verdict.sponsor == "Priya Natarajan"
    assert verdict.priority == "Data Trust"
    assert not codes(verdict) & {"alignment.no_sponsor", "alignment.no_priority"}


def test_cross_sell_without_priority_or_sponsor(judge, account):
    account["stakeholders"][1]["priorities"] = ["cost control"]
    verdict = judge(account, product="Data Quality")
    assert {"alignment.no_sponsor", "alignment.no_priority"} <= codes(verdict)
    assert verdict.verdict.value == "prepare"


def test_upsell_sponsor_is_the_existing_champion(judge, account):
    verdict = judge(account)
    assert verdict.sponsor == "Dana Ruiz" and verdict.priority == "pipeline growth"


def test_upsell_without_any_sponsor(judge, account):
    account["stakeholders"] = []
    verdict = judge(account)
    assert "alignment.no_sponsor" in codes(verdict)


@pytest.mark.parametrize("team, title, fires", [
    ("data engineering", None, False), (None, "Head of Data Engineering", False), ("analytics", None, True)])
def test_cross_sell_needs_champion_in_using_team(judge, account, team, title, fires):
    tom = account["stakeholders"][2]
    tom["team"], tom["title"] = team, title
    verdict = judge(account, product="Data Quality")
    assert ("cross_sell.needs_champion" in codes(verdict)) is fires


def test_bundle_is_split_into_separate_plays(judge, account):
    verdict = judge(account, bundled_with=["Data Quality"])
    assert "bundle.separate" in codes(verdict)
    assert verdict.verdict.value == "pitch"
    [separate] = verdict.separate_plays
    assert separate.product == "Data Quality" and separate.motion.value == "cross_sell"


@pytest.mark.parametrize("outcome, fires", [
    ({"met": False}, True), ({"met": True}, False), ({"met": False, "public_attribution": True}, False),
    ({"met": False, "case_study": True}, False)])
def test_value_not_proven(judge, account, outcome, fires):
    account["outcomes"][0].update(outcome)
    assert ("value.not_proven" in codes(judge(account))) is fires


def test_no_outcomes_on_record_is_unknown_not_unproven(judge, account):
    account["outcomes"] = []
    assert "value.not_proven" not in codes(judge(account))


def test_no_signals_holds(judge, account):
    account["owns"][0]["used"] = 700
    account["outcomes"] = []
    verdict = judge(account)
    assert codes(verdict) >= {"no_signals"} and verdict.verdict.value == "hold"


def test_no_signals_does_not_hide_an_adoption_gap(judge, account):
    account["owns"][0]["used"] = 300
    account["outcomes"] = []
    verdict = judge(account)
    assert "no_signals" not in codes(verdict) and verdict.verdict.value == "intervene"


@pytest.mark.parametrize("kind, code", [("initiative", "strategy.initiative"), ("geography", "strategy.initiative"),
                                        ("buyer_hire", "strategy.buyer_hire"), ("growth", "strategy.growth")])
def test_strategic_signals(judge, account, kind, code):
    account["strategy"] = [{"kind": kind, "detail": "something new"}]
    assert code in codes(judge(account))


def test_milestone_signal(judge, account):
    assert "timing.milestone" in codes(judge(account, timing_reason="customer_milestone"))


def test_evidence_shows_facts_and_thresholds(judge, account):
    verdict = judge(account)
    saturation = next(r for r in verdict.reasons if r.code == "usage.saturation")
    assert saturation.message == "utilization 0.92 ≥ saturation 0.85"
    assert {e.fact for e in saturation.evidence} == {"product.utilization", "params.saturation"}


def test_every_verdict_records_the_ruleset_version(judge, account, ruleset):
    assert judge(account).ruleset_version == ruleset.version and len(ruleset.version) == 12
