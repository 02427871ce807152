""""There" is the account in focus also with a word of scope after it ("what can I sell there overall?",
"... there in general?"): not an unknown account to ask about (intents.yaml `stop`), nor a framework
question (chat.py `_topic_there`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("asked", [
    "ok but what could I sell there overall",
    "what else could we sell there in general?",
    "wat else can i pitch there altogether",
])
def test_there_with_a_word_of_scope_lists_the_account_in_focus(chat, asked):
    conversation = chat()
    conversation.ask("harbor - bigger tier, worth it?")
    answer = conversation.ask(asked)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"]) == ("list_plays", "Harbor Insurance")


def test_a_named_account_with_a_word_of_scope(chat):
    answer = chat().ask("what could I sell Borealis overall?")
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"]) == ("list_plays", "Borealis Freight")


def test_in_general_with_nothing_in_focus_is_still_the_framework(chat):
    answer = chat().ask("how should upsell timing work in general?")
    assert answer.intent == "framework"
