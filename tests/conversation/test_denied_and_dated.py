"""Near-misses of blockers in words: a question the AM answers no right after it ("escalations? none",
`answered_no`), a fact dated in a year gone by ("an outage in 2024", `past_year_before`), a choice of
whom to take it to ("Mia or Robert?") and our quarter set aside ("leave my quota out of it") state no
blocker; the expansion resting on the renewal ("rides on the renewal") states the tie. Phrasings here
are this test's own."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("Harbor notes - open escalations? none. renewal at risk? nope. more capacity?", "health.dissatisfied"),
    ("Harbor notes - open escalations? none. renewal at risk? nope. more capacity?", "renewal.at_risk"),
    ("deal desk check for Fjord governance: tied to the renewal? no. bundled? no", "renewal.coupled"),
    ("Orchid: shopping for a competitor? not that I know of. Governance?", "renewal.at_risk"),
    ("acct: harbor | prod: dq | tied to renewal? nope", "renewal.coupled"),  # (notes' fields cut at their bars)
])
def test_a_question_answered_no_states_nothing(chat, message, code):
    assert code not in _seen(chat().ask(message))


@pytest.mark.parametrize("message, code", [
    ("Harbor has two open escalations, is more capacity a good idea? no idea", "health.dissatisfied"),
    ("Fjord: tied to the renewal? yes, the rate only holds if they add governance", "renewal.coupled"),
])
def test_a_question_answered_otherwise_is_read_as_before(chat, message, code):
    assert code in _seen(chat().ask(message))


@pytest.mark.parametrize("message", [
    "Harbor capacity: no price cut, no package, no renewal hook. fine?",  # (meaning.yaml `denied_list_items`)
    "Studio for Fjord - no discount, no renewal strings. ok?",  # (`calm`: "no _ strings")
])
def test_each_item_of_a_denied_list_is_denied(chat, message):
    answer = chat().ask(message)
    assert not {"renewal.coupled", "bundle.separate"} & applied_rules(answer), answer.applied


def test_two_denials_still_make_a_condition(chat):
    assert "renewal.coupled" in _seen(chat().ask("Fjord: no governance, no renewal discount. fair?"))


@pytest.mark.parametrize("message", [
    "Juniper escalated twice in 2024 but that's long behind us now. studio?",
    "a big outage hit Juniper in 2024, all good now though. studio?",
])
def test_a_trouble_dated_in_a_year_gone_by_and_over_states_nothing(chat, message):
    assert "health.dissatisfied" not in _seen(chat(today=dt.date(2026, 11, 3)).ask(message))


def test_a_trouble_since_a_year_gone_by_still_holds(chat):
    answer = chat(today=dt.date(2026, 11, 3)).ask("Juniper has been unhappy with support since 2024. studio?")
    assert "health.dissatisfied" in _seen(answer)


def test_a_choice_of_whom_to_take_it_to_pitches_neither(chat):
    answer = chat().ask("who's better placed for the MA talk at Evergreen, Mia or Robert?")
    assert answer.intent == "who_sponsor" and "stakeholder.no_view" not in applied_rules(answer)
    assert "stakeholder.no_view" in applied_rules(chat().ask("can I pitch MA to Robert at Evergreen?"))


def test_our_quarter_set_aside_is_no_quota_timing(chat):
    answer = chat().ask("leave my quota out of it, is Harbor ready for more capacity?")
    assert "timing.quota_driven" not in _seen(answer)


def test_the_expansion_resting_on_the_renewal_is_the_tie(chat):
    answer = chat().ask("Gale's renewal rides on them adding MA this time. sensible?")
    assert "renewal.coupled" in _seen(answer)


def test_the_questions_answered_no_are_found_once_per_message(chat, monkeypatch):
    """A message is read for its blockers and for what it negates: the questions it answers no are
    found in it once, not at each reading."""
    from assistant.conversation import reading

    message = "is Fjord governance tied to the renewal? no. bundled? no"
    found = []
    real = reading.denied
    monkeypatch.setattr(reading, "denied", lambda text, *a: found.append(text) or real(text, *a))
    assert "renewal.coupled" not in _seen(chat().ask(message))
    assert found.count(message) == 1
