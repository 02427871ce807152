"""`--what-if NAME=VALUE`: parsing, clear errors, and changes made to copies only."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain import Account, Play
from assistant.policy.engine import evaluate
from assistant.policy.whatif import (WhatIfError, accepted_names, apply_what_ifs, format_what_if,
                                     parse_what_if)
from tests.policy_lifts.conftest import TODAY


@pytest.fixture
def account() -> Account:
    return Account.model_validate({
        "name": "Borealis Freight",
        "owns": [{"product": "Data Platform", "tier": "Standard", "capacity": 500, "used": 200},
                 {"product": "Insights Studio", "tier": "Team", "capacity": 50, "used": 45}],
        "outcomes": [{"metric": "reporting cycle time", "target": 30, "achieved": 12, "met": False}],
        "health": {"nps": 10, "open_escalations": 1, "sentiment": "neutral"},
        "renewal": {"date": "2026-09-01", "risk": "high"},
        "stakeholders": [{"name": "Lars Holm", "roles": ["champion", "budget_owner"],
                          "priorities": ["faster reporting"], "saw_original_outcome": True},
                         {"name": "Eva Lind", "roles": ["executive"], "priorities": [], "saw_original_outcome": False}],
    })


@pytest.fixture
def play() -> Play:
    return Play(product="Data Platform", change="more_capacity", pitch_to="Lars Holm",
                proposed_date=dt.date(2026, 6, 20), timing_reason="unspecified")


@pytest.mark.parametrize("text, expected", [
    ("utilization=0.9", ("utilization", 0.9)),
    ("utilization=90%", ("utilization", 0.9)),
    ("renewal.risk=low", ("renewal.risk", "low")),
    ("risk=LOW", ("renewal.risk", "low")),
    ("nps=35", ("nps", 35)),
    ("health.nps = -5", ("nps", -5)),
    ("csat=4.5", ("csat", 4.5)),
    ("timing_reason=customer_milestone", ("timing_reason", "customer_milestone")),
    ("proposed_date=2026-07-15", ("proposed_date", dt.date(2026, 7, 15))),
    ("tied_to_renewal=no", ("tied_to_renewal", False)),
    ("sentiment=positive", ("sentiment", "positive")),
    ("executive_priority=data trust", ("executive_priority", "data trust")),
])
def test_parses_names_aliases_and_typed_values(text, expected):
    assert parse_what_if(text) == expected


@pytest.mark.parametrize("text, message", [
    ("utilisation=0.9", "unknown what-if 'utilisation'; accepted names: "),
    ("utilization", "a what-if is NAME=VALUE"),
    ("=3", "a what-if is NAME=VALUE"),
    ("utilization=high", "utilization needs a number from 0 to 1, not 'high'"),
    ("utilization=1.5", "utilization must be from 0 to 1, not 1.5"),
    ("nps=500", "nps must be from -100 to 100"),
    ("renewal.risk=extreme", "renewal.risk must be one of low, medium, high, not 'extreme'"),
    ("timing_reason=friday", "timing_reason must be one of customer_milestone, customer_request, "
                             "capacity_constraint, quarter_end, quota, unspecified"),
    ("proposed_date=15/07/2026", "proposed_date needs a date as YYYY-MM-DD"),
    ("tied_to_renewal=maybe", "tied_to_renewal must be true or false"),
    ("champion_team=", "champion_team needs a value"),
])
def test_errors_say_what_is_accepted(text, message):
    with pytest.raises(WhatIfError) as error:
        parse_what_if(text)
    assert message in str(error.value)


def test_unknown_name_lists_every_accepted_name():
    with pytest.raises(WhatIfError) as error:
        parse_what_if("foo=1")
    for name in ("utilization", "renewal.risk", "nps", "timing_reason", "proposed_date"):
        assert name in str(error.value)
    assert accepted_names() == sorted(accepted_names())


def test_a_person_must_be_a_stakeholder(account, play):
    with pytest.raises(WhatIfError, match="'Nobody' is not a stakeholder of Borealis Freight "
                                          r"\(stakeholders: Lars Holm, Eva Lind\)"):
        apply_what_ifs(account, play, ["pitch_to=Nobody"])
    _, changed = apply_what_ifs(account, play, ["pitch_to=eva lind"])
    assert changed.pitch_to == "Eva Lind"


def test_changes_are_made_to_copies(account, play):
    before_account, before_play = account.model_dump(), play.model_dump()
    changed_account, changed_play = apply_what_ifs(
        account, play, ["utilization=0.9", "renewal.risk=low", "nps=35", "timing_reason=customer_milestone",
                        "proposed_date=2026-07-15"])
    assert account.model_dump() == before_account and play.model_dump() == before_play
    assert changed_account.owns[0].used == 450 and changed_account.owns[1].used == 45
    assert changed_account.renewal.risk == "low" and changed_account.health.nps == 35
    assert changed_play.timing_reason == "customer_milestone"
    assert changed_play.proposed_date == dt.date(2026, 7, 15)


def test_the_verdict_follows_the_changes(ruleset, catalog, account, play):
    today = evaluate(ruleset, account, catalog, play, TODAY)
    assert today.verdict.value == "hold" and "adoption.gap" in today.codes
    changed = evaluate(ruleset, *_apply(account, play, catalog, "min_utilization=0.9", "renewal.risk=low",
                                        "open_escalations=0", "outcome_met=true"), TODAY)
    assert "adoption.gap" not in changed.codes and "renewal.at_risk" not in changed.codes
    assert "usage.saturation" in changed.codes and "outcome.met" in changed.codes


def _apply(account, play, catalog, *changes):
    changed_account, changed_play = apply_what_ifs(account, play, list(changes), catalog=catalog)
    return changed_account, catalog, changed_play


def test_min_utilization_raises_every_product_below_it(account, play, catalog):
    changed, _, _ = _apply(account, play, catalog, "min_utilization=0.95")
    assert [o.used for o in changed.owns] == [475, 48]


def test_max_utilization_brings_products_down_or_the_most_used_up(account, play, catalog):
    # Utilizations 0.4 and 0.9: a maximum of 0.5 brings the second down to it; none reaches 0.95,
    # so the most used (the second) goes up to that.
    lowered, _, _ = _apply(account, play, catalog, "max_utilization=0.5")
    assert [o.used for o in lowered.owns] == [200, 25]
    raised, _, _ = _apply(account, play, catalog, "max_utilization=0.95")
    assert [o.used for o in raised.owns] == [200, 48]


def test_max_ceiling_share_brings_volumes_down_or_the_fullest_up(account, play, catalog):
    owns = [{**o.model_dump(), "ceiling": c, "volume": v} for o, c, v in zip(account.owns, (1000, 100), (300, 90))]
    capped = account.model_copy(update={"owns": [type(account.owns[0]).model_validate(o) for o in owns]})
    lowered, _, _ = _apply(capped, play, catalog, "max_ceiling_share=0.5")
    assert [o.volume for o in lowered.owns] == [300, 50]
    raised, _, _ = _apply(capped, play, catalog, "max_ceiling_share=0.95")
    assert [o.volume for o in raised.owns] == [300, 95]


def test_utilization_needs_an_owned_product(account, catalog):
    cross_sell = Play(product="Data Quality", change="new_product")
    with pytest.raises(WhatIfError, match="does not own Data Quality; use min_utilization or max_utilization"):
        apply_what_ifs(account, cross_sell, ["utilization=0.9"], catalog=catalog)


def test_alignment_what_ifs_name_people_and_teams(ruleset, catalog, account):
    cross_sell = Play(product="Data Quality", change="new_product")
    before = evaluate(ruleset, account, catalog, cross_sell, TODAY)
    assert {"alignment.no_priority", "alignment.no_sponsor", "cross_sell.needs_champion"} <= set(before.codes)
    changed = evaluate(ruleset, *_apply(account, cross_sell, catalog, "executive_priority=data trust",
                                        "champion_team=data engineering"), TODAY)
    assert not {"alignment.no_priority", "alignment.no_sponsor", "cross_sell.needs_champion"} & set(changed.codes)
    assert changed.sponsor == "Eva Lind"


@pytest.mark.parametrize("name, value", [("utilization", 0.6), ("nps", 0), ("csat", 2.5), ("used", 300),
                                         ("proposed_date", dt.date(2026, 7, 1)), ("tied_to_renewal", False),
                                         ("sponsor", "Lars Holm"), ("renewal.risk", "medium")])
def test_formatted_what_ifs_read_back_to_the_same_change(name, value):
    assert parse_what_if(format_what_if(name, value)) == (name, value)


def test_account_wide_shares_need_a_recorded_capacity_or_ceiling(account, play, catalog):
    unmeasured = account.model_copy(update={"owns": [o.model_copy(update={"capacity": None, "used": None})
                                                     for o in account.owns]})
    with pytest.raises(WhatIfError, match="no owned product of Borealis Freight has a recorded capacity"):
        _apply(unmeasured, play, catalog, "min_utilization=0.9")
    with pytest.raises(WhatIfError, match="no owned product of Borealis Freight has a contract ceiling"):
        _apply(account, play, catalog, "max_ceiling_share=0.5")  # the fixture records no ceilings
