"""An executive's title after "the" with a play in focus is the executive of the account in focus ("take it to
the CFO?" after "MA for Delta?"), as "their CFO" is: not an unknown account to ask about
(turns.py `by_title`, meaning.yaml `executive_titles`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("asked", ["take it to the CFO?", "hmm pitch it to the COO then"])
def test_the_title_is_the_account_in_focus(chat, asked):
    conversation = chat()
    conversation.ask("delta - MA worth it?")
    answer = conversation.ask(asked)
    assert answer.intent == "check_play"
    assert (answer.entities["account"], answer.entities["product"]) == ("Delta Retail", "Marketing Automation")
    assert answer.ask_back is None or answer.ask_back.kind == "blocker"


def test_the_title_on_record_is_that_person(chat):
    conversation = chat()
    conversation.ask("evergreen MA, go?")
    answer = conversation.ask("take it to the CFO?")
    assert (answer.entities["account"], answer.entities.get("person")) == ("Evergreen Media", "Robert Vance")


def test_the_title_with_nothing_in_focus_asks_which_account(chat):
    answer = chat().ask("take it to the CFO?")
    assert answer.ask_back is not None
