"""Names of the sixteenth round (this test's own wordings, none from an evaluation set; the wordings written
before the changes are in names_wordings_s33.yaml): the person a pasted text greets is the one it is pitched
to (review_turn.py); a change said alone in a follow-up ("another year", "past 800 units") is a change of what
the account owns (intents.yaml `changes`); a first name in lower case before what they are told or owed, or
starting the message before a deed in the past, names them (meaning.yaml `names.person_lower_then`,
`person_lower_after_endings`; those cases are in test_names_written_loosely.py). Each fails without its change."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.intents import find_change
from assistant.conversation.phrasebook import load_phrasebook

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROMPTS)


@pytest.mark.slow
@pytest.mark.parametrize("question, account, product, person", [
    ("quick look before I hit send? 'Hi Omar, Data Quality could catch bad rows before they reach your reports.'",
     "Gale Logistics", "Data Quality", "Gale Logistics"),
    ("Review this note for Studio at Fjord: Dear Ingrid, your analysts could share dashboards in one place.",
     "Fjord Bank", "Insights Studio", "Fjord Bank"),
])
def test_the_person_a_pasted_text_greets_is_the_one_it_is_pitched_to(chat, question, account, product, person):
    answer = chat().ask(question)
    expected = {"Gale Logistics": "Omar Haddad", "Fjord Bank": "Ingrid Solberg"}[person]
    assert answer.intent == "review", answer.text
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text
    assert answer.entities.get("person") == expected, answer.text


@pytest.mark.slow
@pytest.mark.parametrize("first, then, account, product, change", [
    ("is MA right for Harbor?", "ok and one more year for them?", "Harbor Insurance", "Data Platform", "longer_term"),
    ("Studio at Lumen, yes or no?", "what if they grow past 900 units", "Lumen Energy", "Data Platform", "more_capacity"),
])
def test_a_change_said_alone_in_a_follow_up_is_of_what_the_account_owns(chat, first, then, account, product, change):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(then)
    assert (answer.entities.get("account"), answer.entities.get("product"), answer.entities.get("change")) == \
        (account, product, change), answer.text


def test_years_said_as_a_when_are_no_term(book):
    assert find_change("another year on the platform for orchid", book)[0] == "longer_term"
    for said in ("revisit dq at acme in another year", "they had another year of growth, dq?",
                 "dq for acme, another year from now?"):
        assert find_change(said, book)[0] != "longer_term", said


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "a grace period about to run out on the renewal - DQ?",  # (only the word right before "about")
    "will a DQ pitch land before the renewal?",
])
def test_a_lower_case_word_before_what_is_told_is_read_only_right_there(chat, question):
    # (the lower-case first names told or owed something: test_names_written_loosely.py)
    assert "person" not in chat().ask(question).entities
