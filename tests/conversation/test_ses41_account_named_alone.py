"""An account named alone in a question about its play, the reasons or the sponsor ("kestrel - who signs?"),
or its words right after the quarter's focus list ("how about a draft for Kestrel?" of an account the list
did not name): answered for the account's closest play, which the answer names, not asked which product.
A request for words naming an account alone with no list before it still asks which product.
This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, intent", [
    ("kestrel - who signs?", "who_sponsor"),
    ("who'd be the sponsor over at kestrel", "who_sponsor"),
    ("why kestrel?", "why"),
])
def test_an_account_named_alone_is_its_closest_play(chat, question, intent):
    answer = chat().ask(question)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        (intent, "Kestrel Outdoor", "Marketing Automation")
    assert answer.ask_back is None
    assert any("closest play" in note for note in answer.notes)


@pytest.mark.parametrize("follow_up, intent", [
    ("why is Kestrel on the list?", "why"),
    ("ok how about a draft for kestrel", "draft"),
    ("kestrel email then?", "draft"),
])
def test_an_account_off_the_focus_list_is_its_closest_play(chat, follow_up, intent):
    conversation = chat()
    conversation.ask("where do I spend my time this quarter")
    answer = conversation.ask(follow_up)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        (intent, "Kestrel Outdoor", "Marketing Automation")
    assert answer.ask_back is None


def test_words_for_an_account_with_no_list_before_still_ask_which_product(chat):
    answer = chat().ask("write an email for kestrel")
    assert answer.intent == "draft" and answer.ask_back is not None and answer.ask_back.kind == "product"
