"""Inside the quota window, a deadline the AM gave ("I must get it signed by Friday") is our timing; a
later what-if that gives the customer's own reason for it ("and if Dana herself wants it by Friday for
the spring launch?") takes that fact back: the play is checked on the customer's reason, recorded as their trigger, not held
for our quarter (meaning.yaml `customer_timing:` names their event: "for the _ launch"). The phrasings
are this test's own."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation.evaluation import applied_rules

TIMING = "timing.quota_driven"
IN_THE_WINDOW = dt.date(2026, 12, 15)  # the quarter ends 2026-12-31


@pytest.mark.parametrize("what_if", [
    "and if Dana herself wants it by Friday for the spring launch?",
    "what if Priya needs it by Friday for the EU rollout?",
])
def test_the_customers_reason_takes_our_timing_back(chat, what_if):
    conversation = chat(today=IN_THE_WINDOW)
    first = conversation.ask("I must get Acme's DQ deal signed by Friday, possible?")
    assert TIMING in applied_rules(first), first.applied
    then = conversation.ask(what_if)
    assert then.intent == "check_play" and then.entities["product"] == "Data Quality"
    assert TIMING not in applied_rules(then), then.applied


def test_our_timing_holds_without_their_reason(chat):
    conversation = chat(today=IN_THE_WINDOW)
    conversation.ask("I must get Acme's DQ deal signed by Friday, possible?")
    assert TIMING in applied_rules(conversation.ask("why not?"))
