"""A product the words imply without naming it (this test's own wordings, in styles not tuned for): a
cross-sell is of a product the account does not own (POLICY.md), and of those the one with a play to pitch
when only one has; a product said by the unit it is sold in (the catalog's `unit`); and a lower-case word
spelt close to a first name, which names nobody."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, account, product", [
    ("cross-sell at Evergreen — green light?", "Evergreen Media", "Marketing Automation"),
    ("is Lumen ready for a new module?", "Lumen Energy", "Governance Suite"),
    ("KESTREL CROSS-SELL OK?", "Kestrel Outdoor", "Marketing Automation"),
    ("who'd sponsor a cross-sell at Lumen", "Lumen Energy", "Governance Suite"),
    ("draft the cross-sell email for Delta", "Delta Retail", "Marketing Automation"),
])
def test_a_cross_sell_is_the_one_product_not_owned_with_a_play_to_pitch(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), \
        (answer.entities, answer.text)
    assert answer.ask_back is None
    assert any(product in note and "does not own" in note for note in answer.notes), answer.notes


def test_a_cross_sell_with_several_products_to_pitch_is_asked_back_with_those_not_owned(chat):
    answer = chat().ask("should I try a cross-sell at Acme?")  # Data Quality and Marketing Automation: both pitch
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert answer.ask_back.candidates[:2] == ["Data Quality", "Marketing Automation"], answer.ask_back.candidates
    assert "Data Platform" not in answer.ask_back.candidates  # owned: an upsell, not a cross-sell


def test_products_said_as_owned_beside_a_cross_sell_are_context(chat):
    answer = chat().ask("Kestrel already runs the platform and Studio - anything new worth pushing, yes or no?")
    assert answer.entities.get("product") == "Marketing Automation", (answer.entities, answer.text)


def test_what_blocks_a_cross_sell_is_answered_for_the_closest_cross_sell(chat):
    answer = chat().ask("what's blocking a cross-sell into Corvid?")
    assert answer.intent == "why_not" and answer.ask_back is None
    assert answer.entities.get("product") not in (None, "Data Platform"), answer.entities  # Corvid owns the platform


@pytest.mark.parametrize("question, product, change", [
    ("Kestrel: a longer term on their seats?", "Insights Studio", "longer_term"),
    ("Kestrel wants a bigger seats plan", "Insights Studio", "higher_tier"),
    ("kestrel - lock the units in for 3 yrs?", "Data Platform", "longer_term"),
])
def test_the_unit_said_names_the_owned_product_sold_in_it(chat, question, product, change):
    answer = chat().ask(question)  # Kestrel owns Data Platform (capacity units) and Insights Studio (seats)
    assert (answer.entities.get("product"), answer.entities.get("change")) == (product, change), \
        (answer.entities, answer.text)


def test_a_reply_naming_a_candidates_unit_picks_it_not_the_first(chat):
    conversation = chat()
    assert conversation.ask("should I upsell Kestrel?").ask_back.kind == "product"
    answer = conversation.ask("the one with seats")
    assert answer.entities.get("product") == "Insights Studio", (answer.entities, answer.text)


def test_a_lower_case_word_close_to_a_first_name_names_nobody(chat):
    conversation = chat()
    conversation.ask("pitch DQ to Acme?")
    answer = conversation.ask("what about Delta, same product?")
    assert answer.entities.get("account") == "Delta Retail" and answer.entities.get("product") == "Data Quality"
    assert answer.entities.get("person") is None, (answer.entities, answer.notes)  # not Sam Okafor


@pytest.mark.parametrize("question, person", [
    ("should I pitch capacity to the budget owner at Acme?", "Dana Ruiz"),  # the one budget owner
    ("can I take DQ to Acme's exec sponsor?", "Priya Natarajan"),  # the one executive
    ("pitch MA to Delta's champion?", "Sam Okafor"),
    ("pitch capacity to Ironwood through the VP", "Nadia Petrova"),  # a whole word of her title
    ("@Dana wants DQ at her company, ok?", "Dana Ruiz"),  # a chat mention leads to her account
])
def test_a_stakeholder_by_role_title_word_or_mention(chat, question, person):
    answer = chat().ask(question)
    assert answer.entities.get("person") == person and answer.ask_back is None, (answer.entities, answer.text)


def test_a_role_two_people_hold_names_neither(chat):
    answer = chat().ask("pitch DQ to Acme's champion?")  # Dana and Tom are both champions
    assert answer.entities.get("person") is None and answer.entities.get("product") == "Data Quality"


@pytest.mark.parametrize("question", [
    "is acme quite ready for more capacity?",  # "quite" is one letter from "suite"
    "should I pitch Delta more capacity? their site is down a lot",
])
def test_a_product_noun_in_a_products_name_names_nothing_alone(chat, question):
    answer = chat().ask(question)
    assert answer.entities.get("product") != "Governance Suite", (answer.entities, answer.notes)


@pytest.mark.parametrize("question, account", [
    ("renew Ironwood for three more years - can I push that?", "Ironwood Telecom"),
    ("Fjord: another year on the contract, worth asking?", "Fjord Bank"),
    ("can we extend Juniper's deal by a year?", "Juniper Clinics"),
    ("Harbor wants to extend for 2 more years, fine to pitch?", "Harbor Insurance"),
])
def test_years_more_of_the_contract_are_a_longer_term_of_what_is_owned(chat, question, account):
    answer = chat().ask(question)  # (the product is then the one owned: no question back)
    assert (answer.entities.get("account"), answer.entities.get("product"), answer.entities.get("change")) == \
        (account, "Data Platform", "longer_term"), (answer.entities, answer.text)


@pytest.mark.parametrize("question, product, change", [
    ("kestrel wants an additional fifty licences", "Insights Studio", "more_seats"),  # a count in words
    ("add twenty five users at kestrel", "Insights Studio", "more_seats"),
    ("Kestrel: +20 lic, ok?", "Insights Studio", "more_seats"),
    ("acme wants another five hundred units, fine?", "Data Platform", "more_capacity"),
    ("lock acme in till 2029?", "Data Platform", "longer_term"),  # a commitment to a year ahead
    ("Fjord asked about signing for thirty six months, pitch it?", "Data Platform", "longer_term"),
])
def test_changes_said_with_counts_in_words_and_commitments_to_a_year(chat, question, product, change):
    answer = chat().ask(question)
    assert (answer.entities.get("product"), answer.entities.get("change")) == (product, change), \
        (answer.entities, answer.text)


@pytest.mark.parametrize("question, product", [
    ("Acme doesn't need DQ, they need MA. go?", "Marketing Automation"),  # a negation in DQ's clause
    ("Acme isn't ready for DQ but what about MA?", "Marketing Automation"),
    ("Acme: scratch DQ, think MA. go?", "Marketing Automation"),  # a word that sets it aside
    ("Kestrel isn't going to take more Studio seats; is MA the better play?", "Marketing Automation"),
])
def test_a_product_negated_in_its_clause_gives_way_to_the_one_named_in_another(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, (answer.entities, answer.text)


def test_a_negation_inside_the_clause_that_names_both_sets_neither_aside(chat):
    answer = chat().ask("we don't pitch DQ and MA together to Acme, do we?")
    assert answer.entities.get("product") != "Marketing Automation" or answer.ask_back is not None, answer.entities
