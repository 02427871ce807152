"""Names read by how the message is built rather than by more words (this test's own wordings, none
from an evaluation set): a company's legal form typed another way than on record. Each test fails
without the rule it names (resolve.py, understand.py, meaning.yaml `names:`)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, account, product", [
    ("Should we take Data Quality to Acme, Inc. this quarter?", "Acme Corp", "Data Quality"),
    ("acme inc - DQ worth a shot?", "Acme Corp", "Data Quality"),
    ("Acme Corporation wants Data Quality. Go?", "Acme Corp", "Data Quality"),
    ("Per my notes, Borealis Ltd would like Insights Studio. Shall I proceed with a pitch?",
     "Borealis Freight", "Insights Studio"),
    ("could you draft something for Kestrel Inc on more seats", "Kestrel Outdoor", "Insights Studio"),
    ("Is Governance Suite a fit for Orchid Pharma GmbH?", "Orchid Pharma", "Governance Suite"),
])
def test_a_legal_form_after_the_name_is_the_same_company(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text
    assert answer.ask_back is None or answer.ask_back.kind not in ("account", "product"), answer.text


@pytest.mark.parametrize("question", [
    "should I pitch DQ to Acme Health?",  # a word that says which company: another one, asked back
    "can I sell MA to Delta Airlines?",
])
def test_a_company_word_that_is_no_legal_form_still_names_another_company(chat, question):
    answer = chat().ask(question)
    assert answer.ask_back is not None and answer.ask_back.kind == "account", answer.text
    assert "account" not in answer.entities, answer.entities


def test_a_legal_form_is_no_other_company_in_the_resolver():
    from assistant.conversation.meaning_spec import default_name_params
    from assistant.conversation.resolve import account_names

    params = default_name_params()
    accounts = account_names(("Acme Corp", "Delta Retail"), frozenset(), params)
    assert accounts.resolve("acme inc").name == "Acme Corp"
    assert accounts.resolve("acme ltd.").name == "Acme Corp"
    assert accounts.resolve("acme health").status == "unknown"


@pytest.mark.parametrize("question, account, offered", [
    ("Studio or MA for Evergreen?", "Evergreen Media", {"Insights Studio", "Marketing Automation"}),
    ("should I pitch Studio or MA to Evergreen", "Evergreen Media", {"Insights Studio", "Marketing Automation"}),
    ("DQ vs Governance at Orchid - which first?", "Orchid Pharma", {"Data Quality", "Governance Suite"}),
    ("DQ or the Governance Suite for Corvid?", "Corvid Health", {"Data Quality", "Governance Suite"}),
])
def test_two_products_offered_as_a_choice_are_asked_back_never_the_first_taken(chat, question, account, offered):
    answer = chat().ask(question)
    assert answer.ask_back is not None and answer.ask_back.kind == "product", (answer.entities, answer.text)
    assert set(answer.ask_back.candidates) == offered and "product" not in answer.entities
    assert answer.entities.get("account") == account


def test_the_product_chosen_after_the_question_back_is_the_play(chat):
    conversation = chat()
    conversation.ask("Studio or MA for Evergreen?")
    answer = conversation.ask("MA")
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Evergreen Media", "Marketing Automation")


@pytest.mark.parametrize("question, account, product", [
    ("Not DQ, I mean Governance. Pitch Orchid?", "Orchid Pharma", "Governance Suite"),
    ("pitch MA rather than DQ to Delta?", "Delta Retail", "Marketing Automation"),
    ("forget Studio for now; is Governance a fit at Lumen?", "Lumen Energy", "Governance Suite"),
])
def test_a_product_set_aside_beside_another_is_not_the_play(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text
    assert answer.ask_back is None, answer.text
