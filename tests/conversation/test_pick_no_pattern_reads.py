"""A place in the plays just listed, picked in words no pattern reads ("tell me more about the second one",
"gimme more on the 2nd one"), checks that play: the examples' likeness of so few other words is no
question of its own (listed_pick.py). Picks a pattern reads keep their question ("draft the second one").
This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("picked", ["tell me more about the second one", "gimme more on the 2nd one pls"])
def test_a_pick_no_pattern_reads_checks_it(chat, picked):
    conversation = chat()
    listed = conversation.ask("what can I sell at Kestrel?")
    second = listed.plays[1]
    answer = conversation.ask(picked)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Kestrel Outdoor", second["product"])


def test_a_pick_a_pattern_reads_keeps_its_question(chat):
    conversation = chat()
    conversation.ask("what can I sell at Kestrel?")
    assert conversation.ask("write up the second one").intent == "draft"
    assert conversation.ask("what's blocking the first one").intent == "why_not"
