"""Hypothesis strategies: varied accounts and plays over the demo catalog (unknowns included)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from assistant.domain import Account, Play
from tests.policy_lifts.conftest import TODAY, demo_catalog

CATALOG = demo_catalog()
PRODUCTS = [p.name for p in CATALOG.products]
PRIORITIES = sorted({s for p in CATALOG.products for s in p.serves} | {"cost control"})
TEAMS = sorted({t for p in CATALOG.products for t in p.used_by} | {"finance", "legal"})
FEATURES = sorted({f for p in CATALOG.products for f in p.adjacent_features})
NAMES = ["Dana Ruiz", "Priya Natarajan", "Tom Becker", "Lee Park", "Ana Silva"]

maybe = lambda strategy: st.none() | strategy  # noqa: E731  unknown is always possible


people = st.fixed_dictionaries({
    "name": st.sampled_from(NAMES),
    "roles": st.lists(st.sampled_from(["champion", "budget_owner", "executive", "user_lead"]), unique=True, max_size=2),
    "team": maybe(st.sampled_from(TEAMS)),
    "priorities": st.lists(st.sampled_from(PRIORITIES), max_size=2, unique=True),
    "saw_original_outcome": maybe(st.booleans()),
    "asked_about": st.lists(st.sampled_from(PRODUCTS), max_size=1),
})


@st.composite
def ownership(draw, product: str):
    capacity = draw(maybe(st.sampled_from([10, 50, 100, 500, 1000])))
    owned = {"product": product, "capacity": capacity,
             "used": draw(maybe(st.integers(0, capacity or 100))),
             "tier": draw(maybe(st.sampled_from(["Standard", "Enterprise", "Team", "Business"])))}
    if draw(st.booleans()):
        owned["ceiling"] = 1000
        owned["volume"] = draw(maybe(st.integers(0, 1000)))
    return owned


@st.composite
def accounts(draw) -> Account:
    owned = draw(st.lists(st.sampled_from(PRODUCTS), min_size=1, max_size=3, unique=True))
    data = {
        "name": "Generated Co",
        "owns": [draw(ownership(p)) for p in owned],
        "usage": {"organic_new_users_90d": draw(maybe(st.integers(0, 200))),
                  "adjacent_features": draw(st.dictionaries(st.sampled_from(FEATURES),
                                                            st.floats(0, 1).map(lambda x: round(x, 2)), max_size=3))},
        "outcomes": draw(st.lists(st.fixed_dictionaries({
            "metric": st.sampled_from(["attributed pipeline", "cycle time"]),
            "target": maybe(st.integers(1, 100)), "achieved": maybe(st.integers(0, 150)),
            "met": maybe(st.booleans()), "public_attribution": maybe(st.booleans()),
            "case_study": maybe(st.booleans())}), max_size=2)),
        "strategy": draw(st.lists(st.fixed_dictionaries({"kind": st.sampled_from(
            ["initiative", "business_unit", "geography", "buyer_hire", "growth"])}, optional={
            "relates_to": maybe(st.lists(st.sampled_from(PRODUCTS + PRIORITIES).flatmap(
                lambda term: st.sampled_from([term, term.upper()])), max_size=2))}), max_size=1)),
        "health": {"nps": draw(maybe(st.integers(-100, 100))),
                   "csat": draw(maybe(st.floats(1, 5).map(lambda x: round(x, 1)))),
                   "open_escalations": draw(maybe(st.integers(0, 3))),
                   "sentiment": draw(maybe(st.sampled_from(["positive", "neutral", "negative"])))},
        "renewal": {"date": draw(maybe(st.dates(TODAY, TODAY + dt.timedelta(days=400)))),
                    "risk": draw(maybe(st.sampled_from(["low", "medium", "high"])))},
        "stakeholders": draw(st.lists(people, max_size=4, unique_by=lambda p: p["name"])),
        "needs_expressed": draw(st.lists(st.sampled_from(["data quality", "capacity", "governance"]), max_size=1)),
    }
    return Account.model_validate(data)


@st.composite
def plays_for(draw, account: Account) -> Play:
    product = CATALOG.find(draw(st.sampled_from(PRODUCTS)))
    owned = account.ownership(product) is not None
    change = draw(st.sampled_from(["more_capacity", "more_seats", "longer_term"])) if owned else "new_product"
    names = [p.name for p in account.stakeholders] or ["Nobody"]
    return Play.model_validate({
        "product": product.name, "change": change,
        "pitch_to": draw(maybe(st.sampled_from(names))),
        "sponsor": draw(maybe(st.sampled_from(names))),
        "advances_priority": draw(maybe(st.sampled_from(PRIORITIES))),
        "proposed_date": draw(maybe(st.dates(TODAY, dt.date(2026, 8, 31)))),
        "timing_reason": draw(st.sampled_from(["customer_milestone", "customer_request", "capacity_constraint",
                                               "quarter_end", "quota", "unspecified"])),
        "tied_to_renewal": draw(st.booleans()),
    })


@st.composite
def account_and_play(draw) -> tuple[Account, Play]:
    account = draw(accounts())
    return account, draw(plays_for(account))
