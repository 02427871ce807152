"""Follow-ups no pattern reads whole: a message of only the form the words come in and names asks for
the words ("slack msg for sam?", "delta draft"), and a message that says a fact the play in focus
carries is not so ("actually the renewal isn't tied") checks that play without it, whatever the
examples' likeness took its topic words for; names no pattern reads, then a short who-question ("kestrel -
who signs?"), ask for the sponsor of what they name; another count alone ("ok and 100 more?", "how about
thirty") is the play in focus again."""

from __future__ import annotations

import pytest

from assistant.conversation.draft_form import asks_for_words
from assistant.conversation.intents import normalise
from assistant.conversation.known_names import KnownNames
from assistant.conversation.phrasebook import load_phrasebook


@pytest.fixture
def world(coach):
    return KnownNames(coach, load_phrasebook(coach.settings.prompts_dir))


@pytest.mark.parametrize("message, words", [
    ("slack msg for sam?", True), ("delta draft", True), ("email version pls", True), ("GRACE EMAIL", True),
    ("harbor one pager?", True), ("and a linkedin note for helen", True), ("voicemail script for grace", True),
    ("check my email to dana", False),  # a verb of its own: a review
    ("why email?", False),  # a question word: why
    ("did the email to sam go out?", False),
    ("delta", False),  # no form of words
    ("email from sam: we're not happy", False),
])
def test_a_message_of_forms_and_names_only_asks_for_the_words(world, message, words):
    assert asks_for_words(normalise(message), world.book, world) is words


@pytest.mark.slow  # reading by meaning loads the embedding model
@pytest.mark.parametrize("ask, account, person", [
    ("slack msg for sam?", "Delta Retail", "Sam Okafor"),  # Sam is at Delta: the words for Delta (README)
    ("acme draft", "Acme Corp", None),
    ("email version pls", "Acme Corp", None),
    ("LINKEDIN NOTE FOR DANA", "Acme Corp", "Dana Ruiz"),
    ("harbor one pager?", "Harbor Insurance", None),
])
def test_a_form_of_words_after_a_verdict_drafts_the_play_in_focus(chat, ask, account, person):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask(ask)
    assert answer.intent == "draft" and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["product"]) == (account, "Data Quality")
    assert answer.entities.get("person") == person


@pytest.mark.slow
def test_a_form_of_words_naming_an_account_with_nothing_in_focus_asks_which_product(chat):
    answer = chat().ask("delta draft")
    assert answer.intent == "draft" and answer.entities["account"] == "Delta Retail"
    assert answer.ask_back is not None and answer.ask_back.kind == "product"


@pytest.mark.slow
@pytest.mark.parametrize("taken_back", [
    "actually the renewal isn't tied, separate deals",
    "keep the renewal out of it",
    "nvm the renewal isn't actually tied",
    "ok the renewal is separate",
])
def test_a_fact_said_not_to_hold_checks_the_play_in_focus_without_it(chat, taken_back):
    conversation = chat()
    tied = conversation.ask("pitch DQ to Acme? the renewal discount only holds if they add DQ")
    assert "renewal.coupled" in {a.rule for a in tied.applied}
    answer = conversation.ask(taken_back)
    assert answer.intent == "check_play" and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["product"]) == ("Acme Corp", "Data Quality")
    assert "topic" not in answer.entities
    assert "renewal.coupled" not in {a.rule for a in answer.applied}
    assert answer.verdict is not None and "renewal.coupled" not in answer.verdict.codes


@pytest.mark.slow
def test_a_fact_taken_back_keeps_the_other_facts_the_message_tells(chat):
    conversation = chat()
    conversation.ask("pitch DQ to Acme? the renewal discount only holds if they add DQ")
    answer = conversation.ask("renewal's not tied, but they're furious about support")
    assert answer.intent == "check_play"
    assert "health.dissatisfied" in {a.rule for a in answer.applied}


@pytest.mark.slow
@pytest.mark.parametrize("ask, account, product", [
    ("kestrel - who signs?", "Kestrel Outdoor", "Data Quality"),  # the product in focus carried
    ("harbor studio, which exec?", "Harbor Insurance", "Insights Studio"),
    ("GOV. WHO SIGNS", "Acme Corp", "Governance Suite"),
])
def test_names_then_a_who_question_ask_for_the_sponsor_of_what_they_name(chat, ask, account, product):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask(ask)
    assert answer.intent == "who_sponsor" and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["product"]) == (account, product)


@pytest.mark.slow
def test_names_offered_as_a_choice_then_a_who_question_are_asked_back(chat):
    answer = chat().ask("Acme vs Kestrel: who gets Studio first?")
    assert answer.intent == "check_play"
    assert answer.ask_back is not None and answer.ask_back.kind == "account"


@pytest.mark.slow
@pytest.mark.parametrize("count", ["ok and 100 more?", "how about thirty", "and at 2x?", "fifty percent more then"])
def test_another_count_of_the_play_in_focus_checks_it_again(chat, count):
    conversation = chat()
    conversation.ask("room for more studio seats at kestrel?")
    answer = conversation.ask(count)
    assert answer.intent == "check_play" and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["product"], answer.entities["change"]) == \
        ("Kestrel Outdoor", "Insights Studio", "more_seats")


@pytest.mark.slow
def test_a_count_with_nothing_in_focus_is_no_play(chat):
    answer = chat().ask("how about thirty")
    assert answer.intent != "check_play" or answer.ask_back is not None


@pytest.mark.slow
@pytest.mark.parametrize("ask, intent, account", [
    ("and Lumen, anything?", "list_plays", "Lumen Energy"),
    ("what about harbor - options?", "list_plays", "Harbor Insurance"),
    ("what about Borealsi?", "check_play", "Borealis Freight"),  # the account misspelt, nothing else: its play
    ("what about lumen instead", "check_play", "Lumen Energy"),
])
def test_a_follow_up_naming_an_account_with_words_of_its_own_asks_what_they_ask(chat, ask, intent, account):
    conversation = chat()
    conversation.ask("pitch DQ to Acme?")
    answer = conversation.ask(ask)
    assert answer.intent == intent and answer.ask_back is None
    assert answer.entities["account"] == account
