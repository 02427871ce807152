"""Names said the way AMs say them when they do not type the name (this test's own wordings): a
product described in words of one's own, by what the customer wants, or by its initials; the limit
of what is metered as its volume; a change's word misspelt; an upsell's question back."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, product", [
    ("should I pitch the pipeline monitoring thing to Delta?", "Data Quality"),  # the last word decides
    ("is the tool that flags broken data a fit for Gale", "Data Quality"),  # the clause after a head
    ("pitch Delta the tool that sends nurture emails?", "Marketing Automation"),
    ("data contracts for Juniper - good idea?", "Data Quality"),
    ("can I get the charting add-on into Borealis", "Insights Studio"),
])
def test_a_product_described_in_words_of_ones_own(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product and answer.ask_back is None, (answer.entities, answer.text)
    assert any(product in note for note in answer.notes), answer.notes  # the answer says which it took


def test_cue_words_side_by_side_name_the_product_they_share(chat):
    answer = chat().ask("Gale's execs want self-serve reporting. go?")
    assert answer.entities.get("product") == "Insights Studio", (answer.entities, answer.text)


@pytest.mark.parametrize("question", [
    "Acme's audit is next month. should I pitch them?",  # one cue word, said of something else
    "Harbor's reporting team is unhappy with us. should I pitch them anything?",
])
def test_a_cue_word_alone_in_a_sentence_names_no_product(chat, question):
    answer = chat().ask(question)
    assert answer.entities.get("product") is None, (answer.entities, answer.text)


def test_cue_words_by_the_catalog_and_the_data():
    from assistant.conversation.meaning_spec import Described as Words, default_name_params
    from assistant.conversation.resolve import Described
    from assistant.domain import Catalog, Product

    params = default_name_params().model_copy(update={"described": (
        Words(product="Data Quality", words=("data cleaning",), cues=("monitoring", "records", "data")),
        Words(product="Insights Studio", words=("dashboards",), cues=("charts", "data")),
        Words(product="Governance Suite", words=("lineage",), cues=("data",)),
        Words(product="Nowhere Suite", words=("widgets",), cues=("gadgets",))), "described_generic": 2})
    catalog = Catalog(products=[Product(name="Data Quality"), Product(name="Insights Studio"),
                                Product(name="Governance Suite", adjacent_features=["access reviews"])])
    described = Described(catalog, params)
    assert described.by_cues("the monitoring thing") == (["Data Quality"], "monitoring thing", True)
    assert described.by_cues("the one that draws charts")[0] == ["Insights Studio"]
    assert described.by_cues("a tool for records and charts") == (["Data Quality", "Insights Studio"],
                                                                 "tool for record and chart", True)
    assert described.by_cues("the access review stuff")[0] == ["Governance Suite"]  # a feature's words
    assert described.by_cues("the data thing")[0] == []  # a word of three products says nothing
    assert described.by_cues("the gadgets thing")[0] == []  # a product the catalog does not sell
    assert described.by_cues("they love charts")[0] == []  # one cue word, said as no product


@pytest.mark.parametrize("question, product", [
    ("IS for Delta?", "Insights Studio"),  # a product's initials, an English word in lower case
    ("GS for Fjord?", "Governance Suite"),
    ("pitch M.A. to Delta?", "Marketing Automation"),  # dotted
    ("IS IT OK TO PITCH DQ TO ACME", "Data Quality"),  # shouted: "IS" is the word
])
def test_a_product_by_its_initials_in_capitals(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, (answer.entities, answer.text)


def test_an_account_by_dotted_initials(chat):
    answer = chat().ask("should I pitch DQ to I.W.T.?")
    assert answer.entities.get("account") == "Ironwood Telecom", (answer.entities, answer.text)


@pytest.mark.parametrize("question, product", [
    ("Orchid wants gov", "Governance Suite"),  # the start of its name, after what they want
    ("can I sell them dashboards this quarter? it's for Mariner", "Insights Studio"),  # what a pitch verb takes
])
def test_what_the_customer_wants_or_is_pitched_names_the_product(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, (answer.entities, answer.text)


@pytest.mark.parametrize("question", [
    "ironwood keeps hitting the event limit, raise it?",
    "bump Ironwood's event cap?",
])
def test_the_limit_of_what_is_metered_is_its_volume(chat, question):
    answer = chat().ask(question)
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Data Platform", "more_volume"), \
        (answer.entities, answer.text)


def test_a_changes_word_misspelt_is_read_as_it_and_a_word_far_from_one_is_not(chat):
    answer = chat().ask("shuld i pich capcity to evergren")
    assert (answer.entities.get("account"), answer.entities.get("change")) == ("Evergreen Media", "more_capacity")
    answer = chat().ask("the capital plan at Acme, should I pitch them?")
    assert answer.entities.get("change") is None, answer.entities


def test_an_upsell_asked_loosely_offers_what_the_account_owns(chat):
    answer = chat().ask("how's Kestrel looking for an upsell")
    assert answer.ask_back is not None and set(answer.ask_back.candidates) == {"Data Platform", "Insights Studio"}


def test_a_misspelt_product_word_after_an_account_is_no_other_company(chat):
    answer = chat().ask("upsell Kestrel Govrnance?")
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Kestrel Outdoor", "Governance Suite")
