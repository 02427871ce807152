"""Intents by where a message asks: its last clause asking for the words (`story.ends`), a story's
closing question said alone with a play in focus, and wordings of why, why not and who that a
pattern's shape missed. Phrasings of this test's own (never copied from an evaluation set)."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intents import last_clauses, parse
from assistant.conversation.phrasebook import load_phrasebook

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROMPTS)


# -- the last clause asks for the words ---------------------------------------------------------
@pytest.mark.parametrize("question", [
    "prepping for Dana at Acme tomorrow re DQ, how do I open",  # a comma, no question mark
    "so im on a call with lars at borealis in 10 min about more capacity what do i lead with",  # a run-on
    "should I pitch Marketing Automation to Delta and if so how do I say it",
    "Juniper capacity call at 3 with Marcus - how should I frame it?",
])
def test_a_last_clause_asking_for_the_words_makes_the_message_a_draft(book, question):
    parsed = parse(question, book)
    assert parsed.intent == "draft", parsed.pattern


def test_names_are_then_found_anywhere_not_in_a_general_patterns_slots(book):
    parsed = parse("prepping for Dana at Acme tomorrow re DQ, how do I open", book)
    assert parsed.pattern.startswith("ends:") and parsed.slots == {}


@pytest.mark.parametrize("question", [
    "I have a call with Dana at Acme tomorrow, should I bring up DQ?",  # a call told, a verdict asked
    "is it too early to pitch DQ to Acme, I was going to email Dana today",
    "Dana wants to talk about the renewal, can I pitch Data Quality to Acme now",
])
def test_a_call_or_an_email_told_beside_a_check_is_no_request_for_words(book, question):
    assert parse(question, book).intent == "check_play"


def test_the_last_clauses_never_include_the_whole_message(book):
    ends = last_clauses("meeting Nadia thursday about capacity, what's my angle going in", book)
    assert "what's my angle going in" in ends
    assert all(e != "meeting nadia thursday about capacity what's my angle going in" for e in ends)
    assert last_clauses("draft it", book) == []


# -- a story's closing question, said alone ------------------------------------------------------
@pytest.mark.parametrize("question", ["worth it?", "is it a go?", "is now a good time?", "should I, or wait?",
                                      "yes or no", "go/no-go?", "good idea?"])
def test_a_closing_question_said_alone_asks_for_the_verdict(book, question):
    parsed = parse(question, book)
    assert parsed.intent == "check_play" and parsed.pattern.startswith("closing:")


def test_a_single_word_is_no_closing_question_alone(book):
    assert parse("agreed", book).intent is None  # a reaction more often than a question


def test_a_closing_question_alone_checks_the_play_in_focus_and_nothing_without_one(chat):
    conversation = chat()
    assert conversation.ask("worth it?").intent == "unclear"  # nothing in focus: nothing to check
    conversation.ask("should I pitch Data Quality to Acme?")
    answer = conversation.ask("is now a good time?")
    assert answer.intent == "check_play" and answer.entities["account"] == "Acme Corp"
    assert answer.entities["product"] == "Data Quality"


# -- why, why not, who: wordings a pattern's shape missed ------------------------------------------
@pytest.mark.parametrize("question, intent", [
    ("how come not more seats at Kestrel?", "why_not"),  # a why with a negation asks what blocks it
    ("why not capacity then", "why_not"),
    ("on what grounds", "why"),
    ("what's your thinking", "why"),
    ("back that up for me", "why"),
    ("is Dana the one for DQ at Acme or her boss?", "who_sponsor"),  # (the pattern needed a trailing space)
    ("should the Studio seats go to Lucia or her manager?", "who_sponsor"),
    ("where do I find my commission statement", "off_topic"),  # pay and admin, not the AM's quota
    ("give me a line for the Acme DQ call", "draft"),
    ("gimme the pitch for Acme DQ", "draft"),
    ("what's my pitch to Dana", "draft"),
    ("let's roleplay it, you're the customer", "draft"),
])
def test_wordings_of_the_often_confused_intents(book, question, intent):
    assert parse(question, book).intent == intent
