"""A question for the account's plays that tells a fact of the AM's side but names no play ("I'm short of my
target this quarter, what can I close at Gale?") stays a question for the plays (chat.py
`_list_with_its_facts`): the fact is applied to the list and holds for the play picked from it, rather than
the message read as a check asking which product. One that names its play is a check of it (reading.py
`told_of_play`). A fact taken back after the list ("what if it weren't for my quarter?") no longer holds for
the play picked from it (facts_taken_back.py `drop_from_a_list`). README "What carries across a session".
This file's own wordings."""

from __future__ import annotations

import pytest

QUOTA = "timing.quota_driven"


def _applied(answer) -> dict[str, str]:
    return {item.rule: item.how for item in answer.applied if item.rule}


@pytest.mark.parametrize("asked, account", [
    ("I'm short of my target this quarter, what can I close at Gale?", "Gale Logistics"),
    ("gotta hit my number by end of quarter. what can I close at Kestrel", "Kestrel Outdoor"),
])
def test_a_list_question_telling_a_fact_stays_a_list_with_the_fact(chat, asked, account):
    answer = chat().ask(asked)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"]) == ("list_plays", account)
    assert QUOTA in _applied(answer), answer.applied


def test_the_play_picked_from_that_list_holds_the_fact(chat):
    conversation = chat()
    conversation.ask("I'm short of my target this quarter, what can I close at Gale?")
    answer = conversation.ask("the first one")
    assert (answer.intent, answer.entities["account"]) == ("check_play", "Gale Logistics")
    assert QUOTA in _applied(answer), answer.applied


def test_a_question_naming_its_play_beside_the_fact_is_a_check_of_it(chat):
    answer = chat().ask("I'm short of my target this quarter, what about Governance at Gale?")
    assert (answer.intent, answer.entities["account"], answer.entities.get("product")) == \
        ("check_play", "Gale Logistics", "Governance Suite")


def test_a_fact_taken_back_after_the_list_does_not_hold_for_the_play_picked(chat):
    conversation = chat()
    assert QUOTA in _applied(conversation.ask("list my plays at Evergreen, I'm behind on my number"))
    assert QUOTA not in _applied(conversation.ask("what if it weren't for my quarter?"))
    answer = conversation.ask("the first one")
    assert (answer.intent, answer.entities["account"]) == ("check_play", "Evergreen Media")
    assert QUOTA not in _applied(answer), answer.applied
    assert QUOTA not in answer.verdict.codes
