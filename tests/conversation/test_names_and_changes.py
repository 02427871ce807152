"""Names and changes as AMs type them (this test's own wordings): a first word that two accounts
share is asked back with both, never guessed; a person's name is not found in ordinary words;
changes in shorthand. The `coach` fixture's world has two Nimbus accounts (conftest.py)."""

from __future__ import annotations

import pytest


@pytest.mark.slow  # a story is read by meaning (the embedding model)
@pytest.mark.parametrize("question", [
    "nimbus DQ go?",
    "sell DQ to Nimbus, they've been unhappy lately",
    "is nimbus ready for DQ?",
])
def test_a_first_word_two_accounts_share_is_asked_back_with_both(chat, question):
    answer = chat().ask(question)
    assert answer.ask_back is not None and answer.ask_back.kind == "account", answer.text
    assert set(answer.ask_back.candidates) == {"Nimbus Analytics", "Nimbus Software"}
    assert "account" not in answer.entities


@pytest.mark.slow
def test_the_other_word_of_a_shared_name_picks_the_account(chat):
    answer = chat().ask("nimbus analytcs DQ?")
    assert answer.entities.get("account") == "Nimbus Analytics" and answer.ask_back is None


@pytest.mark.slow
def test_the_person_named_picks_which_of_the_shared_accounts(chat):
    answer = chat().ask("Chloe at nimbus wants DQ, pitch it?")
    assert answer.entities.get("account") == "Nimbus Software"
    assert answer.ask_back is None or answer.ask_back.kind != "account"


@pytest.mark.slow
def test_an_ordinary_word_is_not_a_misspelt_person(chat):
    # "been" is one letter from "Ben" (Ben Whitaker, at Kestrel): not a way to Kestrel
    answer = chat().ask("sell DQ to Nimbus, they've been unhappy lately")
    assert answer.entities.get("account") != "Kestrel Outdoor"


@pytest.mark.parametrize("question, change", [
    ("bump acme to enterprise", "higher_tier"),  # a tier the play moves to, typed in lower case
    ("kestrel studio team -> business edition, is that a go", "higher_tier"),
    ("Seats are at 46 of 50 at Kestrel. Should I pitch the Business tier to Lucia?", "higher_tier"),
    ("more seats on the Team plan at kestrel", "more_seats"),  # the tier they are on, and a change in full
    ("3yr term for ironwood?", "longer_term"),
])
def test_a_tier_named_is_the_change_unless_one_is_said_in_full(chat, question, change):
    answer = chat().ask(question)
    assert answer.entities.get("change") == change, (answer.entities, answer.text)


def test_words_are_not_misspelt_names_when_too_many_letters_apart():
    from assistant.conversation.resolve import Names

    products = Names("product", [("Marketing Automation", ["MA"]), ("Governance Suite", ["Gov Suite"])])
    assert products.find("making the renewal terms depend on it") == []  # "making": 3 edits from "marketing"
    assert [name for name, _ in products.find("pitch the automtion module")] == ["Marketing Automation"]
    assert products.resolve("go").status == "unknown"  # two letters are no start of "gov suite"
    assert products.resolve("gov").name == "Governance Suite"


# An executive named by a title no stakeholder on record has (POLICY.md, stakeholder.no_view: an
# executive with no view of the original outcome who has not asked): by the record this one saw
# nothing and asked nothing, so the blocker is applied, not asked about ("which executive?" would
# offer only the executives on record, none of whom the AM meant).
@pytest.mark.slow
def test_an_executive_by_a_title_on_no_record_is_a_new_executive_without_a_view(chat):
    answer = chat().ask("take Insights Studio to Delta's CFO instead of Sam? she never saw the campaign numbers")
    assert answer.ask_back is None, answer.text
    assert "stakeholder.no_view" in answer.verdict.codes
    assert 'No stakeholder on record at Delta Retail is "CFO"' in answer.text


@pytest.mark.slow
def test_an_executive_by_a_title_on_record_is_that_person(chat):
    answer = chat().ask("Evergreen's CFO doesn't know the results of the first rollout, pitch him more capacity?")
    assert answer.entities.get("person") == "Robert Vance"


@pytest.mark.slow
def test_words_that_name_no_executive_are_asked_back(chat):
    answer = chat().ask("pitch Gale's leadership on more capacity? they have no idea what the platform did for them")
    assert answer.ask_back is not None and answer.ask_back.kind == "person"
    assert "stakeholder.no_view" in answer.ask_back.codes


def test_the_new_executive_what_if_adds_an_executive_with_no_view(coach):
    import datetime as dt

    result = coach.check("Delta Retail", "Insights Studio", what_ifs=["new_executive=Chief Marketing Officer"],
                         today=dt.date(2026, 11, 3))
    assert "stakeholder.no_view" not in result.verdict.codes
    assert "stakeholder.no_view" in result.what_if.verdict.codes


