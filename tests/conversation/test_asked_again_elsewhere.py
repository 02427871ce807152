"""A move on to another account with no question of its own ("now for Lumen", "now one for Fjord pls" after a
draft) asks the last question again there, as "and for Lumen?" does (intents.yaml session words
`switch_asks_again`; followup patterns); a going back or a move with a question of its own ("back to Orchid",
"now for Lumen: anything to sell?") is still a switch (turns.py `switched`). A question about the verdict that
names nothing ("what do I need to sort out first") stays about the play in focus, not a call for help, unless it
is about something else (chat.py: read alone, `topics.elsewhere`). This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.turns import switched


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROJECT_ROOT / "prompts")


@pytest.mark.parametrize("asked", ["now for Lumen", "ok now for lumen?", "now one for Lumen", "another for lumen pls",
                                   "now for Lumen pls"])
def test_a_move_on_after_a_draft_drafts_there(chat, asked):
    conversation = chat()
    conversation.ask("draft an email to Marcus at Juniper about Governance")
    answer = conversation.ask(asked)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("draft", "Lumen Energy", "Governance Suite")


def test_a_move_on_with_a_question_of_its_own_is_a_switch(book):
    assert switched("now for Lumen: anything to sell?", book) == ("Lumen", "anything to sell?")
    assert switched("now for Lumen", book) is None
    assert switched("moving on to Lumen", book) == ("Lumen", "")  # (a move on in other words: a switch still)


def test_a_move_on_with_a_question_lists_there(chat):
    conversation = chat()
    conversation.ask("draft an email to Marcus at Juniper about Governance")
    answer = conversation.ask("now for Lumen: anything to sell?")
    assert (answer.intent, answer.entities["account"]) == ("list_plays", "Lumen Energy")


@pytest.mark.slow  # read by meaning
@pytest.mark.parametrize("asked, intent", [("what do I need to sort out first", "why_not"),
                                           ("what should I fix before pitching", "why_not")])
def test_a_question_about_the_verdict_naming_nothing_is_about_the_play_in_focus(chat, asked, intent):
    # (read alone, its words are like a call for help: with a play in focus it asks about that play)
    conversation = chat()
    conversation.ask("should I take Governance to Lumen?")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        (intent, "Lumen Energy", "Governance Suite")


@pytest.mark.slow  # read by meaning
@pytest.mark.parametrize("asked", ["what do I need to do to reset my password", "who do I talk to about my expenses claim"])
def test_a_question_about_something_else_stays_off_topic(chat, asked):
    conversation = chat()
    conversation.ask("should I take Governance to Lumen?")
    assert conversation.ask(asked).intent == "off_topic"
