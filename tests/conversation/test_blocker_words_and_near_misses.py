"""Blockers said in everyday words, and the near-misses that state none. The renewal's certainty denied with
"far from" / "anything but" ("far from a slam dunk"); our month's close said as a noun inside the quota window
("signed before month close"); our quota set aside ("ok forget my quota") is calm. Not a blocker: churn as a
figure of the customer's analysis ("churn latency down to 6h"), the forecast as a document ("for my forecast
notes"), bookings the customer's business takes ("their online bookings are going up"), a renewal missed by
date ("if they don't renew on time the discount lapses"), leaving at renewal time read as a renewal tie.
This file's own wordings."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes

IN_WINDOW = dt.date(2026, 12, 15)  # 16 days before the demo vendor's quarter end


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("Kestrel's renewal is far from a slam dunk this year. seats?", "renewal.at_risk"),
    ("tbh the acme renewal is anything but a done deal. DQ?", "renewal.at_risk"),
    ("renewal at kestrel far from a safe bet, more seats??", "renewal.at_risk"),
])
def test_the_renewal_said_far_from_sure_is_seen(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "acme dq, want it signed before month close",
    "kestrel seats - need it inked by the month-end close pls",
    "can we get Acme DQ over the line before the close of the month?",
])
def test_our_month_close_in_the_window_is_quota_timing(chat, message):
    answer = chat(today=IN_WINDOW).ask(message)
    assert "timing.quota_driven" in applied_rules(answer), answer.text


def test_their_month_close_is_theirs(chat):
    answer = chat(today=IN_WINDOW).ask("Acme DQ - they want it live before their month close for reporting")
    assert "timing.quota_driven" not in applied_rules(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("Acme: metrics = churn latency 24h down to 5h, champion Sam. DQ, go?", "renewal.at_risk"),
    ("Acme: their churn metrics are on every exec slide now. DQ?", "renewal.at_risk"),
    ("what reasons does the coach give for Acme DQ, need them for my forecast notes", "timing.quota_driven"),
    ("pls put the Kestrel seats verdict in a forecast doc format for me", "timing.quota_driven"),
    ("Acme is v happy, Sam says their online bookings are going up a lot. can I propose DQ?", "timing.quota_driven"),
    ("if they don't renew on time the discount lapses, Kestrel seats?", "renewal.at_risk"),
    ("honestly there's a real chance they're gone at renewal time. Kestrel seats?", "renewal.coupled"),
])
def test_a_near_miss_applies_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text


def test_a_real_chance_of_leaving_at_renewal_time_is_the_renewal_at_risk(chat):
    answer = chat().ask("honestly there's a real chance they're gone at renewal time. Kestrel seats?")
    assert "renewal.at_risk" in applied_rules(answer), answer.text


@pytest.mark.parametrize("aside", [
    "ok forget my quota. dq at acme then?",
    "fine, forget about my number, their launch is in feb. DQ at Acme?",
])
def test_our_quota_set_aside_is_calm(chat, aside):
    conversation = chat()
    conversation.ask("acme dq by the 28th, my quota is a mess")
    answer = conversation.ask(aside)
    assert "timing.quota_driven" not in applied_rules(answer), answer.text


def test_forecast_pressure_still_states_our_quota(chat):
    answer = chat().ask("I need the acme dq in my forecast, my boss keeps asking")
    assert "timing.quota_driven" in applied_rules(answer), answer.text
