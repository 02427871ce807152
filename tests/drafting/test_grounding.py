"""Grounding: a number passes when the facts contain it or directly derive it, rounded as a
person would say it; anything else is draft.ungrounded_number."""

from __future__ import annotations

import pytest

from assistant.approval import approve
from assistant.approval.draft_facts import DraftFacts

ANCHOR = "Dana, your team reached 4.2M USD of attributed pipeline against the 3M target."
ASK = "We would propose 200,000 USD a year for the addition."


def ungrounded(checks, w, sentence: str) -> str | None:
    text = f"{ANCHOR}\nThe next step: {sentence}\n{ASK}"
    approval = approve(text, w.verdict, w.account, w.catalog, checks)
    failure = next((f for f in approval.failures if f.code == "draft.ungrounded_number"), None)
    return failure.detail if failure else None


@pytest.mark.parametrize("sentence", [
    "the platform runs at 92% of its capacity",            # utilization
    "the platform runs at 0.92 of its capacity",           # the same share, unformatted
    "920 of 1,000 capacity units are in use",              # the facts themselves
    "only 80 capacity units are left",                     # difference of two facts
    "8% headroom is left",                                 # 1 - utilization
    "that is 1.2M USD above the target",                   # achieved - target
    "that is 40% over target",                             # percentage over target
    "that is 140% of the target",                          # ratio of two facts
    "that is 1.4x the target",                             # the same ratio as a multiplier
    "in the first nine months",                            # since 2025-08-01, today 2026-05-12
    "40 new users joined in the last 90 days",             # organic growth and its window
    "$4,200,000 of pipeline, or 4.2 million",              # every spelling of one figure
    "the addition is a third of today's 600,000 USD",      # annual value (no number in 'a third')
    "a 33% increase on today's spend",                     # amount / annual value, rounded
    "a total of 800,000 USD a year",                       # annual value + amount
    "your NPS of 40 says the team is happy",               # a health fact
])
def test_grounded(checks, world, sentence):
    assert ungrounded(checks, world("01"), sentence) is None


@pytest.mark.parametrize("sentence, figure", [
    ("with 35% more capacity you could add another 2.5M USD", "35%"),
    ("a comparable lift would mean roughly $1.8M more pipeline", "$1.8M"),
    ("the economics support a $180K addition", "$180K"),
    ("it pays back in 6 weeks", "6 weeks"),
    ("a 12% lift is typical", "12%"),
    ("2.4M USD more pipeline", "2.4M USD"),  # 4.2M - 3M is 1.2M, not 2.4M
    ("4.6M USD of pipeline", "4.6M USD"),    # beyond the rounding tolerance of 4.2M
    ("about 30 days, like a renewal", "30 days"),  # the motion plan is policy, not a customer figure
    ("above the 85% saturation point", "85%"),     # a policy threshold is not a customer figure
    ("it cuts broken pipelines by 40%", "40%"),    # the outcome's lift, used away from its target
])
def test_hallucinated_figures(checks, world, sentence, figure):
    detail = ungrounded(checks, world("01"), sentence)
    assert detail is not None and figure in detail


def test_rounding_as_a_person_says_it(checks, world):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0].achieved = 4_236_000
    text = f"{ANCHOR}\nThe Data Platform is the next step for pipeline growth.\n{ASK}"
    assert approve(text, w.verdict, account, w.catalog, checks).approved
    assert not approve(text.replace("4.2M", "4.3M"), w.verdict, account, w.catalog, checks).approved


def test_percent_outcomes_match_in_points(checks, world):
    w = world("03")  # reporting cycle time reduction: 12 of a 30 percent target
    grounding = DraftFacts(w.verdict, w.account, w.catalog, checks.vocabulary, checks.reader).grounding
    figures = checks.reader.read("cut reporting cycle time by 12% so far against the 30% goal, 40% of the way")
    assert [grounding.source_of(m) is not None for m in figures] == [True, True, True]
    assert grounding.source_of(checks.reader.read("a 25% cut")[0]) is None


def test_vendor_calendar_is_not_a_customer_figure(checks, world):
    w = world("01")  # proposed 2026-05-20: 41 days before the vendor's quarter end
    grounding = DraftFacts(w.verdict, w.account, w.catalog, checks.vocabulary, checks.reader).grounding
    assert grounding.source_of(checks.reader.read("in 41 days")[0]) is None
