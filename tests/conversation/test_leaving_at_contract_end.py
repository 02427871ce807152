"""The renewal at risk told as leaving at the contract's end ("they might leave when the contract ends"), or as
ending the contract in plain verbs, as non-native English says it ("they think to stop the subscription with us");
not a price of ours going away, nor walking away from their old vendor, nor an idiom with "stop". Our quota told
as the AM's standing just before a percentage ("Q4 is brutal, I'm at 55%"); not "I'm at" a place, nor at or above
plan. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("they plan to stop the contract in March, Kestrel seats?", "renewal.at_risk"),
    ("they think to stop the subscription with us, Acme DQ?", "renewal.at_risk"),
    ("they want to stop working with us after March, Acme DQ?", "renewal.at_risk"),
    ("they may end the contract early, Acme DQ?", "renewal.at_risk"),
    ("they might leave when the contract ends, Corvid DQ?", "renewal.at_risk"),
    ("Q4 is brutal, I'm at 55%. Acme DQ?", "timing.quota_driven"),
    ("im only at 40% for the year, Kestrel seats?", "timing.quota_driven"),
])
def test_a_blocker_in_plain_words_is_seen(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("they're walking away from their old BI vendor at contract end, Acme DQ?", "renewal.at_risk"),
    ("stop the presses, Acme signed the contract! DQ next?", "renewal.at_risk"),
    ("quit stalling, I need the contract out, Acme DQ?", "renewal.at_risk"),
    ("I'm at Acme tomorrow, adoption is 60%, DQ?", "timing.quota_driven"),
    ("I'm at the QBR with 80% of their team, Kestrel seats?", "timing.quota_driven"),
    ("I'm at 120% so no pressure, Acme DQ?", "timing.quota_driven"),
])
def test_a_near_miss_states_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in _seen(answer), answer.text


def test_a_price_of_ours_going_away_is_no_leaving(chat):
    answer = chat().ask("the renewal discount goes away unless they add MA, Acme")
    assert "renewal.at_risk" not in applied_rules(answer), answer.text


@pytest.mark.parametrize("message", [
    "I'm at 120% but my boss wants this closed by Q4 end, Acme DQ?",
    "I'm at 100% already but need it signed before my quarter closes for accelerators. Acme DQ",
])
def test_a_standing_at_plan_keeps_the_pressure_said_in_words(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" in _seen(answer), answer.text
