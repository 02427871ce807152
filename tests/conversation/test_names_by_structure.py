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
