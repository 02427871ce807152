"""A list typed in one message, of which one item asks the coach ("1) delta - park it for now 2) kestrel -
are more seats a sensible pitch"): each item is a sentence of its own, so the item that asks is the question
and the names of the others stay in theirs (listed_items.py). This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.intents import sentences
from assistant.conversation.listed_items import items


@pytest.mark.parametrize("message, account, product", [
    ("1) delta - park it for now 2) kestrel - are more seats a sensible pitch", "Kestrel Outdoor", "Insights Studio"),
    ("1/ harbor - next month 2/ lumen - is Governance a sensible pitch", "Lumen Energy", "Governance Suite"),
    ("quick list - (a) orchid: later (b) kestrel: more seats worth it?", "Kestrel Outdoor", "Insights Studio"),
    ("status: 1) gale on hold 2) mariner on hold 3) acme DQ, go?", "Acme Corp", "Data Quality"),
])
def test_the_item_that_asks_is_the_question(chat, message, account, product):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == ("check_play", account, product)


@pytest.mark.parametrize("text", [
    "raise it by 2) now",  # a lone marker lists nothing
    "2/3 of their seats used, 1) fine",  # markers that do not count up from the first
    "plan a) or b)?",  # markers with nothing after them
])
def test_no_list_without_markers_counting_up(text):
    assert items(text) == [text]


def test_each_item_is_a_sentence():
    assert sentences("two things: 1) harbor - later 2) lumen - term ok? thx") == \
        ["two things:", "harbor - later", "lumen - term ok?", "thx"]


@pytest.mark.parametrize("message, account, product", [
    ("three things: 1. did anyone book the room for Thursday 2. can I pitch MA to Evergreen through Mia "
     "3. who has the HDMI adapter", "Evergreen Media", "Marketing Automation"),
    ("quick ones 1. who's bringing snacks friday 2. kestrel seats, go? 3. who booked the big room", "Kestrel Outdoor",
     "Insights Studio"),
])
def test_of_a_numbered_list_the_one_item_about_our_accounts_is_the_question(chat, message, account, product):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == ("check_play", account, product)


def test_an_item_telling_a_fact_of_the_play_is_still_read(chat):
    answer = chat().ask("1. they are furious about the outage 2. DQ for acme?")
    assert "health.dissatisfied" in {a.rule or a.id for a in answer.applied}
