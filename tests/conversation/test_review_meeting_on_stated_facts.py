"""A review meeting's talk tracks asked for beside a blocker ("qbr w/ delta next tue. they're furious abt the
outage. talk track for it?") follow the plays' verdicts on it, as a list of the plays does: the fact is applied
and said, and no play is pitched on it; a QBR asked for with no fact told is as before. This file's own
wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules


@pytest.mark.parametrize("message, code", [
    ("qbr w/ delta next tue. they're furious abt the outage. talk track for it?", "health.dissatisfied"),
    ("need QBR talking points for Lumen, their renewal is shaky", "renewal.at_risk"),
])
def test_a_review_meeting_is_judged_on_the_fact_told(chat, message, code):
    answer = chat().ask(message)
    assert answer.intent == "qbr", answer.text
    assert code in applied_rules(answer), answer.text
    assert not answer.talk_track["expansions"], answer.text


def test_a_review_meeting_with_no_fact_is_as_before(chat):
    answer = chat().ask("prep the QBR for Acme please")
    assert answer.intent == "qbr" and not answer.applied, answer.text


@pytest.mark.parametrize("message", [
    "write my quarterly business review for Delta",
    "can you prep my quarterly review with Kestrel next week",
])
def test_the_review_called_by_its_full_name_is_no_quarter_of_ours(chat, message):
    answer = chat().ask(message)
    assert answer.intent == "qbr", answer.text
    assert "timing.quota_driven" not in applied_rules(answer), answer.text
