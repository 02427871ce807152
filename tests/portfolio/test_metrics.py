"""Expansion revenue, NRR and GRR on a hand-computed history, and the follow-up of expansions.

Period 2025-01-01 .. 2025-12-31; follow-up window 180 days (rules/portfolio.yaml).

account  before the period     in the period                               S_a   E_a   min
A        new 100               expansion 20 (03-01), contraction 10        100   110   100
B        new 200               expansion DQ 50 (02-01), churn (09-01)      200     0     0
C        new 100               contraction 30                              100    70    70
D        -                     new 80 (new logo), expansion 10 (07-01)       -     -     -
E        new 50                new DQ 40 (a product bought: expansion)      50    90    50
F        new 60                expansion 30 (10-01)                         60    90    60
G        new 100               expansion 25 (11-15); churn 2026-01-10      100   125   100
I        new 100               expansion 15 (12-20)                        100   115   100
                                                                    sum    710   600   480
NRR = 600 / 710, GRR = 480 / 710; expansion revenue 190 (cohort 180); contraction 40; churned 250.
Check: 710 + 180 - 40 - 250 = 600.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.portfolio.metrics import compute_metrics

D = dt.date.fromisoformat
START, END = D("2025-01-01"), D("2025-12-31")


def _event(account, date, kind, amount=None, product="Data Platform"):
    return {"account": account, "date": D(date), "kind": kind, "product": product, "amount": amount}


EVENTS = [
    _event("A", "2024-03-01", "new", 100), _event("A", "2025-03-01", "expansion", 20),
    _event("A", "2025-06-01", "contraction", 10),
    _event("B", "2024-05-01", "new", 200), _event("B", "2025-02-01", "expansion", 50, "Data Quality"),
    _event("B", "2025-09-01", "churn", 250, None),
    _event("C", "2024-06-01", "new", 100), _event("C", "2025-04-01", "contraction", 30),
    _event("D", "2025-05-01", "new", 80), _event("D", "2025-07-01", "expansion", 10),
    _event("E", "2024-01-01", "new", 50), _event("E", "2025-08-01", "new", 40, "Data Quality"),
    _event("F", "2024-02-01", "new", 60), _event("F", "2025-10-01", "expansion", 30),
    _event("G", "2024-01-01", "new", 100), _event("G", "2025-11-15", "expansion", 25),
    _event("G", "2026-01-10", "churn", None, None),
    _event("I", "2024-01-01", "new", 100), _event("I", "2025-12-20", "expansion", 15),
]
HEALTH = [
    {"account": "A", "date": D("2025-04-01"), "nps": 30, "csat": 4.0, "open_escalations": 1},
    {"account": "F", "date": D("2025-09-01"), "nps": 40, "csat": 4.0, "open_escalations": 0},
    {"account": "F", "date": D("2025-12-01"), "nps": 25, "csat": 4.0, "open_escalations": 0},
    {"account": "E", "date": D("2025-09-01"), "nps": 35, "csat": 4.2, "open_escalations": 0},
]
OUTCOMES = [
    {"account": "A", "product": "Data Platform", "change": "more_capacity", "outcome": "won", "date": D("2025-03-01"), "amount": 20},
    {"account": "F", "product": "Data Platform", "change": "more_capacity", "outcome": "won", "date": D("2025-10-01"), "amount": 30},
    {"account": "C", "product": "Data Platform", "change": "higher_tier", "outcome": "deferred", "date": D("2025-05-01"), "amount": 40},
    {"account": "E", "product": "Data Quality", "change": "new_product", "outcome": "won", "date": D("2025-08-01"), "amount": 40},
    {"account": "C", "product": "Data Quality", "change": "new_product", "outcome": "lost", "date": D("2025-06-01"), "amount": 60},
    {"account": "C", "product": "Data Quality", "change": "new_product", "outcome": "won", "date": D("2024-06-01"), "amount": 99},
]


def _metrics(params, as_of="2026-03-01", **kw):
    return compute_metrics(EVENTS, OUTCOMES, HEALTH, START, END, D(as_of), params, **kw)


def test_revenue_retention_arithmetic(params):
    r = _metrics(params).revenue
    assert r.starting_arr == 710 and r.ending_arr == 600 and r.retained_arr == 480
    assert r.nrr == pytest.approx(600 / 710) and r.grr == pytest.approx(480 / 710)
    assert r.expansion == 190 and r.cohort_expansion == 180
    assert r.contraction == 40 and r.churned == 250 and r.new_logo == 80
    assert r.cohort_accounts == 7 and r.churned_accounts == 1
    assert r.starting_arr + r.cohort_expansion - r.contraction - r.churned == pytest.approx(r.ending_arr)


def test_expansions_followed_by_churn_are_shown_apart_never_success(params):
    m = _metrics(params)
    status = {(e.account, e.date.isoformat()): e for e in m.expansions}
    b, g = status[("B", "2025-02-01")], status[("G", "2025-11-15")]
    assert b.status == "churned" and b.churn_date == D("2025-09-01") and not b.churn_in_window  # churned later
    assert g.status == "churned" and g.churn_in_window
    assert m.revenue_by_status() == {"retained": 50, "pending": 15, "dissatisfied": 50, "churned": 75}
    assert m.count_by_status() == {"retained": 2, "pending": 1, "dissatisfied": 2, "churned": 2}


def test_dissatisfaction_after_an_expansion(params):
    status = {e.account: e for e in _metrics(params).expansions}
    assert status["A"].status == "dissatisfied" and status["A"].escalation
    assert status["F"].status == "dissatisfied" and status["F"].nps_drop  # 40 -> 25: 15 >= 10 points
    assert status["E"].status == "retained"                               # NPS 35 is no drop, no baseline
    assert status["D"].status == "retained"
    assert status["I"].status == "pending"                                # window open on 2026-03-01


def test_rows_after_as_of_are_not_known_yet(params):
    status = {e.account: e for e in _metrics(params, as_of="2025-12-31").expansions}
    assert status["G"].status == "pending" and status["G"].churn_date is None


def test_a_small_nps_dip_is_not_a_drop(params):
    health = [{"account": "F", "date": D("2025-09-01"), "nps": 40},
              {"account": "F", "date": D("2025-12-01"), "nps": 31}]
    m = compute_metrics(EVENTS, [], health, START, END, D("2026-06-30"), params, accounts=["F"])
    assert [(e.status, e.nps_drop) for e in m.expansions] == [("retained", False)]


def test_scores_below_the_policy_floor_count_as_dissatisfaction(params):
    health = [{"account": "E", "date": D("2025-10-01"), "nps": 20, "csat": 2.5}]
    m = compute_metrics(EVENTS, [], health, START, END, D("2026-06-30"), params, accounts=["E"])
    assert [(e.status, e.below_floor) for e in m.expansions] == [("dissatisfied", True)]


def test_scope_to_some_accounts(params):
    r = _metrics(params, accounts=["a", "C"]).revenue  # names match ignoring case
    assert (r.starting_arr, r.ending_arr) == (200, 180) and r.nrr == pytest.approx(0.9)


def test_play_outcomes_by_motion(params):
    plays = _metrics(params).plays
    assert (plays["upsell"].won, plays["upsell"].deferred, plays["upsell"].won_amount) == (2, 1, 50)
    assert plays["upsell"].win_rate == 1.0               # deferred plays are not decided
    assert (plays["cross_sell"].won, plays["cross_sell"].lost) == (1, 1)  # the 2024 win is outside the period
    assert plays["cross_sell"].win_rate == 0.5


def test_empty_history_has_no_ratio(params):
    m = compute_metrics([], [], [], START, END, END, params)
    assert m.revenue.nrr is None and m.revenue.grr is None and m.expansions == []


def test_period_must_not_end_before_it_starts(params):
    with pytest.raises(ValueError):
        compute_metrics([], [], [], END, START, END, params)


def test_contraction_without_a_product_comes_off_the_account(params):
    events = [_event("X", "2024-01-01", "new", 100), _event("X", "2024-02-01", "new", 50, "Data Quality"),
              _event("X", "2025-02-01", "contraction", 120, None)]
    r = compute_metrics(events, [], [], START, END, END, params).revenue
    assert (r.starting_arr, r.ending_arr, r.contraction) == (150, 30, 120)
