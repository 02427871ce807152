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
])
def test_changes_said_around_a_name_or_in_shorthand(chat, question, change):
    answer = chat().ask(question)
    assert answer.entities.get("change") == change, (answer.entities, answer.text)
    assert answer.ask_back is None, answer.text  # the product follows from the change


def test_years_in_the_plural_are_when_something_happens_not_a_term(chat):
    answer = chat().ask("Acme renews in two years, should I pitch DQ?")
    assert answer.entities.get("change") == "new_product"


# -- a product by what it does ---------------------------------------------------------------------
@pytest.mark.parametrize("question, product", [
    ("is their data cleaning piece worth pitching to Delta?", "Data Quality"),  # before a product noun
    ("should I bring the BI tool to Mariner?", "Insights Studio"),
    ("should Harbor get dashboards?", "Insights Studio"),
    ("is it time for the compliance tool at Orchid?", "Governance Suite"),
    ("should I pitch schema checks to Acme?", "Data Quality"),  # the catalog's adjacent_features
    ("can I pitch self-service analytics to Juniper?", "Insights Studio"),  # ... and what it serves
])
def test_a_product_named_by_what_it_does_is_that_product_and_the_answer_says_so(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product, (answer.entities, answer.text)
    assert answer.ask_back is None or answer.ask_back.kind == "blocker", answer.text
    assert any(product in note for note in answer.notes), answer.notes


def test_words_of_several_products_are_asked_back_with_those_products(chat):
    answer = chat().ask("should I pitch pipeline growth to Acme?")  # Data Platform and Marketing Automation serve it
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert set(answer.ask_back.candidates) == {"Data Platform", "Marketing Automation"}


@pytest.mark.parametrize("question", [
    "Could I offer Corvid more capacity for the new audit season?",  # a season, not an audit product
    "Delta's data team fights duplicates every week. Should I pitch more capacity?",
])
def test_a_description_inside_a_clause_names_no_product(chat, question):
    answer = chat().ask(question)
    assert answer.entities.get("product") == "Data Platform", (answer.entities, answer.text)


def test_described_words_for_a_product_the_catalog_does_not_sell_are_ignored():
    from assistant.conversation.meaning_spec import Described as Words, default_name_params
    from assistant.conversation.resolve import Described
    from assistant.domain import Catalog, Product

    params = default_name_params().model_copy(update={"described": (
        Words(product="Data Quality", words=("data cleaning",)), Words(product="Nowhere Suite", words=("dashboards",)))})
    catalog = Catalog(products=[Product(name="Data Quality", adjacent_features=["schema checks"])])
    described = Described(catalog, params)
    assert described.read("their data cleaning piece") == (["Data Quality"], "data cleaning")
    assert described.read("schema checks") == (["Data Quality"], "schema check")
    assert described.read("dashboards") == ([], "")


def test_one_word_of_a_longer_product_name_is_no_product_in_free_text(chat):
    conversation = chat()
    conversation.ask("should I pitch more capacity to Acme?")
    answer = conversation.ask("Dana says their marketing ops team hits the capacity limit every week")
    assert answer.entities.get("product") == "Data Platform", (answer.entities, answer.text)


@pytest.mark.slow  # the story may be read by meaning
def test_a_slot_naming_nothing_as_a_whole_is_read_in_parts(chat):
    answer = chat().ask("Henrik saw the reporting results at the last exec review. could I take Gov to him?")
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Fjord Bank", "Governance Suite")


def test_a_review_names_its_play_by_the_change_around_the_account(chat):
    answer = chat().ask("can you critique this email about more Ironwood volume before I send it to Nadia? Hi Nadia, "
                        "your event volume is at 93% of the contract ceiling. Could we talk about headroom for the "
                        "Nordic launch?")
    assert answer.intent == "review" and answer.ask_back is None, answer.text
    assert (answer.entities.get("account"), answer.entities.get("product"), answer.entities.get("change")) == \
        ("Ironwood Telecom", "Data Platform", "more_volume")


def test_a_persons_name_wins_over_the_start_of_an_account_that_resembles_it(tmp_path, embedder):
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.conversation import Conversation
    from assistant.domain import Account
    from tests.conversation.conftest import TODAY, NoKnowledge, open_store

    settings = Settings(data_dir=tmp_path)
    store = open_store(settings)
    store.import_accounts([Account.model_validate({"name": "Helena Textiles", "owner": "Maya Lindqvist", "owns": [
        {"product": "Data Platform", "tier": "Standard", "capacity": 100, "used": 50}]})])
    conversation = Conversation(Coach(settings, store=store), None, "Jordan Blake", today=TODAY,
                                knowledge=NoKnowledge(), embed=embedder)
    answer = conversation.ask("pitch Governance to Helen?")  # Helen Achebe, at Orchid Pharma
    assert (answer.entities.get("account"), answer.entities.get("person")) == ("Orchid Pharma", "Helen Achebe")
    answer = conversation.ask("no, I meant Helena, the account")
    assert answer.entities.get("account") == "Helena Textiles"


# -- several accounts in one message ---------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "I talked to Acme and Delta today; Delta wants more capacity. Should I pitch it?",  # named most
    "After the Acme QBR I had a call with Sam. Should I pitch Delta more capacity?",  # the question names it
])
def test_of_several_accounts_the_one_the_question_is_about(chat, question):
    answer = chat().ask(question)
    assert answer.entities.get("account") == "Delta Retail", (answer.entities, answer.text)


