"""A message that stops where it goes on in the next one ("so I was going to ask about", "I was wondering
whether...": session words `unfinished_end`, or a trailing ellipsis) names nothing and asks nothing yet: it
is acknowledged, not asked back as an unknown account, and the next message is read as it is
(turns.py `unfinished`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("first", ["so basically I wanted to ask about", "ok random thought...",
                                   "I was kinda wondering whether"])
def test_an_unfinished_message_then_its_rest(chat, first):
    conversation = chat()
    opened = conversation.ask(first)
    assert opened.intent == "unclear" and opened.ask_back is None, (opened.intent, opened.ask_back)
    answer = conversation.ask("...if Gale is ready for DQ")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Gale Logistics", "Data Quality")


def test_an_unfinished_message_keeps_the_play_in_focus(chat):
    conversation = chat()
    conversation.ask("Gale DQ?")
    assert conversation.ask("one more thing about").intent == "unclear"
    answer = conversation.ask("who signs")
    assert (answer.intent, answer.entities["account"]) == ("who_sponsor", "Gale Logistics")


@pytest.mark.parametrize("asked, intent", [("who should I talk to", "who_sponsor"),
                                           ("should I pitch DQ to Acme or", "check_play")])
def test_a_question_ending_on_such_a_word_is_read(chat, asked, intent):
    conversation = chat()
    conversation.ask("Gale DQ?")
    assert conversation.ask(asked).intent == intent


def test_a_reply_ending_on_a_noun_is_no_unfinished_message(chat):
    conversation = chat()
    asked = conversation.ask("can I push Harbor DQ before Christmas?")
    assert asked.ask_back is not None and asked.ask_back.kind == "blocker"
    answer = conversation.ask("honestly it's my number more than their ask")
    assert (answer.intent, answer.entities["account"]) == ("check_play", "Harbor Insurance")
