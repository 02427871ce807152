"""A small world for policy tests: the shipped rules, a catalog, and a healthy baseline account
that individual tests change one fact at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.domain import Account, Catalog, Play
from assistant.policy.engine import evaluate
from assistant.policy.rules import load_ruleset

TODAY = dt.date(2026, 5, 12)
CATALOG = {
    "vendor": {"name": "Northwind Data", "fiscal_quarter_end": "2026-06-30"},
    "products": [
        {"name": "Data Platform", "kind": "platform", "tiers": ["Standard", "Enterprise"],
         "unit": "capacity units", "serves": ["pipeline growth", "faster reporting"],
         "used_by": ["marketing operations", "analytics"]},
        {"name": "Data Quality", "kind": "module", "aliases": ["DQ"],
         "adjacent_features": ["schema checks", "null profiling"],
         "serves": ["data trust", "data quality"], "used_by": ["data engineering"]},
    ],
}


def baseline_account() -> dict:
    """Healthy, successful, saturated: every upsell gate passes."""
    return {
        "name": "Acme Corp",
        "owns": [{"product": "Data Platform", "tier": "Standard", "capacity": 1000, "used": 920,
                  "annual_value": 600000}],
        "outcomes": [{"metric": "attributed pipeline", "unit": "USD", "target": 3000000,
                      "achieved": 4200000, "met": True}],
        "health": {"nps": 40, "open_escalations": 0, "sentiment": "positive"},
        "renewal": {"date": "2026-08-01", "risk": "low"},
        "stakeholders": [
            {"name": "Dana Ruiz", "title": "VP Marketing Operations", "roles": ["champion", "budget_owner"],
             "team": "marketing operations", "priorities": ["pipeline growth"], "saw_original_outcome": True},
            {"name": "Priya Natarajan", "title": "Chief Data Officer", "roles": ["executive"],
             "team": "data office", "priorities": ["data trust"], "saw_original_outcome": True},
            {"name": "Tom Becker", "title": "Data Engineering Lead", "roles": ["champion", "user_lead"],
             "team": "data engineering", "priorities": [], "saw_original_outcome": True},
        ],
    }


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.model_validate(CATALOG)


@pytest.fixture
def judge(ruleset, catalog):
    """judge(account_dict, **play) -> Verdict, with an upsell of more capacity as the default play."""

    def run(account: dict, today: dt.date = TODAY, **play):
        play.setdefault("product", "Data Platform")
        return evaluate(ruleset, Account.model_validate(account), catalog, Play.model_validate(play), today)

    return run


@pytest.fixture
def account() -> dict:
    return baseline_account()


RULES_DIR = Path(PROJECT_ROOT / "rules")
