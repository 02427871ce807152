"""Shared world for the lift, what-if and policy-diff tests: the shipped rules, the demo catalog
(with a quarter end close to TODAY, so vendor timing can fire) and the shared scenarios."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.domain import Catalog
from assistant.importers.catalog import read_catalog
from assistant.policy.rules import load_ruleset
from assistant.policy.whatif import apply_what_ifs

TODAY = dt.date(2026, 5, 12)
SHARED_SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"
RULES_DIR = PROJECT_ROOT / "rules"


def demo_catalog() -> Catalog:
    catalog = read_catalog(PROJECT_ROOT / "assistant" / "demo" / "catalog.yaml")
    catalog.vendor.fiscal_quarter_end = dt.date(2026, 6, 30)
    return catalog


def scenario_paths() -> list[Path]:
    return sorted(SHARED_SCENARIOS.glob("*.yaml"))


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset(RULES_DIR)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return demo_catalog()


def replay(ruleset, account, catalog, play, today, lift):
    """Evaluate the play again with the lift's what-ifs applied (to copies)."""
    from assistant.policy.engine import evaluate

    changed_account, changed_play = apply_what_ifs(account, play, lift["what_if"], catalog=catalog, today=today)
    return evaluate(ruleset, changed_account, catalog, changed_play, today)
