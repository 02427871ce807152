"""Strategic signals count only where the event maps to a use case the played product serves.

The contract (../shared/scenarios/README.md): `relates_to` naming the product or a priority it
`serves` (case-insensitively) makes the event a signal for that play; naming neither, not; no
`relates_to` is unknown: the event counts, and the evidence says the link is not on record.
"""

from __future__ import annotations

import pytest

from assistant.domain import Account, Catalog, Play, StrategicEvent
from assistant.policy.batch import BatchEvaluator
from assistant.policy.engine import evaluate
from assistant.policy.facts import build_facts
from assistant.policy.lifts import attach_lifts
from assistant.policy.whatif import apply_what_ifs
from tests.policy.conftest import CATALOG, TODAY

CROSS_SELL = {"product": "Data Quality", "pitch_to": "Priya Natarajan"}
KIND_CODES = [("initiative", "strategy.initiative"), ("business_unit", "strategy.initiative"),
              ("geography", "strategy.initiative"), ("buyer_hire", "strategy.buyer_hire"),
              ("growth", "strategy.growth")]


def _reason(verdict, code):
    return next((r for r in verdict.reasons if r.code == code), None)


@pytest.mark.parametrize("kind, code", KIND_CODES)
@pytest.mark.parametrize("relates_to", [["data trust"], ["DATA TRUST"], ["  Data   Trust "], ["Data Quality"],
                                        ["dq"], ["pipeline growth", "Data quality"]])
def test_event_naming_the_product_or_a_served_priority_is_a_signal(judge, account, kind, code, relates_to):
    account["strategy"] = [{"kind": kind, "detail": "board-level programme", "relates_to": relates_to}]
    reason = _reason(judge(account, **CROSS_SELL), code)
    assert reason is not None
    assert [e.fact for e in reason.evidence] == ["product.strategy_linked"]
    assert "board-level programme" in reason.evidence[0].value[0]


@pytest.mark.parametrize("kind, code", KIND_CODES)
def test_event_naming_neither_is_not_a_signal_for_that_play(judge, account, kind, code):
    account["strategy"] = [{"kind": kind, "detail": "board-level data trust programme", "relates_to": ["data trust"]}]
    assert code in judge(account, **CROSS_SELL).codes           # Data Quality serves data trust
    assert code not in judge(account).codes                      # Data Platform serves neither


@pytest.mark.parametrize("kind, code", KIND_CODES)
def test_event_without_relates_to_counts_and_says_the_link_is_not_on_record(judge, account, kind, code):
    account["strategy"] = [{"kind": kind, "detail": "something new"}]
    for play in ({}, CROSS_SELL):
        reason = _reason(judge(account, **play), code)
        assert reason is not None and "not on record" in reason.message
        assert [(e.fact, e.value) for e in reason.evidence] == [
            ("product.strategy_link_not_on_record", [f"{kind}: something new"])]


def test_a_linked_event_is_preferred_as_evidence_over_an_unknown_one(judge, account):
    account["strategy"] = [{"kind": "initiative", "detail": "unknown link"},
                           {"kind": "geography", "detail": "Nordics", "relates_to": ["Data Platform"]}]
    reason = _reason(judge(account), "strategy.initiative")
    assert reason.rule == "strategic-initiative"
    assert reason.evidence[0].value == ["geography: Nordics → Data Platform"]


def test_one_event_counts_only_for_products_it_maps_to(judge, account):
    account["strategy"] = [{"kind": "initiative", "detail": "x", "relates_to": ["faster reporting", "audit"]}]
    assert "strategy.initiative" in judge(account).codes                 # Data Platform serves faster reporting
    assert "strategy.initiative" not in judge(account, **CROSS_SELL).codes


