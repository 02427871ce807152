"""Worlds in tmp_path: an empty store, a store with the demo portfolio, a settable clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.policy.rules import load_ruleset
from assistant.store import Store

DEMO_DIR = PROJECT_ROOT / "assistant" / "demo"
# The demo's "now": mid-November 2026, outside the vendor's quota window (quarter ends Dec 31).
DEMO_TODAY = dt.date(2026, 11, 16)


class Clock:
    def __init__(self, start: dt.datetime = dt.datetime(2026, 11, 16, 9, 0)):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data", load_demo=False, database_url=None)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(settings, clock) -> Store:
    opened = Store(settings, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def demo_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "demo-data", load_demo=True, database_url=None)


@pytest.fixture
def demo_store(demo_settings) -> Store:
    from assistant.demo.loader import open_store

    opened = open_store(demo_settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset(Path(PROJECT_ROOT / "rules"))
