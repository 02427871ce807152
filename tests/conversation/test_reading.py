"""The deterministic reader and the name resolver, without a store."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intents import clean_slot, normalise, parse
from assistant.conversation.phrasebook import PhrasebookError, load_phrasebook
from assistant.conversation.resolve import Names, people_names
from assistant.domain import Account


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROJECT_ROOT / "prompts")


def test_normalise_keeps_names_numbers_and_hyphens():
    assert normalise("Should I pitch “DQ” to Acme, Corp.?  $350,000!") == "should i pitch dq to acme corp $350,000"
    assert normalise("quota-driven timing — why?") == "quota-driven timing why"


@pytest.mark.parametrize("question, intent, slots", [
    ("should I pitch Data Quality to Acme?", "check_play", {"product": "data quality", "account": "acme"}),
    ("what can I sell to Borealis", "list_plays", {"account": "borealis"}),
    ("why not?", "why_not", {}),
    ("who should sponsor it?", "who_sponsor", {}),
    ("draft it", "draft", {}),
    ("give me the QBR talk track for Acme", "qbr", {"account": "acme"}),
    ("what should I focus on this quarter?", "focus", {}),
    ("what does the framework say about quota-driven timing?", "framework", {"topic": "quota-driven timing"}),
    ("what about Borealis?", "followup", {"target": "borealis"}),
    ("what's the weather like", "off_topic", {}),
])
def test_intents_and_slots(book, question, intent, slots):
    parsed = parse(question, book)
    assert (parsed.intent, parsed.slots) == (intent, slots)


@pytest.mark.parametrize("question, change", [
    ("and more seats?", "more_seats"), ("add seats at Kestrel", "more_seats"),
    ("upgrade Acme", "higher_tier"), ("offer a longer contract", "longer_term"),
    ("they need more capacity", "more_capacity"), ("should I pitch DQ to Acme", None),
    # shorthand (this test's own wordings)
    ("3yr term for ironwood?", "longer_term"), ("lumen 3 yr term instead", "longer_term"),
    ("a 2yr extension so it lands", "longer_term"), ("multi-year deal for acme", "longer_term"),
    ("lock them in for three years", "longer_term"), ("a 36 month contract", "longer_term"),
    ("upgrade Fjord to a longer term", "longer_term"),  # said in full: not the general "upgrade"
    ("2x capacity for gale", "more_capacity"), ("double the capacity at gale", "more_capacity"),
    ("capacity bump for harbor", "more_capacity"), ("+20 seats for kestrel", "more_seats"),
    ("another 100 licenses", "more_seats"), ("50 more seats at kestrel", "more_seats"),
    ("bump them up to the enterprise tier", "higher_tier"),
    # near-misses: years that are no term
    ("we have been customers for two years", None), ("they signed 2 years ago", None),
])
def test_change_words(book, question, change):
    assert parse(question, book).change == change


def test_words_that_reveal_play_facts_are_taken_out_of_the_question(book):
    parsed = parse("I need to close this before quarter end, should I pitch DQ to Acme and bundle it with "
                   "Governance for 200k", book)
    assert [(r.id, r.sets) for r in parsed.revealed] == [
        ("quarter_end", {"timing_reason": "quarter_end"}), ("bundle", {"bundled_with": "<bundle>"})]
    assert parsed.revealed[1].bundle == "governance"
    assert parsed.amount == 200000
    assert parsed.intent == "check_play" and parsed.slots["product"] == "dq"


def test_framework_questions_keep_their_words(book):
    parsed = parse("what does the playbook say about bundling it with the renewal to hit quota", book)
    assert parsed.intent == "framework" and parsed.revealed == []


def test_slot_cleaning_drops_noise_and_stops_at_boundaries(book):
    assert clean_slot("the data quality module", book) == "data quality"
    assert clean_slot("acme's data team", book) == "acme data"
    assert clean_slot("more seats", book) == ""


ACCOUNTS = Names("account", [(n, ()) for n in ("Acme Corp", "Acme Health", "Borealis Freight", "Corvid Health")],
                 mention_words=True)
PRODUCTS = Names("product", [("Data Platform", ["DP"]), ("Data Quality", ["DQ"]), ("Governance Suite", [])])


@pytest.mark.parametrize("typed, status, name", [
    ("Acme Corp", "found", "Acme Corp"), ("acme corp", "found", "Acme Corp"),
    ("borealis", "found", "Borealis Freight"), ("Borialis", "found", "Borealis Freight"),
    ("acme", "ambiguous", None), ("zenith", "unknown", None),
])
def test_account_names_as_typed(typed, status, name):
    resolution = ACCOUNTS.resolve(typed)
    assert (resolution.status, resolution.name) == (status, name)


def test_ambiguous_names_come_with_candidates():
    assert ACCOUNTS.resolve("acme").candidates == ("Acme Corp", "Acme Health")
    assert PRODUCTS.resolve("data").candidates == ("Data Platform", "Data Quality")


@pytest.mark.parametrize("typed, name", [("DQ", "Data Quality"), ("dq", "Data Quality"),
                                         ("Data Qualty", "Data Quality"), ("governanse", "Governance Suite")])
def test_product_aliases_and_misspellings(typed, name):
    assert PRODUCTS.resolve(typed).name == name


def test_a_first_word_shared_by_two_accounts_is_not_a_mention():
    assert [m.name for m in ACCOUNTS.mentions("pitch it to acme and borealis")] == ["Borealis Freight"]


def test_people_by_first_name_last_name_title_and_initials():
    account = Account.model_validate({"name": "Acme Corp", "stakeholders": [
        {"name": "Priya Natarajan", "title": "Chief Data Officer", "roles": ["executive"]},
        {"name": "Tom Becker", "title": "Data Engineering Lead"}]})
    people = people_names(account)
    for typed in ("Priya", "natarajan", "CDO", "chief data officer", "Priya Natarajan"):
        assert people.resolve(typed).name == "Priya Natarajan", typed
    assert people.resolve("Tom").name == "Tom Becker"


def test_a_broken_data_file_names_the_file_and_the_entry(tmp_path):
    folder = tmp_path / "conversation"
    folder.mkdir()
    source = (PROJECT_ROOT / "prompts" / "conversation" / "intents.yaml").read_text(encoding="utf-8")
    (folder / "intents.yaml").write_text(source.replace("{pitch} <product> {to} <account>",
                                                        "{pitchez} <product> {to} <account>", 1))
    with pytest.raises(PhrasebookError, match=r"intents.yaml: intent check_play: .*unknown vocabulary group \{pitchez\}"):
        load_phrasebook(tmp_path)
    (folder / "intents.yaml").write_text("version: 1\nintents: nope\n")
    with pytest.raises(PhrasebookError, match=r"intents.yaml: .*intents"):
        load_phrasebook(tmp_path)


def test_a_first_word_that_several_accounts_share_is_never_resolved_by_a_near_word():
    from assistant.conversation.resolve import account_names

    names = account_names(("Nimbus Software", "Nimbus Analytics", "Acme Corp"), frozenset({"the", "go"}))
    for typed in ("nimbus dq go", "nimbus", "nimbus they've been unhappy lately"):
        resolution = names.resolve(typed)
        assert resolution.status == "ambiguous", typed
        assert resolution.candidates == ("Nimbus Analytics", "Nimbus Software"), typed
    assert names.resolve("nimbus analytcs").name == "Nimbus Analytics"  # its other word, misspelt
    assert names.resolve("nimbus software dq").name == "Nimbus Software"
    assert names.find("is nimbus go ready") == []
