"""The renewal's state as the AM tells it (POLICY.md `renewal.at_risk`: the renewal is under threat; the
store's renewal risk `high` is under threat): the AM's own confidence in the renewal denied ("I'm not
confident they sign the renewal", "can't promise Kestrel renews"), the renewal said to be an open
question ("weighing up whether to renew", "keeping their options open at renewal") or shaky in British
idiom ("on a knife edge", "looking ropey"), the AM's unease about it ("losing sleep over the renewal"),
and the risk field said high ("renewal risk: high"). Each is applied or asked about, never ignored; the
near-misses (a renewal that is sure, a low risk, a "whether" of our own plan, a risk that is not the
renewal's) get nothing applied. Wordings here are this test's own (blk, session 30)."""

from __future__ import annotations

import pytest

AT_RISK = "renewal.at_risk"


def _seen(answer) -> set[str]:
    applied = {a.rule for a in answer.applied if a.rule}
    asked = set(getattr(answer.ask_back, "codes", None) or []) if answer.ask_back is not None else set()
    return applied | asked


@pytest.mark.parametrize("message", [
    "I'm not confident Evergreen signs the renewal. MA worth pitching?",
    "honestly I wouldn't bet on Kestrel renewing, more seats?",
    "can't say I'm convinced Ironwood will renew, more volume?",
    "Acme are weighing up whether to renew, DQ?",
    "Fjord are keeping their options open at renewal, governance?",
    "the renewal at Delta is on a knife edge, MA?",
    "the Evergreen renewal is looking a bit ropey, MA?",
    "we're on a sticky wicket with the Juniper renewal, governance?",
    "I'm losing sleep over the Kestrel renewal. seats?",
    "the Ironwood renewal is wobbling, more volume?",
])
def test_a_renewal_in_doubt_is_applied_or_asked(chat, message):
    answer = chat().ask(message)
    assert AT_RISK in _seen(answer), (message, answer.applied, answer.ask_back)


@pytest.mark.parametrize("message", [
    "renewal risk: high. acme DQ?",
    "Kestrel is flagged as a high risk renewal, more seats?",
    "Acme's renewal risk is flagged high in the CRM, DQ?",
])
def test_the_risk_field_said_high_is_applied(chat, message):
    """POLICY.md: renewal risk `high` is a renewal under threat, so the AM saying so states it surely."""
    answer = chat().ask(message)
    assert AT_RISK in {a.rule for a in answer.applied}, (message, answer.applied, answer.ask_back)


@pytest.mark.parametrize("message", [
    "I'm confident Evergreen signs the renewal. MA worth pitching?",
    "the renewal risk at Acme is low, should I pitch DQ?",
    "Acme's renewal is in May, whether or not we pitch DQ now?",
    "the security risk is high for their team, DQ for Acme?",
    "Kestrel renewed early and they're happy, more seats?",
])
def test_a_renewal_not_in_doubt_gets_nothing_applied(chat, message):
    answer = chat().ask(message)
    assert AT_RISK not in {a.rule for a in answer.applied}, (message, answer.applied)


def test_asking_to_renew_early_is_no_doubt(chat):
    answer = chat().ask("Borealis wants to know whether they can renew early; separately, is MA a fit?")
    assert AT_RISK not in {a.rule for a in answer.applied}
