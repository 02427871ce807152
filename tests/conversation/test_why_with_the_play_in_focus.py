"""A why (not) asked right after a check keeps the play in focus. Asked instead of answering the coach's
question about a fact, it asks that question again (follow_ups.py `still_open`: the verdict it explains
hangs on it), and the answer then checks the play as the first question did. Followed by the AM's own
reason ("why not? the COO decides"), it is still the why (focus_fills.py `nameless_question`); said
with the negation after its verb ("why would that not work?": intents.yaml why_not), it asks the why
not of the play, not the account's plays. A follow-up pasted from a chat with its time and writer
("[11:02] Sam Ortiz: and Lumen?") is read for the words written (turns.py `unstamped`). This file's
own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.turns import unstamped


@pytest.mark.parametrize("asked", ["why not?", "why not? he holds the purse strings"])
def test_a_why_not_instead_of_an_answer_asks_the_open_question_again(chat, asked):
    conversation = chat()
    first = conversation.ask("take DQ to Acme's new CTO directly?")
    assert first.ask_back is not None and first.ask_back.kind == "blocker"
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Acme Corp", "Data Quality")
    assert answer.ask_back is not None and answer.ask_back.kind == "blocker"
    assert answer.ask_back.codes == first.ask_back.codes
    assert not answer.applied  # (asked again, never applied unanswered)


def test_the_answer_to_a_question_asked_again_checks_the_play(chat):
    conversation = chat()
    conversation.ask("could Lumen sign for Governance before christmas?")
    assert conversation.ask("why not?").ask_back.kind == "blocker"
    answer = conversation.ask("ours to be fair")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Lumen Energy", "Governance Suite")
    assert "timing.quota_driven" in {a.rule for a in answer.applied}


def test_a_why_not_about_another_play_asks_nothing_open(chat):
    conversation = chat()
    conversation.ask("take DQ to Acme's new CTO directly?")
    answer = conversation.ask("why not MA at Delta?")
    assert answer.entities["account"] == "Delta Retail"
    assert answer.ask_back is None or "stakeholder.no_view" not in answer.ask_back.codes


@pytest.mark.parametrize("asked", [
    "why not? the COO decides on tooling there", "why not? they have budget left",  # the AM's reason after it
    "why would that not work?", "why is this not possible?", "why can we not do it now",  # the negation after the verb
])
def test_a_why_not_of_the_play_in_focus(chat, asked):
    conversation = chat()
    conversation.ask("pitch Governance to Lumen?")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities.get("account"), answer.entities.get("product")) == \
        ("why_not", "Lumen Energy", "Governance Suite")


def test_a_follow_up_pasted_from_a_chat_is_read_for_its_words(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Nimbus Software?")
    answer = conversation.ask("[11:02] Sam Ortiz: and Lumen?")
    assert (answer.intent, answer.entities.get("account"), answer.entities.get("product")) == \
        ("check_play", "Lumen Energy", "Data Quality")
    answer = conversation.ask("(9:41 am) Dana: who signs there?")
    assert (answer.intent, answer.entities.get("account")) == ("who_sponsor", "Lumen Energy")


@pytest.mark.parametrize("typed, said", [
    ("[11:02] Sam Ortiz: and Lumen?", "and Lumen?"),
    ("[3:05 PM] ok draft it", "ok draft it"),
    ("14:10 Dana: why?", "why?"),
    ("12:30 works for the call?", "12:30 works for the call?"),  # a bare time with no writer: the words themselves
    ("Acme: can I pitch DQ?", "Acme: can I pitch DQ?"),  # a name and a colon, no time: no chat line
    ("[11:02] Sam: a fact\n[11:03] Dana: a question?", "[11:02] Sam: a fact\n[11:03] Dana: a question?"),  # several lines: whole
])
def test_a_chat_lines_time_and_writer_are_not_words_of_the_message(typed, said):
    assert unstamped(typed) == said
