"""The plays other than one named, asked with words between ("lumen, what else is there apart from governance?"),
and the years a play is signed for said right after the account ("Harbor for three years, any good?": a longer
term, asked as a check; not "with us for three years"). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message, account", [
    ("lumen - what else is there apart from governance?", "Lumen Energy"),
    ("orchid: anything else out there besides DQ?", "Orchid Pharma"),
    ("delta, what is there other than MA", "Delta Retail"),
])
def test_what_else_besides_a_play_lists_the_plays(chat, message, account):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"]) == ("list_plays", account)


@pytest.mark.parametrize("message, account", [
    ("Fjord for three years, any good?", "Fjord Bank"),
    ("juniper for 2 yrs - worth it?", "Juniper Clinics"),
])
def test_the_years_after_the_account_are_a_longer_term(chat, message, account):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"], answer.entities["change"]) == \
        ("check_play", account, "longer_term")


def test_years_already_with_us_are_no_term(chat):
    answer = chat().ask("they've been with us for three years, MA at Delta?")
    assert (answer.intent, answer.entities["product"], answer.entities["change"]) == \
        ("check_play", "Marketing Automation", "new_product")