def test_several_accounts_and_none_asked_about_are_asked_back_with_them(chat):
    answer = chat().ask("Acme and Delta both asked about DQ. Which one should I pitch first?")
    assert answer.ask_back is not None and answer.ask_back.kind == "account", answer.text
    assert set(answer.ask_back.candidates) == {"Acme Corp", "Delta Retail"}


# -- an upsell grows what the account owns --------------------------------------------------------
@pytest.mark.parametrize("question", ["should I upsell Borealis?", "upsell ironwood?",
                                      "how's juniper looking for an upsell"])
def test_an_upsell_of_an_account_that_owns_one_product_is_of_that_product(chat, question):
    answer = chat().ask(question)  # (which change is the engine's to derive: no name to ask about)
    assert answer.ask_back is None and answer.entities.get("product") == "Data Platform", answer.text
    assert any("owns one product" in note for note in answer.notes), answer.notes


def test_an_upsell_of_an_account_that_owns_several_is_asked_back_with_those_it_owns(chat):
    answer = chat().ask("should I try to upsell Kestrel?")  # Data Platform and Insights Studio
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert set(answer.ask_back.candidates) == {"Data Platform", "Insights Studio"}


# -- names said the way busy people say them (this file's own wordings) ---------------------------
@pytest.mark.parametrize("question, offered", [
    ("pitch Governance to Lumen or Corvid?", {"Lumen Energy", "Corvid Health"}),
    ("gov suite: lumen vs corvid, which first", {"Lumen Energy", "Corvid Health"}),
    ("would DQ land better at Gale or at Harbor?", {"Gale Logistics", "Harbor Insurance"}),
])
def test_two_accounts_offered_as_a_choice_are_asked_back_never_the_first_taken(chat, question, offered):
    answer = chat().ask(question)
    assert answer.ask_back is not None and answer.ask_back.kind == "account", (answer.entities, answer.text)
    assert set(answer.ask_back.candidates) == offered and "account" not in answer.entities


def test_or_before_a_clause_is_no_choice_of_accounts(chat):
    answer = chat().ask("should I pitch DQ to Gale or is it too soon?")
    assert answer.entities.get("account") == "Gale Logistics" and answer.ask_back is None, answer.text


