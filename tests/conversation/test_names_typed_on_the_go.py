"""Names as they come out of a phone or a hurried list (this file's own wordings): three names offered
at once, a name a phone's dictionary turned into a word, a name glued to the next word, and the
products of a bundle named in several ways (the play is the one named first)."""

from __future__ import annotations

import pytest


# -- a choice of three or more, listed with commas ------------------------------------------------
@pytest.mark.parametrize("question, kind, offered", [
    ("would Studio suit Gale, Harbor or Mariner best?", "account", {"Gale Logistics", "Harbor Insurance", "Mariner Shipping"}),
    ("Governance: Acme, Borealis, or Corvid first?", "account", {"Acme Corp", "Borealis Freight", "Corvid Health"}),
    ("for Juniper, DQ, MA or Studio?", "product", {"Data Quality", "Marketing Automation", "Insights Studio"}),
    # (a choice opened by "between")
    ("can't choose between Gale and Harbor for Studio", "account", {"Gale Logistics", "Harbor Insurance"}),
    ("Kestrel: stuck between Studio and MA, help", "product", {"Insights Studio", "Marketing Automation"}),
])
def test_every_name_of_a_listed_choice_is_offered(chat, question, kind, offered):
    answer = chat().ask(question)
    assert answer.ask_back is not None and answer.ask_back.kind == kind, (answer.entities, answer.text)
    assert set(answer.ask_back.candidates) == offered


def test_a_choice_of_three_is_asked_back_as_a_list(chat):
    answer = chat().ask("would Studio suit Gale, Harbor or Mariner best?")
    assert "Gale Logistics, Harbor Insurance or Mariner Shipping?" in answer.text, answer.text


# -- a name a phone's dictionary made a word ------------------------------------------------------
def test_a_capitalised_word_one_letter_from_one_account_is_that_account(chat):
    answer = chat().ask("can I sell more capacity to Gate this month?")
    assert answer.entities.get("account") == "Gale Logistics" and answer.ask_back is None, answer.text
    assert any("Gale Logistics" in note for note in answer.notes), answer.notes  # the answer says what it took


def test_a_word_is_only_taken_for_a_name_when_typed_as_one():
    from assistant.conversation.resolve import account_names

    accounts = account_names(("Acme Corp", "Gale Logistics", "Lumen Energy"), frozenset())
    assert accounts.autocorrected("Acne") == "Acme Corp"
    assert accounts.autocorrected("Gate") == "Gale Logistics"
    assert accounts.autocorrected("Dale") is None  # (its first letter changed: another name)
    assert accounts.resolve("acne").status == "unknown"  # a word by itself is no name


# -- a name glued to the next word ----------------------------------------------------------------
@pytest.mark.parametrize("question, account, product", [
    ("is DQfor Harbor a go?", "Harbor Insurance", "Data Quality"),
    ("ok to pitchMA to Evergreen?", "Evergreen Media", "Marketing Automation"),
])
def test_a_name_in_capitals_glued_to_a_small_word_is_read(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text


# -- the play of a bundle is the product named first, however it is named -------------------------
@pytest.mark.parametrize("question, product", [
    ("thinking of bundling the lineage view with DQ for Orchid at a discount, ok?", "Governance Suite"),
    ("Acme: MA plus a platform capacity bump as one package, 10% off?", "Marketing Automation"),
    ("let's do a package with MA and Studio for Evergreen, discounted", "Marketing Automation"),
])
def test_the_play_of_a_bundle_is_the_product_named_first(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, (answer.entities, answer.text)


# -- which of two accounts sharing a first word, said of them both ---------------------------------
def test_the_other_word_picks_one_of_the_accounts_a_plural_names(chat):
    answer = chat().ask("I always confuse my Nimbuses - the software one, what could I sell them?")
    assert answer.entities.get("account") == "Nimbus Software" and answer.ask_back is None, answer.text


# -- a description's word with two letters swapped -------------------------------------------------
def test_a_descriptions_word_with_two_letters_swapped_is_read_as_it(chat):
    answer = chat().ask("could the lienage piece work for Orchid?")
    assert answer.entities.get("product") == "Governance Suite" and answer.ask_back is None, answer.text


def test_a_swap_that_makes_a_real_word_is_that_word():
    from assistant.conversation.meaning_spec import default_name_params
    from assistant.conversation.resolve import Described
    from assistant.domain import Catalog, Product

    catalog = Catalog(products=[Product(name="Governance Suite", aliases=["Gov"], serves=["compliant reporting"])])
    real = frozenset({"complaint"})
    assert Described(catalog, default_name_params(), real).swapped.get("complaint") is None
    assert Described(catalog, default_name_params(), real).swapped.get("copmliant") == "compliant"
    assert Described(catalog, default_name_params(), None).swapped == {}  # (no dictionary: no swap read)


# -- a product said as not wanted, another described as wanted --------------------------------------
def test_the_product_wanted_instead_of_one_not_wanted_is_the_play(chat):
    answer = chat().ask("Juniper doesn't want more DQ, they need self-serve dashboards. worth a pitch?")
    assert answer.entities.get("product") == "Insights Studio", (answer.entities, answer.text)


# -- a stakeholder by their title as people shorten it ----------------------------------------------
def test_a_title_shortened_names_the_stakeholder_and_no_product(chat):
    answer = chat().ask("should I take more capacity to the VP of Marketing Ops at Acme?")
    assert answer.entities.get("person") == "Dana Ruiz", (answer.entities, answer.text)
    assert answer.entities.get("product") == "Data Platform"


# -- "and" between two names with no choice opened is no choice ----------------------------------
def test_and_between_two_names_with_no_choice_opened_is_no_choice(chat):
    answer = chat().ask("pitch DQ and MA to Acme as one package at 10% off?")
    assert answer.entities.get("product") == "Data Quality", (answer.entities, answer.text)


# -- a play set aside at an account: the account stays ------------------------------------------------
@pytest.mark.parametrize("question, account, product", [
    ("scratch DQ for Harbor - what about MA?", "Harbor Insurance", "Marketing Automation"),
    ("forget more capacity at Gale, I mean Studio", "Gale Logistics", "Insights Studio"),
])
def test_a_play_dismissed_at_an_account_leaves_the_account_for_the_question_after(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text
