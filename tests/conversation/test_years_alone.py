"""A name and a number of years, the whole message ("mariner 5 years", "fjord bank, four years?"), asks about a
longer term there; years after "in", "for" or before "ago" say when or how long already, no term. Phrasings
of this test's own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["mariner 5 years", "fjord bank, four years?", "Evergreen 2 yrs?"])
def test_a_name_and_years_is_the_longer_term_there(chat, question):
    answer = chat().ask(question)
    assert (answer.intent, answer.entities.get("change")) == ("check_play", "longer_term")


@pytest.mark.parametrize("question", ["acme in 2 years?", "kestrel for 3 years"])
def test_years_of_when_or_how_long_are_no_term(chat, question):
    assert chat().ask(question).entities.get("change") != "longer_term"
