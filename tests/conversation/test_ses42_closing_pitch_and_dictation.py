"""A story closed by the one word of the verdict it wants ("... would really help my number. pitch?"): a check,
not the words the story's "help me" would otherwise ask for across the full stop; and a dictated note addressed to
the coach ("note for coach um should I pitch ...") asks what it asks, no note to write. This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message, account", [
    ("Lucia keeps asking for room, more Kestrel seats would really help me. pitch?", "Kestrel Outdoor"),
    ("Studio for Fjord would help us a lot this quarter. pitch it?", "Fjord Bank"),
])
def test_a_story_closed_by_pitch_is_a_check(chat, message, account):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"]) == ("check_play", account)


@pytest.mark.parametrize("message", [
    "ok so note for coach uh should I pitch MA to delta retail like this month thanks",
    "note to the coach: can I take DQ to acme next week",
])
def test_a_note_to_the_coach_asks_its_question(chat, message):
    answer = chat().ask(message)
    assert answer.intent == "check_play"


def test_a_note_for_a_person_is_still_a_draft(chat):
    assert chat().ask("note for Dana re DQ").intent == "draft"


@pytest.mark.parametrize("message, account", [
    ("Juniper is really unhappy about how the rollout went, Marcus put it in writing. Governance?", "Juniper Clinics"),
    ("Lumen loved the pilot and Ana put it in writing last week. Studio?", "Lumen Energy"),
])
def test_words_put_in_writing_by_someone_are_told_not_asked(chat, message, account):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"]) == ("check_play", account)


@pytest.mark.parametrize("message", ["can you put it in writing for Priya at Acme about DQ",
                                     "put something together for Acme on DQ", "help me put the DQ case into words for Dana"])
def test_words_put_in_writing_asked_are_a_draft(chat, message):
    assert chat().ask(message).intent == "draft"
