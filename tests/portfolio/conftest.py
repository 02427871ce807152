"""A small world for portfolio tests: the shipped rules, a one-product catalog whose plays are
easy to count by hand, and an account builder that sets exactly the signals a test names."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.config import PROJECT_ROOT
from assistant.domain import Account, Catalog
from assistant.policy.rules import load_ruleset
from assistant.portfolio.parameters import load_portfolio_params

# 85 days before the vendor's quarter end: outside the quota window, so timing holds nothing.
TODAY = dt.date(2026, 4, 6)

CATALOG = {
    "vendor": {"name": "Northwind Data", "fiscal_quarter_end": "2026-06-30"},
    "products": [
        {"name": "Data Platform", "kind": "platform", "unit": "capacity units",
         "serves": ["pipeline growth"], "used_by": ["marketing operations"]},
    ],
}


def make_account(name: str, *, utilization: float = 0.7, met: bool | None = None, case_study: bool = False,
                 strategy: tuple[str, ...] = (), nps: float = 40, owner: str | None = "am@example.com") -> dict:
    """A healthy, aligned account; each keyword switches one signal or blocker on."""
    outcomes = []
    if met is not None or case_study:
        outcomes = [{"metric": "attributed pipeline", "met": bool(met), "case_study": case_study}]
    return {
        "name": name, "owner": owner,
        "owns": [{"product": "Data Platform", "capacity": 1000, "used": round(1000 * utilization),
                  "annual_value": 100000}],
        "outcomes": outcomes,
        "strategy": [{"kind": kind} for kind in strategy],
        "health": {"nps": nps, "open_escalations": 0, "sentiment": "neutral"},
        "renewal": {"risk": "low"},
        "stakeholders": [{"name": "Dana Ruiz", "roles": ["champion", "budget_owner"], "team": "marketing operations",
                          "priorities": ["pipeline growth"], "saw_original_outcome": True}],
    }


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")


@pytest.fixture(scope="session")
def params(ruleset):
    return load_portfolio_params(ruleset)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.model_validate(CATALOG)


@pytest.fixture
def account():
    return lambda name, **kw: Account.model_validate(make_account(name, **kw))


class FakeStore:
    """The store API build_plan uses, over a list; records how it was asked."""

    def __init__(self, accounts: list[Account], catalog: Catalog):
        self._accounts, self._catalog = accounts, catalog
        self.calls: list[tuple] = []

    def catalog(self) -> Catalog:
        return self._catalog

    def _mine(self, owner):
        return [a for a in self._accounts if owner is None or (a.owner or "").casefold() == owner.casefold()]

    def count_accounts(self, owner=None) -> int:
        return len(self._mine(owner))

    def accounts(self, owner=None, batch_size=500):
        self.calls.append(("accounts", owner, batch_size))
        yield from self._mine(owner)
