"""Urgency with no date beside our need to have it done ("need it signed asap") is asked about outside the
quota window too: whose need it is, the words do not say (reading.py `deadline_in_window`, meaning.yaml
`urgent_needs`). A pitch asked for soon ("pitch it asap?") and a date outside the window are still no
blocker there, and the customer's own reason beside the urgency asks nothing. The demo's today (2026-11-03)
is well before the quarter's last three weeks. The phrasings are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes

TIMING = "timing.quota_driven"


@pytest.mark.parametrize("message", [
    "need the Acme DQ deal closed asap, should I pitch it?",
    "I have to get Kestrel's extra Studio seats signed as soon as possible, ok?",
])
def test_urgency_is_asked_about(chat, message):
    answer = chat().ask(message)
    assert TIMING in asked_codes(answer) - applied_rules(answer), (answer.applied, answer.ask_back)


@pytest.mark.parametrize("message", [
    "can I get Acme's DQ deal signed by Friday?",  # a date, outside the window: no blocker
    "should I pitch Data Quality to Acme right away?",  # no need of ours said
    "Dana needs DQ live asap for their audit, can I pitch it to Acme?",  # the customer's reason
])
def test_a_date_or_the_customers_reason_asks_nothing(chat, message):
    answer = chat().ask(message)
    assert TIMING not in asked_codes(answer) | applied_rules(answer), (answer.applied, answer.ask_back)


def test_ours_confirmed_applies_it(chat):
    conversation = chat()
    conversation.ask("need the Acme DQ deal closed asap, should I pitch it?")
    answer = conversation.ask("ours, to be honest")
    assert TIMING in applied_rules(answer), answer.applied
