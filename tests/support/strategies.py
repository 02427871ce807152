"""Hypothesis strategies for account snapshots: every field may be unknown (None)."""

from __future__ import annotations

from hypothesis import strategies as st

maybe = lambda strategy: st.none() | strategy  # noqa: E731  unknown is always a possible value

people = st.fixed_dictionaries({
    "name": st.sampled_from(["Dana Ruiz", "Priya Natarajan", "Tom Becker", "Lee Park"]),
    "roles": st.lists(st.sampled_from(["champion", "budget_owner", "executive", "user_lead"]), unique=True),
    "team": maybe(st.sampled_from(["data engineering", "analytics", "finance"])),
    "priorities": st.lists(st.sampled_from(["data trust", "pipeline growth", "cost control"]), max_size=2),
    "saw_original_outcome": maybe(st.booleans()),
})

# What a strategic event may relate to: products, priorities, a category and unrelated terms,
# in any case; unknown (None) included, since an event without `relates_to` still counts.
LINK_TERMS = ["Data Platform", "Data Quality", "DQ", "data trust", "pipeline growth", "faster reporting",
              "cost control", "module", "platform", "data observability"]
relates_to = maybe(st.lists(st.sampled_from(LINK_TERMS).flatmap(
    lambda term: st.sampled_from([term, term.upper(), term.title()])), max_size=2))
strategic_events = st.fixed_dictionaries({"kind": st.sampled_from(
    ["initiative", "business_unit", "geography", "buyer_hire", "growth"])}, optional={"relates_to": relates_to})


@st.composite
def accounts(draw, name: str = "Generated"):
    capacity = draw(st.integers(1, 5000))
    owns = [{"product": "Data Platform", "capacity": capacity, "used": draw(maybe(st.integers(0, capacity))),
             "tier": draw(maybe(st.sampled_from(["Standard", "Enterprise"])))}]
    people_list = draw(st.lists(people, max_size=4, unique_by=lambda p: p["name"]))
    return {
        "name": name,
        "owns": owns,
        "usage": {"organic_new_users_90d": draw(maybe(st.integers(0, 300))),
                  "adjacent_features": draw(st.dictionaries(st.sampled_from(["schema checks", "null profiling"]),
                                                            st.floats(0, 1), max_size=2))},
        "outcomes": draw(st.lists(st.fixed_dictionaries({
            "metric": st.just("attributed pipeline"), "met": maybe(st.booleans()),
            "public_attribution": maybe(st.booleans()), "case_study": maybe(st.booleans())}), max_size=2)),
        "strategy": draw(st.lists(strategic_events, max_size=2)),
        "health": {"nps": draw(maybe(st.integers(-100, 100))), "csat": draw(maybe(st.floats(1, 5))),
                   "open_escalations": draw(maybe(st.integers(0, 3))),
                   "sentiment": draw(maybe(st.sampled_from(["positive", "neutral", "negative"])))},
        "renewal": {"risk": draw(maybe(st.sampled_from(["low", "medium", "high"])))},
        "stakeholders": people_list,
        "needs_expressed": draw(st.lists(st.sampled_from(["data quality", "capacity"]), max_size=1)),
    }
