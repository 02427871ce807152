"""Properties over generated snapshots: one verdict, strictest wins, deterministic."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.domain import VERDICT_STRICTNESS, Account, Play
from assistant.policy.engine import evaluate
from tests.policy.conftest import CATALOG, TODAY
from tests.support.strategies import accounts, maybe

@st.composite
def plays(draw):
    product = draw(st.sampled_from(["Data Platform", "Data Quality"]))
    change = "more_capacity" if product == "Data Platform" else "new_product"
    return {"product": product, "change": change,
            "pitch_to": draw(maybe(st.sampled_from(["Dana Ruiz", "Priya Natarajan"]))),
            "proposed_date": draw(maybe(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)))),
            "timing_reason": draw(st.sampled_from(["customer_milestone", "customer_request", "capacity_constraint",
                                                   "quarter_end", "quota", "unspecified"])),
            "tied_to_renewal": draw(st.booleans())}


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(account=accounts(), play=plays())
def test_exactly_one_verdict_and_the_strictest_blocker_wins(ruleset, catalog, account, play):
    verdict = evaluate(ruleset, Account.model_validate(account), catalog, Play.model_validate(play), TODAY)
    assert verdict.verdict.value in VERDICT_STRICTNESS
    forced = [r.forces.value for r in verdict.reasons if r.forces is not None]
    expected = max(forced, key=VERDICT_STRICTNESS.__getitem__, default="pitch")
    assert verdict.verdict.value == expected
    assert all(r.remedy for r in verdict.blockers()), "every blocker carries a remedy"


@SETTINGS
@given(account=accounts(), play=plays())
def test_evaluation_is_deterministic(ruleset, catalog, account, play):
    first = evaluate(ruleset, Account.model_validate(account), catalog, Play.model_validate(play), TODAY)
    second = evaluate(ruleset, Account.model_validate(account), catalog, Play.model_validate(play), TODAY)
    assert first.model_dump() == second.model_dump()


@SETTINGS
@given(account=accounts(), play=plays())
def test_unknown_health_never_reads_as_dissatisfied(ruleset, catalog, account, play):
    account["health"] = {}
    verdict = evaluate(ruleset, Account.model_validate(account), catalog, Play.model_validate(play), TODAY)
    assert "health.dissatisfied" not in verdict.codes


def test_catalog_fixture_is_the_shared_one():
    assert [p["name"] for p in CATALOG["products"]] == ["Data Platform", "Data Quality"]
