"""What a message asks (round 18, `intents`): the words asked for after a story of the QBR are its talk
track ("Juniper QBR is on Thursday. talking points?"), unless the story names a change of its own play;
"anything I can still sell them?" after trouble told asks for the account's plays, with an adverb
between "can" and "sell"; "righto, back to Orchid: ..." goes back to Orchid's play as "ok, back to" does;
and a choice of two products at an account ("Delta: DQ or MA?") is a check whose product is asked back
with both, not a request for the account's plays. Phrasings of this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intents import parse
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.turns import switched


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROJECT_ROOT / "prompts")


@pytest.mark.parametrize("question, intent", [
    # the words asked for after a story of the QBR: its talk track
    ("Juniper QBR is on Thursday. talking points?", "qbr"),
    ("QBR with Delta next week - script?", "qbr"),
    # (the story names a change of a play: the words for that play)
    ("the QBR went well and Lucia wants more seats. talk track?", "draft"),
    # (a QBR told as where something happened: the words asked for are not its talk track)
    ("at the QBR Dana loved the dashboards. talking points?", "draft"),
    # what there is still to sell, after trouble told or alone
    ("Mariner is fuming about the outage. anything we could still pitch there?", "list_plays"),
    ("Corvid may not renew in the spring - anything I can still sell them?", "list_plays"),
    ("anything I can still sell to Gale?", "list_plays"),
    # a why about a verdict told as "not now" or "not yet": what blocks the play
    ("Harbor DQ came back as not yet. what's the logic?", "why_not"),
    ("Gale capacity is a not now, what's the logic behind that?", "why_not"),
    # the sponsor told and asked to be confirmed: who sponsors the play (not beside a pitch asked)
    ("Lucia is the champion for more seats at Kestrel, right?", "who_sponsor"),
    ("Grace would be the sponsor for DQ at Harbor, correct?", "who_sponsor"),
    ("Dana's the sponsor, can I pitch DQ to Acme, right?", "check_play"),
    ("the sponsor loves the results. pitch DQ to Acme, right?", "check_play"),
])
def test_what_the_message_asks(book, question, intent):
    assert parse(question, book).intent == intent


def test_going_back_after_a_reaction_word(book):
    assert switched("righto, back to Orchid: draft it", book) == ("Orchid", "draft it")


@pytest.mark.parametrize("question", ["Delta: DQ or MA?", "Evergreen - Studio or Marketing Automation?"])
def test_a_choice_of_two_products_at_an_account_is_a_check(chat, question):
    answer = chat().ask(question)
    assert answer.intent == "check_play"
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert len(answer.ask_back.candidates) == 2


@pytest.mark.parametrize("question", ["their renewal hinges on it. anything worth selling to Corvid?",
                                      "their renewal is tied to it, anything worth selling to Acme?",  # (README's)
                                      "I'd make the renewal depend on it, anything worth selling to Corvid?"])
def test_a_story_of_a_fact_then_the_plays_asked_is_the_list(chat, question):
    """The fact told names no play: it is read on the account's plays, not taken for a check asking which product."""
    answer = chat().ask(question)
    assert (answer.intent, answer.ask_back) == ("list_plays", None)
    assert "renewal.coupled" in [a.rule for a in answer.applied]


def test_a_story_of_a_fact_naming_its_play_is_still_a_check(chat):
    answer = chat().ask("Corvid's renewal depends on DQ, anything worth selling to Corvid?")
    assert answer.intent == "check_play" and answer.entities.get("product") == "Data Quality"


@pytest.mark.parametrize("question, intent", [
    ("could we do the note for Priya now?", "draft"),
    ("ok let's do the slack message then", "draft"),
    ("shall we do the opener next", "draft"),
    # (asked whether to do it, or before what: no request for the words)
    ("should I do the email now", None),
    ("can we do the email before the renewal or wait?", None),
])
def test_the_words_asked_to_be_done(book, question, intent):
    assert parse(question, book).intent == intent
