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
