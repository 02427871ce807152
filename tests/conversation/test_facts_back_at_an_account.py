"""A fact the AM said of an account holds again when the talk comes back to it after another account
(README "What carries across a session"): it was kept with the account, not dropped when the talk
moved on, and never lent to the account in between."""

import pytest


@pytest.mark.parametrize("back, rule", [
    ("ok, returning to Gale: is Insights Studio any better there?", "timing.quota_driven"),
    ("back on Gale, who would sign for data quality?", "timing.quota_driven"),
])
def test_a_fact_of_an_account_holds_again_after_a_detour(chat, back, rule):
    conversation = chat()
    first = conversation.ask("I need it signed before my quarter closes to make my number. Data Quality a go at Gale?")
    assert rule in {a.rule for a in first.applied}
    detour = conversation.ask("different account: would Marketing Automation work at Delta?")
    assert detour.entities["account"] == "Delta Retail" and rule not in {a.rule for a in detour.applied}
    answer = conversation.ask(back)
    assert answer.entities["account"] == "Gale Logistics"
    assert rule in {a.rule for a in answer.applied}


def test_a_fact_taken_back_before_the_detour_stays_taken_back(chat):
    conversation = chat()
    conversation.ask("Harbor are fuming about the migration delays. Should I bring Governance up?")
    conversation.ask("actually no, they're not unhappy, I mixed them up with another customer")
    conversation.ask("and at Kestrel?")
    answer = conversation.ask("back to Harbor then, Governance?")
    assert answer.entities["account"] == "Harbor Insurance"
    assert "health.dissatisfied" not in {a.rule for a in answer.applied}


def test_a_list_back_at_an_account_is_read_on_what_was_said_of_it(chat):
    conversation = chat()
    conversation.ask("I need it signed before my quarter closes to make my number. Data Quality a go at Gale?")
    conversation.ask("different account: would Marketing Automation work at Delta?")
    listed = conversation.ask("what could I sell Gale instead then?")
    assert listed.intent == "list_plays" and listed.plays
    assert all("timing.quota_driven" in row["blockers"] for row in listed.plays)
