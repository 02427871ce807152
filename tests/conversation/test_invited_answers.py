"""What the last answer invites: a question back about which play is answered by the play's names
alone, as the question asked ("why not?" ... "Harbor - Data Quality" asks what blocks that play); a
first clause that picks a play of the list just shown, by its place or by what it is, picks it for the
question after it ("number 4, why isn't it a go"); a figure of the play in focus said again with the
words of its change ("sorry, 3 years not 2") is that play again, not a message asked back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # reading by meaning loads the embedding model


@pytest.mark.parametrize("asked, intent, reply, account, product", [
    ("why not?", "why_not", "Harbor - Data Quality", "Harbor Insurance", "Data Quality"),
    ("can you draft it", "draft", "MA for Evergreen", "Evergreen Media", "Marketing Automation"),
    ("who's the right sponsor?", "who_sponsor", "the governance deal at Lumen", "Lumen Energy", "Governance Suite"),
    ("what's the reasoning?", "why", "acme dq", "Acme Corp", "Data Quality"),
])
def test_a_play_named_answers_which_play_as_the_question_asked(chat, asked, intent, reply, account, product):
    conversation = chat()
    first = conversation.ask(asked)
    assert first.ask_back is not None and first.ask_back.kind == "play"
    answer = conversation.ask(reply)
    assert answer.intent == intent and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["product"]) == (account, product)


def test_a_question_of_its_own_after_which_play_is_that_question(chat):
    conversation = chat()
    conversation.ask("why not?")
    answer = conversation.ask("what can I sell to Juniper?")
    assert answer.intent == "list_plays" and answer.entities["account"] == "Juniper Clinics"


@pytest.mark.parametrize("listing, pick, intent, product, change", [
    ("options for Lumen?", "number 4, why isn't it a go", "why_not", "Data Quality", "new_product"),
    ("Acme plays pls", "the tier one. why?", "why", "Data Platform", "higher_tier"),
])
def test_a_pick_from_the_list_then_a_question_asks_it_of_the_play_picked(chat, listing, pick, intent, product, change):
    conversation = chat()
    conversation.ask(listing)
    answer = conversation.ask(pick)
    assert answer.intent == intent
    assert (answer.entities["product"], answer.entities["change"]) == (product, change)


@pytest.mark.parametrize("first, again, intent", [
    ("can I lock Juniper into a 2 year term?", "sorry, 3 years not 2", "check_play"),
    ("3-year renewal for Juniper, good idea?", "make that 5 years", "check_play"),
    ("draft a 2 year term extension pitch for Juniper", "oops, four years, not two", "draft"),
])
def test_a_figure_of_the_play_said_again_is_that_play_again(chat, first, again, intent):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(again)
    assert answer.intent == intent and answer.ask_back is None
    assert (answer.entities["account"], answer.entities["change"]) == ("Juniper Clinics", "longer_term")
