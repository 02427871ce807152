"""Our quarter said to be going poorly for the AM ("Q4 is looking thin for me", "been a dry quarter", "this
quarter is tough for me"): our quota, applied or asked about. Not the customer's lean or slow quarter ("their
Q4 is lean on budget", "Q1 is always a slow quarter for them", "thin margins this quarter for them"). This
file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message", [
    "Acme DQ? Q4 is looking thin for me",
    "kestrel seats - been a dry quarter tbh",
    "acme dq. this quarter is tough for me, honestly",
])
def test_our_quarter_said_poor_states_our_quota(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "Acme DQ - their Q4 is lean on budget, wait?",
    "Acme DQ: they said Q1 is always a slow quarter for them, pitch in march?",
    "kestrel seats, thin margins this quarter for them so maybe wait",
])
def test_the_customers_poor_quarter_is_theirs(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" not in applied_rules(answer), answer.text
