"""The renewal told by how it looks or by a hunch ("not looking great", "a bad feeling about the renewal"),
or by another product put in ours' place ("they'll go with another platform when the contract ends"): the
renewal at risk. Not satisfied as non-native English says it ("they are not satisfy with the reports"): asked. Not a blocker: a tie to the renewal thought of and dropped ("keeping it clean"), the timing
said to be the customer's ("the timing is theirs"), a renewal said to look great. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message", [
    "ngl the kestrel renewal is not looking great. seats?",
    "kestrel renewal doesn't look great tbh, more seats?",
    "i have a bad feeling about the acme renewal. DQ?",
    "Acme said they'll probably go with another platform when the contract ends. DQ?",
])
def test_the_renewal_at_risk_in_looks_and_hunches(chat, message):
    answer = chat().ask(message)
    assert "renewal.at_risk" in _seen(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("hmm I was about to tie this to their renewal, then remembered that's a no-no. keeping it clean. Acme DQ on its own?",
     "renewal.coupled"),
    ("Acme DQ: decided against tying it to the renewal, just DQ. ok?", "renewal.coupled"),
    ("Acme DQ - would be nice for my number but honestly the timing is theirs, their audit is in Jan",
     "timing.quota_driven"),
    ("kestrel renewal is looking great, seats?", "renewal.at_risk"),
])
def test_a_near_miss_applies_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text


def test_not_satisfied_as_non_native_english_says_it_is_asked(chat):
    answer = chat().ask("Kestrel: they are not satisfy with the reports, they say it is too slow. seats?")
    assert "health.dissatisfied" in _seen(answer), answer.text


def test_a_need_to_satisfy_asks_nothing(chat):
    answer = chat().ask("kestrel seats? not sure it will satisfy their need for more viewers")
    assert "health.dissatisfied" not in _seen(answer), answer.text


def test_a_tie_proposed_is_still_a_tie(chat):
    answer = chat().ask("I'd tie DQ to Acme's renewal, keep the price flat only if they take it")
    assert "renewal.coupled" in applied_rules(answer), answer.text
