"""Property: for any valid account and any pitch play, the template talk track passes the gate.

Accounts are generated with the outcome kinds a record holds (money, percent, days, hours,
counts; higher- or lower-is-better), metric and priority names in the customer's own words
(with capitals, tool names, and words such as "discount" or "quarter" that the vendor must not
use but a customer metric may), any stakeholders, usage and amount."""

from __future__ import annotations

import datetime as dt

import hypothesis
from hypothesis import strategies as st

from assistant.approval import approve
from assistant.talk_tracks.gate import TalkTrack, produce_talk_track
from assistant.domain import Account
from assistant.policy.plays import evaluate_all

TODAY = dt.date(2026, 5, 12)
WORDS = ["attributed", "pipeline", "reporting", "cycle", "time", "campaign", "launch", "discount", "rate",
         "quarter", "close", "audit", "findings", "closed", "on-time", "filings", "churn", "latency", "bundle",
         "revenue", "margin", "claims", "backlog", "forecast accuracy", "first-contact resolution"]
TOOLS = ["in Salesforce", "in HubSpot", "for EMEA", "across APAC", "in the Nordics"]
UNITS = ["USD", "EUR", "percent", "days", "hours", None]


@st.composite
def outcomes(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True))
    metric = " ".join(words) + (" " + draw(st.sampled_from(TOOLS)) if draw(st.booleans()) else "")
    unit = draw(st.sampled_from(UNITS))
    scale = 1_000_000 if unit in ("USD", "EUR") else 1
    target = draw(st.integers(2, 90)) * scale
    lower_is_better = unit in ("days", "hours") and draw(st.booleans())
    factor = draw(st.floats(0.3, 0.9)) if lower_is_better else draw(st.floats(1.05, 1.9))
    achieved = round(target * factor / scale, 1) * scale
    hypothesis.assume(achieved != target and achieved > 0)
    return {"metric": metric, "unit": unit, "target": target, "achieved": achieved, "met": True,
            "product": "Data Platform"}


@st.composite
def accounts(draw):
    capacity = draw(st.integers(100, 5000))
    used = int(capacity * draw(st.floats(0.86, 0.99)))
    champion = {"name": draw(st.sampled_from(["Dana Ruiz", "Lee Park", "Ana Souza"])),
                "title": draw(st.sampled_from(["VP Marketing Operations", "Head of BI", "Director of Analytics"])),
                "roles": ["champion", "budget_owner"], "team": draw(st.sampled_from(["marketing operations",
                                                                                  "analytics"])),
                "priorities": [draw(st.sampled_from(["pipeline growth", "faster reporting", "marketing efficiency"]))],
                "saw_original_outcome": True}
    return Account.model_validate({
        "name": draw(st.sampled_from(["Acme Corp", "Nordlicht GmbH", "Blue Harbor Co"])),
        "owns": [{"product": "Data Platform", "tier": "Standard", "capacity": capacity, "used": used,
                  "annual_value": draw(st.integers(1, 20)) * 50_000, "since": "2025-01-15"}],
        "usage": {"organic_new_users_90d": draw(st.integers(0, 200)),
                  "adjacent_features": draw(st.dictionaries(st.sampled_from(["schema checks", "null profiling"]),
                                                            st.floats(0.5, 0.95), max_size=2))},
        "outcomes": [draw(outcomes())],
        "health": {"nps": draw(st.integers(10, 80)), "open_escalations": 0, "sentiment": "positive"},
        "renewal": {"date": "2027-01-15", "risk": "low"},
        "stakeholders": [champion],
    })


@hypothesis.settings(max_examples=40, deadline=None,
                     suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture,
                                            hypothesis.HealthCheck.too_slow])
@hypothesis.given(account=accounts())
def test_the_template_draft_of_any_pitch_play_passes(world, ruleset, settings, checks, account):
    catalog = world("01").catalog
    pitches = [v for v in evaluate_all(ruleset, account, catalog, TODAY) if v.verdict.value == "pitch"]
    for verdict in pitches:
        track = produce_talk_track(verdict, account, catalog, settings, checks=checks)
        assert isinstance(track, TalkTrack), (verdict.product, verdict.change, getattr(track, "why", None))
        assert approve(track.text, verdict, account, catalog, checks).approved
