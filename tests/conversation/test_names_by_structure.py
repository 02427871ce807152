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


@pytest.mark.parametrize("question, account, product, change", [
    ("Can I upsell capacity at Corvid Healthcare?", "Corvid Health", "Data Platform", "more_capacity"),
    ("more seats at Kestrel Outdoor Gear?", "Kestrel Outdoor", "Insights Studio", "more_seats"),
    ("Harbor Ins. - DQ?", "Harbor Insurance", "Data Quality", "new_product"),  # the name's next word typed short
])
def test_the_rest_of_a_company_name_as_typed_is_no_product_to_ask_about(chat, question, account, product, change):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product"), answer.entities.get("change")) == \
        (account, product, change), answer.text
    assert answer.ask_back is None, answer.text


@pytest.mark.parametrize("question, account", [
    ("write me an email pitch for Acme", "Acme Corp"),  # "email": the form of the words, no product
    ("can you draft an outreach note for Delta", "Delta Retail"),
])
def test_the_form_a_draft_comes_in_describes_no_product(chat, question, account):
    answer = chat().ask(question)
    assert answer.entities.get("account") == account and "product" not in answer.entities, answer.text
    assert answer.ask_back is not None and answer.ask_back.kind == "product", answer.text


def test_a_product_described_in_a_draft_is_still_read_beside_its_form(chat):
    answer = chat().ask("draft an email about the campaign tool for Delta")
    assert answer.entities.get("product") == "Marketing Automation", answer.text


@pytest.mark.parametrize("question, account, product", [
    ("is IWT ready for more volume", "Ironwood Telecom", "Data Platform"),  # its initials are no product asked about
    ("orchid gov?", "Orchid Pharma", "Governance Suite"),  # a product's word typed short after the account's name
    ("acme plat capacity?", "Acme Corp", "Data Platform"),
])
def test_a_fragment_of_names_reads_each_name_once(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text
    assert answer.ask_back is None, answer.text


@pytest.mark.parametrize("question, account", [
    ("Lumen's ops lead is livid about the billing errors, gov?", "Lumen Energy"),
    ("not sure Orchid will renew next year. gov?", "Orchid Pharma"),
])
def test_a_story_asked_in_one_short_word_names_the_product(chat, question, account):
    """A story's question said in one word, a product's word typed short, is the product asked about."""
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, "Governance Suite"), answer.text
    assert answer.ask_back is None or answer.ask_back.kind != "product", answer.text


@pytest.mark.parametrize("question, person", [
    ("the data eng lead at acme likes the null profiling stuff, pitch him DQ?", "Tom Becker"),
    ("should I take Studio to Kestrel's fin director?", "Ben Whitaker"),
])
def test_a_person_by_their_title_typed_short(chat, question, person):
    answer = chat().ask(question)
    assert answer.entities.get("person") == person, answer.text


def test_the_account_in_focus_pointed_at_again_keeps_the_change_in_focus(chat):
    conversation = chat()
    conversation.ask("ironwood volume, who signs?")
    answer = conversation.ask("take it to their new CFO instead")
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Data Platform", "more_volume"), \
        answer.text


@pytest.mark.parametrize("question", [
    "Ben asked me to quote a longer platform term and more seats for Kestrel as two separate deals. "
    "Can I start with the seats?",
    "Kestrel: platform renewal extension and a seat bump, priced apart. Is the seat bump ok?",
])
def test_of_several_changes_told_the_one_asked_about_is_the_play_of_the_product_it_fits(chat, question):
    answer = chat().ask(question)  # (the platform is sold in capacity units: the seats are Insights Studio's)
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Insights Studio", "more_seats"), \
        answer.text


@pytest.mark.parametrize("question", [
    "Raj from compliance systems keeps pinging me. Is Orchid worth a pitch?",  # Raj: Compliance Systems Lead
    "Elena (director of compliance analytics) asked for a proposal. can I send Corvid one?",
])
def test_the_words_of_a_named_persons_title_describe_no_product(chat, question):
    answer = chat().ask(question)
    assert "product" not in answer.entities, answer.text


def test_a_description_said_without_the_person_still_names_the_product(chat):
    answer = chat().ask("can I pitch regulatory reporting to Lumen?")  # Oskar's title words, Oskar not named
    assert answer.entities.get("product") == "Governance Suite", answer.text


@pytest.mark.parametrize("question, product", [
    ("any interest in email-marketing at Nimbus Software?", "Marketing Automation"),
    ("is the access-control module worth it for Corvid", "Governance Suite"),
])
def test_a_description_hyphenated_is_read_as_its_words(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, answer.text


def test_a_count_of_what_is_used_names_the_product_sold_in_that_unit(chat):
    answer = chat().ask("Borealis used 480 of 500 units last month. time to pitch?")
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Borealis Freight", "Data Platform"), \
        answer.text
    assert answer.ask_back is None, answer.text
