"""A when said alone with a play in focus ("Q1?", "in jan then?", "after new year?": session words `calendar`
beside filler) is that play asked about again, not an unclear message or an off-topic one
(short_follow_ups.py `only_when`, taken whole when no pattern read the message). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("when", ["Q1?", "in jan then?", "after new year?", "february??"])
def test_a_when_alone_keeps_the_play_in_focus(chat, when):
    conversation = chat()
    conversation.ask("borealis more capacity - go?")
    answer = conversation.ask(when)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["change"]) == \
        ("check_play", "Borealis Freight", "more_capacity")


def test_a_when_alone_with_nothing_in_focus_is_not_a_play(chat):
    answer = chat().ask("Q1?")
    assert answer.intent != "check_play" or answer.ask_back is not None


def test_other_words_beside_the_month_are_not_a_when(chat):
    conversation = chat()
    conversation.ask("borealis more capacity - go?")
    answer = conversation.ask("is the office closed on Friday?")
    assert answer.intent == "off_topic"
