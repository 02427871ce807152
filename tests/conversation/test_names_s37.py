"""Names, products and changes read from the AM's words, round nineteen (this file's own wordings):
a product's alias of one word and a product noun said by that word alone ("gov"), the play of a bundle
read by its phrase the product named first, a limit raised where no metered ceiling is on record read as
more of the capacity bought, usage multiplied and units pushed as more capacity, a measure the figures
read ("CSAT") no unknown product, and a reply to a blocker question that names whom the play goes to."""

from __future__ import annotations

import pytest

from assistant.conversation.resolve import Names


def test_a_products_word_before_a_product_noun_in_its_alias_names_it_alone():
    products = Names("product", [("Governance Suite", ["Governance", "Gov Suite"]), ("Data Quality", ["DQ"])])
    assert products.resolve("gov").name == "Governance Suite"
    assert [m.name for m in products.mentions("can we fold gov into their renewal")] == ["Governance Suite"]
    assert not products.resolve("go").found  # (typed exactly only: "go" is a word, no slip of "gov")


def test_a_word_two_products_share_is_no_products_name_alone():
    products = Names("product", [("Data Platform", ["Data Suite"]), ("Data Quality", ["DQ"])])
    assert not products.resolve("data").found


@pytest.mark.parametrize("asked, account", [
    ("who holds the purse strings for gov at Lumen?", "Lumen Energy"),
    ("fjord: roll gov into the renewal so it's one signature", "Fjord Bank"),
])
def test_gov_in_lower_case_is_governance(chat, asked, account):
    answer = chat().ask(asked)
    assert (answer.entities["account"], answer.entities["product"]) == (account, "Governance Suite"), answer.ask_back


@pytest.mark.parametrize("asked, account, product", [
    ("Kestrel: DQ together with 20 more Studio seats as one package at 10% off?", "Kestrel Outdoor", "Data Quality"),
    ("Acme: we'd offer Governance plus extra platform capacity as a single package, with a rebate. allowed?",
     "Acme Corp", "Governance Suite"),
])
def test_a_bundle_told_by_its_phrase_is_built_around_the_product_named_first(chat, asked, account, product):
    answer = chat().ask(asked)
    assert answer.ask_back is None or answer.ask_back.kind == "blocker", answer.ask_back
    assert (answer.entities["account"], answer.entities["product"]) == (account, product)
    assert "bundle.separate" in {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else [])


def test_a_limit_raised_where_no_ceiling_is_on_record_is_more_capacity(chat):
    answer = chat().ask("Gale Logistics is right up against its limit now. raise the cap?")
    assert (answer.entities["product"], answer.entities["change"]) == ("Data Platform", "more_capacity")
    assert any("more capacity" in note for note in answer.notes)  # (the answer says how it read it)


def test_a_limit_raised_where_a_ceiling_is_on_record_stays_more_volume(chat):
    answer = chat().ask("raise the cap for Ironwood?")
    assert answer.entities["change"] == "more_volume"


@pytest.mark.parametrize("asked, account", [
    ("Delta expects to triple their usage next year. pitch it?", "Delta Retail"),
    ("juniper's renewal looks solid. can we push units?", "Juniper Clinics"),
])
def test_usage_multiplied_and_units_pushed_are_more_capacity(chat, asked, account):
    answer = chat().ask(asked)
    read = (answer.ask_back, *(answer.entities[k] for k in ("account", "product", "change")))
    assert read == (None, account, "Data Platform", "more_capacity")


def test_a_measure_read_by_the_figures_is_no_unknown_product(chat):
    answer = chat().ask("Acme CSAT is 4.7 but they're at 97% capacity. more units?")
    assert answer.ask_back is None or answer.ask_back.kind != "product", answer.ask_back
    assert (answer.entities["product"], answer.entities["change"]) == ("Data Platform", "more_capacity")


def test_a_reply_to_a_blocker_question_that_names_someone_pitches_them(chat):
    conversation = chat()
    conversation.ask("Kestrel seats via Ben?")
    asked = conversation.ask("what if I took it to their new CFO instead?")
    assert asked.ask_back is not None and asked.ask_back.kind == "blocker"
    answer = conversation.ask("nope - via Lucia")
    assert (answer.entities["account"], answer.entities["person"]) == ("Kestrel Outdoor", "Lucia Romero")


@pytest.mark.parametrize("first, then, account", [
    ("is DQ right for Harbor?", "they're on 350 of 500 units, is more worth it?", "Harbor Insurance"),
    ("is MA a fit at Gale Logistics?", "they've used 380 of 400 units already, would more be smarter?", "Gale Logistics"),
])
def test_a_count_of_units_told_after_a_check_is_the_account_in_focus_growing(chat, first, then, account):
    conversation = chat()
    conversation.ask(first)
    answer = conversation.ask(then)
    assert answer.ask_back is None, answer.ask_back  # (figures and pronouns name no account to ask about)
    assert (answer.entities["account"], answer.entities["product"], answer.entities["change"]) == \
        (account, "Data Platform", "more_capacity")


def test_what_the_customer_will_say_names_no_play(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Borealis?")
    answer = conversation.ask("Lars will probably say 'we only just bought more platform capacity'. what do I tell him?")
    assert answer.intent == "draft"
    assert answer.entities["product"] == "Data Quality", answer.notes  # (the play in focus, not the one quoted)


def test_a_question_for_the_plays_asks_about_no_one_elsewhere(chat):
    answer = chat().ask("inherited Harbor from Tom's patch - what can I sell there?")
    assert (answer.intent, answer.entities["account"], answer.ask_back) == ("list_plays", "Harbor Insurance", None)
