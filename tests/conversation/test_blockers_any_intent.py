"""Blockers are read whatever the question: a fact told beside "why?", "who sponsors it?" or
"why not?" is heard by its cue words; a message read as another question by meaning that tells a
blocker of a play it names is a check of that play; a draft shows the blocker and drafts nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # read by meaning: the embedding model


def _seen(answer) -> set[str]:
    return {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else ())


@pytest.mark.parametrize("question, intent, code", [
    # (why a play is on hold asks what blocks it: why_not, as "why the hold?" is read)
    ("why is Acme DQ a hold? btw they've escalated twice this month", "why_not", "health.dissatisfied"),
    ("who should sponsor Governance at Lumen? I want to go over Oskar's head to the CFO", "who_sponsor",
     "stakeholder.no_view"),
])
def test_a_fact_told_beside_a_question_about_the_verdict_is_heard(chat, question, intent, code):
    answer = chat().ask(question)
    assert answer.intent == intent and code in _seen(answer), answer.text


def test_a_fact_told_after_why_not_applies_to_the_play_in_focus(chat):
    session = chat()
    session.ask("should I pitch DQ to Acme?")
    answer = session.ask("why not? they're talking to a competitor")
    assert answer.intent == "why_not" and "renewal.at_risk" in {a.rule for a in answer.applied}
    assert answer.verdict.verdict.value == "hold" and "renewal.at_risk" in answer.verdict.codes


def test_a_bare_question_about_the_verdict_tells_no_fact(chat):
    session = chat()
    session.ask("should I pitch more seats to Kestrel?")
    for question in ("why not?", "why is Kestrel more seats a pitch?", "who should sponsor it?"):
        answer = session.ask(question)
        assert not answer.applied and answer.ask_back is None, question


@pytest.mark.parametrize("question, account, product, code", [
    ("I told Dana the renewal terms depend on the DQ deal. Right move?", "Acme Corp", "Data Quality",
     "renewal.coupled"),
    ("Kestrel seats would really help my quarter", "Kestrel Outdoor", "Insights Studio", "timing.quota_driven"),
])
def test_a_blocker_told_of_a_named_play_makes_the_message_a_check_of_it(chat, question, account, product, code):
    answer = chat().ask(question)
    assert answer.intent == "check_play" and code in _seen(answer), answer.text
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product)


def test_a_question_about_the_framework_stays_one(chat):
    answer = chat().ask("what does the framework say about tying the renewal to an upsell?")
    assert answer.intent == "framework" and not answer.applied


def test_a_draft_for_a_play_with_a_stated_blocker_shows_it_and_drafts_nothing(chat):
    answer = chat().ask("draft DQ for Acme, I'll hold their renewal price only if they take it")
    assert answer.intent == "draft" and "renewal.coupled" in {a.rule for a in answer.applied}
    assert answer.talk_track is None and "renewal.coupled" in answer.text


def test_a_question_about_the_framework_that_tells_a_blocker_of_a_named_play_is_a_check_of_it(chat):
    answer = chat().ask("Acme has been talking to a competitor for weeks. What does the framework say about "
                        "pitching DQ there now?")
    assert answer.intent == "check_play" and "renewal.at_risk" in _seen(answer), answer.text
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Acme Corp", "Data Quality")


def test_a_blocker_told_beside_an_unknown_account_is_kept_with_the_question_back(chat):
    answer = chat().ask("Globex might not renew, can I still pitch them Studio?")
    assert answer.ask_back is not None and answer.ask_back.kind == "account"
    assert "renewal.at_risk" in _seen(answer) and "Globex might not renew" in answer.ask_back.question


@pytest.mark.parametrize("suggested, code", [
    ("why not fold it into the renewal?", "renewal.coupled"),
    ("why not go straight to their CEO?", "stakeholder.no_view"),
])
def test_why_not_suggesting_a_blocker_hears_it(chat, suggested, code):
    """"Why not fold it into the renewal?" suggests the tie: the "not" of "why not" does not turn the
    cue words off (meaning.yaml `suggests`), so the blocker suggested is applied or asked about."""
    session = chat()
    session.ask("should I pitch DQ to Acme?")
    answer = session.ask(suggested)
    assert answer.intent == "why_not" and code in _seen(answer), answer.text
