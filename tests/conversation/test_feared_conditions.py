"""A feared condition states our quota (meaning.yaml `condition_opens`): a deed's negation just after "if" is the
condition's, no denial of the quota words after it ("if it doesn't book in Q4 my bonus is gone"). Only our quota's:
"if they don't have open escalations" is no unhappy customer, "if we don't tie it to the renewal" no tie; a state's
negation is still a supposition denied ("if they weren't unhappy"), and the calm words keep their say ("if it's
not for my quota"). This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message", [
    "if it doesn't book in Q4 my bonus is gone, Acme DQ?",
    "if I can't get Kestrel in this quarter my manager will kill me. seats?",
    "if I don't land Acme DQ this quarter I miss quota",
    "if I dont get this signed before q end my number is toast. Harbor Studio",
])
def test_a_feared_condition_states_our_quota(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "if they don't renew we lose the account, Kestrel seats?",
    "if they don't renew I'm in trouble, DQ at Acme?",
])
def test_a_renewal_not_made_is_still_at_risk(chat, message):
    answer = chat().ask(message)
    assert "renewal.at_risk" in _seen(answer) and "renewal.coupled" not in applied_rules(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("if they don't have open escalations, Kestrel seats?", "health.dissatisfied"),
    ("if they don't complain about the sync, can I pitch DQ at Acme?", "health.dissatisfied"),
    ("if we don't tie it to the renewal, is DQ ok at Acme?", "renewal.coupled"),
    ("if they don't churn, what can I sell at Acme?", "renewal.at_risk"),
    ("if they don't want it bundled, DQ alone at Juniper?", "bundle.separate"),
    ("if they weren't unhappy I'd push DQ at Acme", "health.dissatisfied"),
    ("if it's not for my quota, is Acme DQ still good?", "timing.quota_driven"),
    ("if I don't hear back from Acme I'll follow up next week. DQ?", "timing.quota_driven"),
])
def test_another_negated_condition_applies_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text