def test_buyer_hire_maps_through_the_category_or_kind_too(ruleset, account):
    catalog = Catalog.model_validate({**CATALOG, "products": [
        {**CATALOG["products"][0]}, {**CATALOG["products"][1], "category": "Data Observability"}]})

    def codes(relates_to, kind="buyer_hire", product="Data Quality"):
        account["strategy"] = [{"kind": kind, "detail": "new head of data reliability", "relates_to": relates_to}]
        play = Play(product=product, pitch_to="Priya Natarajan")
        return evaluate(ruleset, Account.model_validate(account), catalog, play, TODAY).codes

    assert "strategy.buyer_hire" in codes(["data observability"])
    assert "strategy.buyer_hire" in codes(["Module"])
    assert "strategy.buyer_hire" not in codes(["data observability"], product="Data Platform")
    assert "strategy.buyer_hire" not in codes(["platform"])
    # the category is a buyer's word: an initiative does not map through it
    assert "strategy.initiative" not in codes(["data observability"], kind="initiative")


def test_relates_to_is_read_as_unknown_when_empty_and_as_a_list_when_one_name():
    assert StrategicEvent(kind="initiative").relates_to is None
    assert StrategicEvent(kind="initiative", relates_to=[]).relates_to is None
    assert StrategicEvent(kind="initiative", relates_to=["  ", ""]).relates_to is None
    assert StrategicEvent(kind="initiative", relates_to="data trust").relates_to == ["data trust"]


def test_unrelated_events_are_evidence_for_no_signals(judge, account):
    account["owns"][0]["used"] = 700            # no saturation
    account["outcomes"] = []
    account["strategy"] = [{"kind": "initiative", "detail": "data trust programme", "relates_to": ["data trust"]}]
    verdict = judge(account)
    assert verdict.verdict.value == "hold"
    reason = _reason(verdict, "no_signals")
    assert ("product.strategy_unrelated", ["initiative: data trust programme → data trust"]) in [
        (e.fact, e.value) for e in reason.evidence]


def test_the_lift_for_a_missing_link_records_which_priority_the_initiative_serves(ruleset, catalog, account):
    account["owns"][0]["used"] = 700
    account["outcomes"] = []
    account["strategy"] = [{"kind": "initiative", "detail": "data trust programme", "relates_to": ["data trust"]}]
    acct, play = Account.model_validate(account), Play(product="Data Platform")
    verdict = attach_lifts(ruleset, acct, catalog, play, TODAY, evaluate(ruleset, acct, catalog, play, TODAY))
    lifts = _reason(verdict, "no_signals").lifts
    link = next(lift for lift in lifts if any(w.startswith("strategy_link=") for w in lift["what_if"]))
    assert link["change_text"].startswith("record which priority the initiative serves")
    assert "pipeline growth" in link["change_text"] and "data trust programme" in link["change_text"]
    changed, changed_play = apply_what_ifs(acct, play, link["what_if"], catalog=catalog, today=TODAY)
    after = evaluate(ruleset, changed, catalog, changed_play, TODAY)
    assert "no_signals" not in after.codes and "strategy.initiative" in after.codes
    assert acct.strategy[0].relates_to == ["data trust"]  # the account itself is untouched


@pytest.mark.parametrize("strategy", [
    [],
    [{"kind": "initiative", "relates_to": ["data trust"]}],
    [{"kind": "initiative", "relates_to": ["Pipeline Growth"]}, {"kind": "growth"}],
    [{"kind": "buyer_hire", "relates_to": ["dq"]}, {"kind": "geography", "relates_to": ["nowhere"]}],
    [{"kind": "growth", "relates_to": ["cost control"]}, {"kind": "business_unit"}],
])
def test_batch_evaluator_agrees_with_the_engine_product_by_product(ruleset, catalog, account, strategy):
    # one evaluator over both products of one account: the product-level strategy facts must not leak
    account["strategy"] = strategy
    acct = Account.model_validate(account)
    evaluator = BatchEvaluator([ruleset])
    for play in (Play(product="Data Platform", change="more_capacity"), Play(product="Data Quality")):
        facts, _, motion, _, _ = build_facts(acct, catalog, play, TODAY, {})
        expected = evaluate(ruleset, acct, catalog, play, TODAY)
        assert evaluator.evaluate(facts, motion.value)[0] == (expected.codes, expected.verdict.value)
    classified = evaluator.classify(acct, catalog, TODAY)[0]
    for result in classified:
        expected = evaluate(ruleset, acct, catalog, Play(product=result.product, change=result.change), TODAY)
        assert (list(result.codes), result.verdict) == (expected.codes, expected.verdict.value)
