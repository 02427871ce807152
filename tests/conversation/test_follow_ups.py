"""Follow-ups across turns: a pick by place from the plays just listed, the play kept in focus
when the AM moves on from a question back, and readings the patterns were not sure of read again
by meaning."""

from __future__ import annotations

import pytest

from assistant.conversation.follow_ups import ordinal
from assistant.conversation.known_names import KnownNames
from assistant.conversation.phrasebook import load_phrasebook


@pytest.fixture
def world(coach):
    return KnownNames(coach, load_phrasebook(coach.settings.prompts_dir))


@pytest.mark.parametrize("reply, place", [
    ("the second one", 2), ("2", 2), ("go with the second one please", 2), ("let's do 3", 3),
    ("first", 1), ("the 2nd", 2),
    ("the second one is blocked, why", None),  # more than a pick: a question of its own
    ("first or second", None),  # two places: not a pick
    ("acme", None),
])
def test_a_short_reply_picks_a_place_when_its_other_words_are_filler(world, reply, place):
    assert ordinal(reply, world) == place


def test_a_play_of_the_list_just_shown_is_picked_by_its_place(chat):
    conversation = chat()
    listed = conversation.ask("what can I sell at Gale?")
    assert listed.intent == "list_plays" and len(listed.plays) >= 2
    second = listed.plays[1]
    picked = conversation.ask("go with the second one")
    assert picked.intent == "check_play" and picked.ask_back is None
    assert (picked.entities["product"], picked.entities["change"]) == (second["product"], second["change"])
    # the pick is the play in focus now
    assert conversation.ask("why not?").entities["product"] == second["product"]


def test_without_a_list_a_place_is_not_a_play(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    assert conversation.ask("the second one").intent == "unclear"


def test_moving_on_from_a_blocker_question_keeps_the_play_in_focus(chat):
    conversation = chat()
    asked = conversation.ask("can I pitch Governance to Lumen by end of January?")
    assert asked.ask_back is not None and asked.ask_back.kind == "blocker"
    moved_on = conversation.ask("who should sponsor it?")
    assert moved_on.ask_back is None and moved_on.intent == "who_sponsor"
    assert moved_on.entities["account"] == "Lumen Energy" and moved_on.entities["product"] == "Governance Suite"
    assert not moved_on.applied  # the timing was neither confirmed nor applied


@pytest.mark.slow  # reading by meaning loads the embedding model
@pytest.mark.parametrize("question, intent", [
    ("put it in words for me", "draft"),  # a general check pattern whose slots name nothing
    ("who do I need to convince", "who_sponsor"),
    ("what else is there at Acme", "list_plays"),  # its product slot named nothing on record
])
def test_a_check_the_patterns_were_not_sure_of_is_read_by_meaning(chat, question, intent):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask(question)
    assert answer.intent == intent and answer.parser == "meaning", (answer.intent, answer.parser)
    assert answer.entities.get("account") == "Acme Corp"


@pytest.mark.slow
@pytest.mark.parametrize("question, account", [
    ("can I pitch Borealis", "Borealis Freight"),  # its slot named an account
    ("should I still pitch it now?", "Acme Corp"),  # its slot held only filler: the play in focus
    ("ok Kestrel, same question", "Kestrel Outdoor"),  # a fragment stays a follow-up
])
def test_a_sure_check_is_not_read_again(chat, question, account):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask(question)
    assert answer.intent == "check_play" and answer.parser == "rules", (answer.intent, answer.parser)
    assert answer.entities["account"] == account and answer.entities["product"] == "Data Quality"


@pytest.mark.slow
def test_a_framework_question_read_by_meaning_looks_up_its_own_words(chat):
    answer = chat().ask("renewal vs expansion, how are they different")
    assert answer.intent == "framework" and answer.ask_back is None
    assert "renewal" in answer.entities["topic"]