@pytest.mark.slow
def test_an_executive_only_mentioned_is_asked_about_not_applied(chat):
    # (this test's own wording) the CFO is not the one pitched: the coach asks, it does not apply
    answer = chat().ask("Harbor's CFO was never shown the results, but Grace owns the budget anyway. More capacity?")
    assert not any(a.rule == "stakeholder.no_view" for a in answer.applied)
    assert answer.ask_back is not None and "stakeholder.no_view" in answer.ask_back.codes


@pytest.mark.slow
def test_a_blocker_told_beside_a_missing_name_is_kept_and_said(chat):
    conversation = chat()
    answer = conversation.ask("Fjord might churn at renewal, should I pitch them anyway?")
    # (applied from its cue words and meaning, or asked about: either way kept and said)
    told = {a.rule for a in answer.applied} | set(answer.ask_back.codes)
    assert answer.ask_back.kind == "product" and told == {"renewal.at_risk"}
    assert "Fjord might churn at renewal" in answer.ask_back.question
    then = conversation.ask("governance")
    seen = {a.rule for a in then.applied} | set(then.ask_back.codes if then.ask_back else [])
    assert "renewal.at_risk" in seen, then.text


def test_a_cold_ask_with_ordinary_words_beside_the_hints_does_not_load_the_model(tmp_path):
    # (hint words open the reading by meaning: everyday words such as "deal" or "price" do not)
    from tests.conversation.test_understanding import _cold_ask

    assert _cold_ask(tmp_path, "should I pitch the DQ deal to Acme at the current price?") == ""


# -- names as typed: the start of a company, a person before a company's other word, slips --------
def test_a_company_is_typed_from_its_start_and_a_persons_name_is_not_its_other_word():
    from assistant.conversation.resolve import account_names

    accounts = account_names(("Nimbus Analytics", "Nimbus Software", "Acme Corp", "Gale Logistics"), frozenset())
    assert accounts.resolve("Ana").status == "unknown"  # not the start of "analytics": a person, maybe
    assert accounts.resolve("nimbus soft").name == "Nimbus Software"  # the start of the other word
    assert accounts.resolve("gale logi").name == "Gale Logistics"


def test_two_letters_swapped_in_a_short_name_is_that_name_but_a_word_is_not():
    from assistant.conversation.resolve import account_names

    accounts = account_names(("Acme Corp", "Gale Logistics", "Lumen Energy"), frozenset())
    assert accounts.resolve("acem").name == "Acme Corp"
    assert accounts.resolve("gael").name == "Gale Logistics"
    assert accounts.resolve("lumne").name == "Lumen Energy"
    assert accounts.resolve("game").status == "unknown"  # one letter changed: an ordinary word


def test_a_person_at_a_known_account_wins_over_a_companys_other_word(chat):
    answer = chat().ask("should I pitch Governance to Ana?")  # Ana Souza is at Lumen Energy
    assert answer.entities.get("account") == "Lumen Energy", answer.text
    assert answer.entities.get("person") == "Ana Souza"


def test_a_person_at_another_account_than_the_one_in_focus_leads_to_it(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask("write it up for Nadia")  # Nadia Petrova is at Ironwood Telecom
    assert answer.intent == "draft"
    assert (answer.entities.get("account"), answer.entities.get("person")) == ("Ironwood Telecom", "Nadia Petrova")
    assert any("Ironwood Telecom" in note for note in answer.notes), answer.notes  # the answer says so
    answer = conversation.ask("draft it for Nadia's colleague")  # (no name typed: the focus holds)
    assert answer.entities.get("account") == "Ironwood Telecom"


@pytest.mark.parametrize("question, change", [
    ("can I move Acme up a tier?", "higher_tier"),  # a change said around the account's name
    ("lock Lumen in for three years?", "longer_term"),
    ("should I raise Ironwood's limit?", "more_volume"),
    ("should I scale Gale up?", "more_capacity"),
    ("bump Acme's units?", "more_capacity"),
    ("3-year for Fjord?", "longer_term"),  # shorthand
    ("should I pitch a bigger tier to Borealis?", "higher_tier"),
    ("Delta needs more headroom, pitch it?", "more_capacity"),
])
def test_changes_said_around_a_name_or_in_shorthand(chat, question, change):
    answer = chat().ask(question)
    assert answer.entities.get("change") == change, (answer.entities, answer.text)
    assert answer.ask_back is None, answer.text  # the product follows from the change


def test_years_in_the_plural_are_when_something_happens_not_a_term(chat):
    answer = chat().ask("Acme renews in two years, should I pitch DQ?")
    assert answer.entities.get("change") == "new_product"
