"""What a message asks, in the Englishes AMs type: pidgin for what there is to sell ("wetin I fit sell for
Delta?": fit is can, wetin is what) and a formal request for the words ("kindly prepare the correspondence
to Priya"). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message, account", [
    ("ok wetin I fit sell for Delta?", "Delta Retail"),
    ("abeg which product I fit push for Juniper", "Juniper Clinics"),
    ("wetin we fit offer to lumen now", "Lumen Energy"),
])
def test_pidgin_asks_for_the_plays(chat, message, account):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"]) == ("list_plays", account)
    assert answer.ask_back is None


@pytest.mark.parametrize("follow_up", [
    "Then kindly prepare the correspondence to Priya.",
    "kindly draft a letter to Priya on same",
])
def test_a_formal_request_for_the_words_is_a_draft(chat, follow_up):
    conversation = chat()
    conversation.ask("should I pitch DQ to acme?")
    answer = conversation.ask(follow_up)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("draft", "Acme Corp", "Data Quality")
    assert answer.entities["person"] == "Priya Natarajan"


@pytest.mark.parametrize("follow_up", [
    "Kindly set out what precludes it.",
    "Please explain what prevents it.",
    "kindly state what impedes it",
    "wetin dey block am?",  # (pidgin: what is blocking it)
])
def test_what_blocks_it_asked_for_formally(chat, follow_up):
    conversation = chat()
    conversation.ask("should I pitch MA to Delta?")
    answer = conversation.ask(follow_up)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Delta Retail", "Marketing Automation")


@pytest.mark.parametrize("question", [
    "Do tell me what's behind the green light for Acme DQ.",
    "please explain what's behind the yes for DQ at Acme",
])
def test_the_reasons_asked_for_formally(chat, question):
    answer = chat().ask(question)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == ("why", "Acme Corp", "Data Quality")


@pytest.mark.parametrize("question", ["Abeg, wetin you fit do for me?", "what you can do for me exactly?"])
def test_what_the_coach_can_do_asked_in_other_englishes(chat, question):
    assert chat().ask(question).intent == "help"
