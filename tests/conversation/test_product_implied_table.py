"""The table of README's "A product implied by the store" (implied_product.py), row by row: the product a
question implies when it names none, from the catalog and the account's holdings, and the question back
with the products left when several are. Wordings of this round, in styles of their own."""

from __future__ import annotations

import pytest

from assistant.conversation import implied_product
from assistant.demo.loader import DEMO_DIR
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts


@pytest.fixture(scope="module")
def book():
    accounts, _ = read_accounts(DEMO_DIR / "accounts.yaml")
    return read_catalog(DEMO_DIR / "catalog.yaml"), {a.name: a for a in accounts}


def test_each_row_of_the_table_from_the_catalog_and_the_holdings(book):
    catalog, accounts = book
    kestrel, acme, orchid = accounts["Kestrel Outdoor"], accounts["Acme Corp"], accounts["Orchid Pharma"]
    assert implied_product.implied(acme, catalog, "more seats", "more_seats") == \
        implied_product.Implied("Data Platform", ("Data Platform",), "change")  # the one owned; sold in units
    assert implied_product.implied(kestrel, catalog, "a longer term", "longer_term").product is None  # both own a term
    assert implied_product.implied(kestrel, catalog, "a longer term on the seats", "longer_term").product == \
        "Insights Studio"  # narrowed by the unit's noun
    assert implied_product.implied(kestrel, catalog, "grow them", motion=implied_product.UPSELL).candidates == \
        ("Data Platform", "Insights Studio")
    assert implied_product.implied(acme, catalog, "grow them", motion=implied_product.UPSELL).product == "Data Platform"
    assert implied_product.implied(orchid, catalog, "x", motion=implied_product.CROSS_SELL).candidates == \
        ("Marketing Automation", "Governance Suite", "Insights Studio")
    assert implied_product.implied(acme, catalog, "their units?").row == "unit"
    assert implied_product.implied(acme, catalog, "should I pitch them?") == \
        implied_product.Implied(None, tuple(p.name for p in catalog.products), "")
    assert implied_product.bundle_play(acme, catalog, "Data Platform", ["Data Quality"]) == \
        ("Data Quality", ["Data Platform"])
    assert implied_product.bundle_play(acme, catalog, "Data Quality", ["Marketing Automation"]) == \
        ("Data Quality", ["Marketing Automation"])  # neither owned: the one named first stays the play


@pytest.mark.parametrize("question, account, product", [
    ("Corvid units - worth raising now?", "Corvid Health", "Data Platform"),
    ("units at Fjord, push?", "Fjord Bank", "Data Platform"),
    ("what about Lumen's units, yes or no?", "Lumen Energy", "Data Platform"),
])
def test_the_noun_of_the_unit_an_owned_product_is_sold_in_names_it(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), \
        (answer.entities, answer.text)
    assert answer.ask_back is None


@pytest.mark.parametrize("question, account, product", [
    ("bundle the platform with DQ for Acme?", "Acme Corp", "Data Quality"),
    ("Kestrel: Studio plus MA as one bundle for a better price?", "Kestrel Outdoor", "Marketing Automation"),
    ("package Orchid's DQ together with Governance, good idea?", "Orchid Pharma", "Governance Suite"),
])
def test_of_a_bundle_of_an_owned_product_and_a_new_one_the_new_one_is_the_play(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), \
        (answer.entities, answer.text)
    assert answer.entities.get("change") == "new_product"


def test_nothing_of_the_table_said_asks_back_with_the_catalog(chat):
    answer = chat().ask("should I pitch Juniper?")
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert len(answer.ask_back.candidates) == 5


@pytest.mark.parametrize("question, account, product", [
    ("kestrel seats, I'm at 60% of plan, push?", "Kestrel Outdoor", "Insights Studio"),  # "I'm" is no product
    ("more units for Borealis' LATAM team?", "Borealis Freight", "Data Platform"),  # beside the account's name
    ("Delta sent an RFP for more capacity, go?", "Delta Retail", "Data Platform"),  # a clause, a capital in it
    ("Acme's CSM says they're ready for more units", "Acme Corp", "Data Platform"),
    ("Gale capacity, Mark from their finance team is keen", "Gale Logistics", "Data Platform"),  # not Marketing
    ("my RVP thinks Lumen is ready for a cross-sell", "Lumen Energy", "Governance Suite"),  # the one to pitch
])
def test_capitalised_words_that_name_nothing_ask_for_no_product_the_table_settles(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), \
        (answer.entities, answer.text)
    assert answer.ask_back is None or answer.ask_back.kind != "product", answer.ask_back


def test_an_unknown_product_typed_as_a_name_with_a_change_is_still_asked_about(chat):
    answer = chat().ask("pitch Quantum Widgets capacity to Acme?")
    assert answer.ask_back is not None and answer.ask_back.kind == "product", (answer.entities, answer.text)


@pytest.mark.parametrize("question, reply, product", [
    ("should I pitch Juniper?", "the one they already have", "Data Platform"),
    ("should I pitch Harbor?", "upsell", "Data Platform"),
])
def test_a_reply_to_which_product_that_says_the_motion_picks_the_one_it_leaves(chat, question, reply, product):
    conversation = chat()
    assert conversation.ask(question).ask_back.kind == "product"
    answer = conversation.ask(reply)
    assert answer.entities.get("product") == product and answer.ask_back is None, (answer.entities, answer.text)


def test_a_regions_acronym_is_no_accounts_initials():
    from assistant.conversation.resolve import Names

    accounts = Names("account", [(n, ()) for n in ("Evergreen Media", "Ironwood Telecom", "Kestrel Outdoor")],
                     mention_words=True)
    assert accounts.initialled("the EMEA team needs it", 3) == []  # Media would give three letters
    assert [m.name for m in accounts.initialled("pitch DQ to IWT?", 3)] == ["Ironwood Telecom"]
    assert [m.name for m in accounts.initialled("KOD plays", 3)] == ["Kestrel Outdoor"]


def test_an_acronym_in_a_session_keeps_the_account_in_focus(chat):
    conversation = chat()
    conversation.ask("more capacity for Borealis?")
    answer = conversation.ask("Lars says the EMEA team needs it by January")
    assert answer.entities.get("account") == "Borealis Freight", (answer.entities, answer.text)
