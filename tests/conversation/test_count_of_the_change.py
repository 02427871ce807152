"""A follow-up that says only another count of the change in focus, in that change's words, is that
play again: "make it 4 years" after a term, "oops, three years, not five" after its draft (the draft
again), "sorry, 300 units rather than 200" (short_follow_ups.py `only_a_count`, session words
`describes_<change>` and `count_replaced`). This file's own wordings."""

from __future__ import annotations

import pytest

_TERM_CHECKED = "should Lumen sign a 2 year term?"
_TERM_DRAFTED = "write me a 3 year term pitch for Lumen"


@pytest.mark.parametrize("first, asked, intent", [
    (_TERM_CHECKED, "make that 4 years", "check_play"),
    (_TERM_CHECKED, "sorry, three years rather than two", "check_play"),
    (_TERM_CHECKED, "6 years then?", "check_play"),
    (_TERM_DRAFTED, "whoops, five years, not three", "draft"),
])
def test_another_count_of_the_term_is_the_last_question_again(chat, first, asked, intent):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(asked)
    assert answer.ask_back is None or answer.ask_back.kind == "blocker", answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["change"]) == (intent, "Lumen Energy", "longer_term")


def test_words_of_another_change_are_no_count_of_this_one(chat):
    conversation = chat()
    conversation.ask("more capacity for Acme?")
    assert conversation.ask("sorry, 4 years").entities.get("change") != "more_capacity"
