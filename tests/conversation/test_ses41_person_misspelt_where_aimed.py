"""A person's name misspelt where the pitch is aimed, inside words a pattern read as the product and the
account ("should I take DQ to Pryia at Acme?"): the capitalised word after "to", "via", "through" spelt
closely to one person at the account is that person, and the answer says which name it took
(person_misspelt.py). A word of no one's name there stays no one. This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, person", [
    ("should I take DQ to Pryia at Acme?", "Priya Natarajan"),
    ("should I take DQ to Legal at Acme first?", None),  # (a capitalised word spelt like no one's name)
    ("is it smart to take DQ to Tomm at Acme this month?", "Tom Becker"),
])
def test_a_misspelt_name_where_the_pitch_is_aimed(chat, question, person):
    answer = chat().ask(question)
    assert answer.entities.get("person") == person
    if person:
        assert any(person in note for note in answer.notes)


def test_a_lower_case_word_after_to_is_no_misspelt_name(chat):
    answer = chat().ask("should I take DQ to them at Acme?")
    assert answer.entities.get("person") is None
