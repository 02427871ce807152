"""A fact the AM said of an account holds again when the talk comes back to it after another account
(README "What carries across a session"): it was kept with the account, not dropped when the talk
moved on, and never lent to the account in between."""

import pytest

QUOTA_AT_GALE = "I need it signed before my quarter closes to make my number. Data Quality a go at Gale?"
DETOUR = "different account: would Marketing Automation work at Delta?"


def _said(chat, *messages):
    """The answers to the messages, said in turn in one session."""
    conversation = chat()
    return [conversation.ask(message) for message in messages]


def _rules(answer) -> set:
    return {a.rule for a in answer.applied}


@pytest.mark.parametrize("back", [
    "ok, returning to Gale: is Insights Studio any better there?",
    "back on Gale, who would sign for data quality?",
])
def test_a_fact_of_an_account_holds_again_after_a_detour(chat, back):
    first, detour, answer = _said(chat, QUOTA_AT_GALE, DETOUR, back)
    assert "timing.quota_driven" in _rules(first)
    assert detour.entities["account"] == "Delta Retail" and "timing.quota_driven" not in _rules(detour)
    assert answer.entities["account"] == "Gale Logistics" and "timing.quota_driven" in _rules(answer)


def test_a_fact_taken_back_before_the_detour_stays_taken_back(chat):
    *_, answer = _said(chat, "Harbor are fuming about the migration delays. Should I bring Governance up?",
                       "actually no, they're not unhappy, I mixed them up with another customer",
                       "and at Kestrel?", "back to Harbor then, Governance?")
    assert answer.entities["account"] == "Harbor Insurance" and "health.dissatisfied" not in _rules(answer)


def test_a_list_back_at_an_account_is_read_on_what_was_said_of_it(chat):
    *_, listed = _said(chat, QUOTA_AT_GALE, DETOUR, "what could I sell Gale instead then?")
    assert listed.intent == "list_plays" and listed.plays
    assert all("timing.quota_driven" in row["blockers"] for row in listed.plays)
