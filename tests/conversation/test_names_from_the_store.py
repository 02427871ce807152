"""Names the store settles when the words leave them out or write them loosely (this test's own wordings,
none from an evaluation set). Each test fails without the rule it names (understand.py, implied_product.py,
resolve.py, intents.yaml `changes:`)."""

from __future__ import annotations

import pytest


def _named(answer) -> tuple:
    return answer.entities.get("account"), answer.entities.get("product"), answer.entities.get("change")


@pytest.mark.slow
@pytest.mark.parametrize("question, change", [
    ("ironwood's ceiling upgrade - worth raising now?", "more_volume"),
    ("Would a volume bump land at Ironwood this quarter?", "more_volume"),
    ("lock fjord in 4 years, worth a try?", "longer_term"),
    ("Fjord, locking them in 2 more yrs, sensible?", "longer_term"),
])
def test_a_change_said_by_its_noun_and_a_general_word_is_that_change(chat, question, change):
    answer = chat().ask(question)
    assert answer.entities.get("change") == change, (answer.entities, answer.text)
    assert answer.entities.get("product") == "Data Platform", answer.entities


@pytest.mark.slow
@pytest.mark.parametrize("question, account", [
    ("For Borealis I'd rather start with Governance, agreed?", "Borealis Freight"),
    ("with Gale We'll want Data Quality next, agreed?", "Gale Logistics"),
])
def test_a_pronoun_contracted_after_an_account_is_no_other_company(chat, question, account):
    answer = chat().ask(question)  # ("Mariner I'd" is not a company called so)
    assert answer.entities.get("account") == account, (answer.entities, answer.text)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Juniper's tier - time to go up?", "tier at Delta: still worth it?"])
def test_the_tier_said_alone_is_a_higher_tier_of_the_product_with_tiers(chat, question):
    answer = chat().ask(question)  # (as "capacity", "seats" and "volume" alone are their changes)
    assert answer.entities.get("change") == "higher_tier", (answer.entities, answer.text)
    assert answer.entities.get("product") == "Data Platform", answer.entities


@pytest.mark.slow
def test_a_tier_said_around_the_products_name_is_a_higher_tier(chat):
    answer = chat().ask("could we take Kestrel's Studio up a tier next quarter?")  # (not more seats of it)
    assert _named(answer) == ("Kestrel Outdoor", "Insights Studio", "higher_tier"), (answer.entities, answer.text)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what tier is Acme on?", "which tier are they on at Fjord", "whats Juniper's tier?",
                                      "Delta - what tier are they on right now?"])
def test_the_tier_asked_as_a_fact_is_no_change_to_sell(chat, question):
    answer = chat().ask(question)  # (a question of fact about the account, not a higher tier: its plays)
    assert answer.intent == "list_plays", (answer.intent, answer.entities, answer.text)
    assert answer.entities.get("change") != "higher_tier", (answer.entities, answer.text)


@pytest.mark.slow
def test_a_tier_asked_to_move_to_is_still_a_higher_tier(chat):
    answer = chat().ask("what tier should Acme move to?")
    assert answer.entities.get("change") == "higher_tier", (answer.entities, answer.text)
