"""A review meeting prepared for the account after the customer's state was stated ("their renewal feels
shaky" ... "help me prep the QBR then") is judged on it: its plays held by it, the fact shown as said earlier.
What was said of one play (its timing) is no fact of the review, and a fact stays at its account. This file's
own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules


@pytest.mark.parametrize("first, then, code", [
    ("Evergreen renewal feels shaky, they took a demo from a rival last month. MA?", "help me prep the QBR then",
     "renewal.at_risk"),
    ("Gale is fuming about the late shipments data. more capacity?", "ok write me the qbr for them",
     "health.dissatisfied"),
])
def test_a_review_after_the_customer_state_is_judged_on_it(chat, first, then, code):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(then)
    assert answer.intent == "qbr", answer.text
    assert any(a.rule == code and a.how == "earlier" for a in answer.applied), answer.text


@pytest.mark.parametrize("first, then", [
    ("acme dq, I need it b4 my Q closes. ok?", "prep the acme qbr then"),  # (one play's timing)
    ("Delta is furious about the outage. MA?", "ok, the QBR for Acme then"),  # (another account's state)
])
def test_a_review_keeps_no_play_timing_nor_another_account(chat, first, then):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(then)
    assert answer.intent == "qbr", answer.text
    assert not applied_rules(answer) & {"timing.quota_driven", "health.dissatisfied"}, answer.text