@pytest.mark.parametrize("question, product", [
    ("Harbor keeps asking me about null profiling, worth pitching?", "Data Quality"),
    ("is lineage view something Borealis would buy", "Governance Suite"),
    ("Mariner loved the demo of dashboard sharing. pitch it?", "Insights Studio"),
])
def test_a_feature_of_the_catalog_names_its_product_anywhere(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product and answer.ask_back is None, (answer.entities, answer.text)


@pytest.mark.parametrize("question, product", [
    ("Borealis wants to hear about Gov. go?", "Governance Suite"),
    ("is the insight module a fit for Gale", "Insights Studio"),
])
def test_a_products_word_typed_short_names_it(chat, question, product):
    answer = chat().ask(question)
    assert answer.entities.get("product") == product and answer.ask_back is None, (answer.entities, answer.text)


def test_the_word_that_qualifies_a_products_name_is_no_start_of_it():
    from assistant.conversation.resolve import Names

    # (no "Gov Suite" spelling here: with one, "gov" is a spelling of its own, read wherever it is typed,
    # test_names_s37.py)
    products = Names("product", [("Marketing Automation", ["MA"]), ("Governance Suite", ["Governance"])])
    assert [m.name for m in products.started("their Marketing team", 3)] == []
    assert [m.name for m in products.started("ask about Gov", 3)] == ["Governance Suite"]
    assert [m.name for m in products.started("the gov module", 3, nouns=frozenset({"module"}))] == ["Governance Suite"]
    assert [m.name for m in products.started("the gov folks", 3, nouns=frozenset({"module"}))] == []


def test_an_account_typed_as_its_initials_in_capitals():
    from assistant.conversation.resolve import Names

    accounts = Names("account", [(n, ()) for n in ("Ironwood Telecom", "Kestrel Outdoor", "Lumen Energy")],
                     mention_words=True)
    assert [m.name for m in accounts.initialled("pitch DQ to IWT?", 3)] == ["Ironwood Telecom"]
    assert [m.name for m in accounts.initialled("KOD plays", 3)] == ["Kestrel Outdoor"]
    assert accounts.initialled("the IT team", 3) == []  # two capitals are another word
    assert accounts.initialled("iwt", 3) == []  # in capitals only
    assert accounts.initialled("the QBR deck", 3) == []


def test_an_account_by_its_initials_in_a_question(chat):
    answer = chat().ask("should I pitch Gov to IWT?")
    assert answer.entities.get("account") == "Ironwood Telecom", (answer.entities, answer.text)


@pytest.mark.parametrize("question, product, change", [
    ("borealis +300 units?", "Data Platform", "more_capacity"),
    ("kestrel: +25 seats, go?", "Insights Studio", "more_seats"),
    ("can I sell Gale more headroom?", "Data Platform", "more_capacity"),
    ("Borealis is at 470 of its 500 units. room for more there?", "Data Platform", "more_capacity"),
    ("Kestrel's teams keep growing, room for more seats?", "Insights Studio", "more_seats"),  # (more of what is named)
    ("go enterprise at harbor?", "Data Platform", "higher_tier"),
    ("write up the move to enterprise pitch for delta", "Data Platform", "higher_tier"),
    ("delta on the bigger plan?", "Data Platform", "higher_tier"),
    ("why is ironwood volume a hold", "Data Platform", "more_volume"),
    ("Gale Enterprise tier?", "Data Platform", "higher_tier"),  # a tier after the name, no other company
])
def test_changes_in_shorthand_settle_the_product(chat, question, product, change):
    answer = chat().ask(question)
    assert (answer.entities.get("product"), answer.entities.get("change")) == (product, change), (answer.entities, answer.text)
    assert "account" in answer.entities, answer.text
    assert answer.ask_back is None or answer.ask_back.kind not in ("product", "account"), answer.text


def test_a_description_ending_the_message_after_about_names_the_product(chat):
    answer = chat().ask("a short note to Grace re scheduled reporting tools")
    assert answer.entities.get("product") == "Insights Studio", (answer.entities, answer.text)
