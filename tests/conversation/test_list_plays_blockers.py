"""A blocker told beside a question about an account's plays ("what can I sell Acme before my
quarter closes?", "any plays at Delta? they're furious about the outage") is applied to every
listed play through `Coach.plays(what_ifs=...)`, shown in the answer and logged; when the coach is
unsure it asks, as a check does. Words that only sound like a blocker beside a list ask nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # read by meaning: the embedding model


def _rows_blocked_by(answer, code: str) -> list[bool]:
    return [code in row["blockers"] for row in answer.plays]


@pytest.mark.parametrize("question, account, code", [
    ("what can I sell Acme before my quarter closes?", "Acme Corp", "timing.quota_driven"),
    ("any plays at Delta? they're furious about the outage", "Delta Retail", "health.dissatisfied"),
    ("what can I sell Harbor? their renewal is up for grabs", "Harbor Insurance", "renewal.at_risk"),
])
def test_a_blocker_told_beside_a_list_is_applied_to_every_play(chat, coach, question, account, code):
    answer = chat().ask(question)
    assert answer.intent == "list_plays" and answer.ask_back is None, answer.text
    assert code in {a.rule for a in answer.applied}, answer.text
    assert answer.plays and all(_rows_blocked_by(answer, code)), answer.plays  # every play, on the stated facts
    assert not any(row["verdict"] == "pitch" for row in answer.plays)
    assert 'You said "' in answer.text and code in answer.text
    logged = coach.audit_log(kinds=("plays.what_if",), account=account)
    assert logged and logged[0]["payload"]["changes"], "the list on the stated facts is logged with its changes"


def test_the_list_without_the_words_is_unchanged(chat):
    answer = chat().ask("what can I sell Acme?")
    assert answer.intent == "list_plays" and not answer.applied
    assert any(row["verdict"] == "pitch" for row in answer.plays)


def test_an_executive_pitched_beside_a_list_is_asked_about_then_applied(chat):
    session = chat()
    asked = session.ask("what could I sell Acme? I'd take it straight to the CFO")
    assert asked.ask_back is not None and asked.ask_back.kind == "blocker"
    assert asked.ask_back.codes == ["stakeholder.no_view"]
    answer = session.ask("yes")
    assert answer.intent == "list_plays" and "stakeholder.no_view" in {a.rule for a in answer.applied}
    assert answer.plays and all(_rows_blocked_by(answer, "stakeholder.no_view")), answer.plays


@pytest.mark.parametrize("question", [
    "Juniper hired a new Chief Compliance Officer. what can I sell them?",  # no one pitched
    "what's on the table at Harbor",  # the plays, not the renewal
    "what's up for grabs at Acme?",
    "Nadia's team credited us publicly for the churn report win. what can I sell them?",  # their churn analytics
])
def test_words_that_only_sound_like_a_blocker_beside_a_list_ask_nothing(chat, question):
    answer = chat().ask(question)
    assert answer.intent == "list_plays" and answer.ask_back is None, answer.text
    assert not answer.applied, [(a.rule, a.phrase) for a in answer.applied]


def test_the_facts_stated_with_a_list_stay_with_the_play_picked_from_it(chat):
    session = chat()
    session.ask("what can I sell Acme before my quarter closes?")
    answer = session.ask("draft the top one")
    assert answer.intent == "draft" and answer.talk_track is None
    assert answer.verdict is not None and "timing.quota_driven" in answer.verdict.codes


def test_after_a_question_about_the_executive_the_account_stays_in_focus(chat):
    session = chat()
    session.ask("what could I sell Acme? I'd take it straight to the CFO")
    answer = session.ask("why not DQ?")
    assert answer.intent == "why_not" and answer.entities.get("account") == "Acme Corp", answer.text
