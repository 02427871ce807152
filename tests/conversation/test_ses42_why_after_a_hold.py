"""A why that says what is wrong with the play, also without an article ("why's that so bad?", "Why is problem?"),
asks what blocks it (why_not, intents.yaml `verdict_no`); "what do I do about that" asks how to clear what is in
the way. And a fact taken back, then the play asked again as a
question ("no tie to the renewal. Governance alone?"), is a check of it, not the last draft again.
This file's own wordings."""

from __future__ import annotations

import pytest


def _codes(answer):
    return {a.rule or a.id for a in answer.applied}


@pytest.mark.parametrize("why", ["why's that so bad?", "Why is problem?", "why is it problematic"])
def test_a_why_saying_what_is_wrong_asks_what_blocks_it(chat, why):
    conversation = chat()
    conversation.ask("more Studio seats for Kestrel?")
    held = conversation.ask("fwiw they have been furious with support for weeks")
    assert "health.dissatisfied" in _codes(held)
    answer = conversation.ask(why)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Kestrel Outdoor", "Insights Studio")


@pytest.mark.parametrize("asked", ["what do I do about that", "ok so what can we do about it now"])
def test_what_to_do_about_it_asks_what_blocks_the_play(chat, asked):
    conversation = chat()
    conversation.ask("Kestrel seats? they might not renew next year tbh")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities["product"]) == ("why_not", "Insights Studio")


@pytest.mark.parametrize("asked_again", [
    "fine, no strings to the renewal. Governance alone?",
    "ok ok the renewal stays separate. just Governance then?",
])
def test_a_fact_taken_back_then_the_play_asked_is_a_check(chat, asked_again):
    conversation = chat()
    first = conversation.ask("Lumen Governance, but the renewal discount only if they take it. fine?")
    assert "renewal.coupled" in _codes(first)
    conversation.ask("write it up anyway")
    answer = conversation.ask(asked_again)
    assert (answer.intent, answer.entities["product"]) == ("check_play", "Governance Suite")
    assert "renewal.coupled" not in _codes(answer)
