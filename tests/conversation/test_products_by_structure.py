"""Which product is the play when a message names two (this test's own wordings, in styles not tuned for):
with no change of the owned one said and no bundle, the one the account does not own beside the one it owns
(the owned one is the first deal's history: its rollout, its results, what an executive saw), a second
product typed short after a pitch verb ("push gov") or asked in a clause of one word ("- MA?") too."""

from __future__ import annotations

import pytest

from assistant.conversation.implied_product import new_beside_owned
from assistant.conversation.resolve import product_names
from assistant.demo.loader import DEMO_DIR
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts


@pytest.fixture(scope="module")
def book():
    accounts, _ = read_accounts(DEMO_DIR / "accounts.yaml")
    return read_catalog(DEMO_DIR / "catalog.yaml"), {a.name: a for a in accounts}


def test_a_product_asked_in_a_one_word_clause_beside_an_owned_one_is_the_play(chat):
    answer = chat().ask("Corvid's exec team is happy and they rely on the platform daily - MA?")
    assert answer.entities.get("product") == "Marketing Automation", (answer.entities, answer.text)


@pytest.mark.parametrize("question, account, product", [
    ("the platform go-live at Borealis was smooth, is Governance the next step?", "Borealis Freight",
     "Governance Suite"),
    ("Corvid's board never saw how the platform paid off — ok to bring Studio to them?", "Corvid Health",
     "Insights Studio"),
    ("Orchid's data quality usage doubled since June; would MA land now?", "Orchid Pharma", "Marketing Automation"),
    ("their CFO wasn't around for the platform launch at Lumen, should I push gov to her?", "Lumen Energy",
     "Governance Suite"),
    ("Juniper's platform renewal lands in May, should I push gov first?", "Juniper Clinics", "Governance Suite"),
])
def test_the_product_not_owned_beside_an_owned_ones_history_is_the_play(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), \
        (answer.entities, answer.text)
    assert answer.entities.get("change") == "new_product", answer.entities


def test_a_bundle_keeps_the_product_it_is_built_around(chat):
    # Orchid owns Data Quality: in a bundle the first product named is the play, owned or not
    answer = chat().ask("could I bundle DQ and Studio for Orchid at a package price?")
    assert answer.entities.get("product") == "Data Quality", (answer.entities, answer.text)


def test_a_change_of_the_owned_product_keeps_it_the_play(chat):
    answer = chat().ask("Gale's platform is nearly full, more capacity there before we talk Governance?")
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Data Platform", "more_capacity"), \
        (answer.entities, answer.text)


def test_new_beside_owned_needs_exactly_one_new_product(book):
    catalog, accounts = book
    kestrel = accounts["Kestrel Outdoor"]  # owns Data Platform and Insights Studio
    assert new_beside_owned(kestrel, catalog, ["Insights Studio", "Governance Suite"]) == "Governance Suite"
    assert new_beside_owned(kestrel, catalog, ["Data Quality", "Governance Suite"]) is None  # both new
    assert new_beside_owned(kestrel, catalog, ["Data Platform", "Insights Studio"]) is None  # both owned
    assert new_beside_owned(kestrel, catalog, ["Governance Suite"]) is None  # one product: nothing to settle


def test_short_forms_are_read_from_the_catalog_names_and_aliases(book):
    names = product_names(book[0])
    # ("gov" is a spelling of its own, the word of the alias "Gov Suite": written out, not a short form)
    found = {m.key: m.name for m in names.short_forms("gov gove plat qual auto stud data marketing", 3)}
    assert found == {"gove": "Governance Suite", "plat": "Data Platform", "qual": "Data Quality",
                     "auto": "Marketing Automation", "stud": "Insights Studio"}  # "data": two products; "marketing": a qualifier
    assert [m.name for m in names.mentions("gov")] == ["Governance Suite"]
