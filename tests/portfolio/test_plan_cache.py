"""The quarterly plan is computed once per (data version, rule-set version, book, day) and
recomputed after any write to the data, by this process or another worker; every request is
still audited and still scoped to what its viewer may see."""

from __future__ import annotations

import datetime as dt

import pytest

import assistant.portfolio as portfolio
from assistant.access import Viewer
from assistant.coach import Coach
from assistant.config import Settings
from assistant.domain import Account
from assistant.policy.rules import load_ruleset
from tests.support.demo_copies import copy_demo

TODAY = dt.date(2026, 11, 16)


@pytest.fixture
def settings(tmp_path, demo_template) -> Settings:
    """A private copy of the demo store (loaded once per test session: tests/conftest.py)."""
    return Settings(data_dir=copy_demo(demo_template, tmp_path), load_demo=True, warm_up=False)


@pytest.fixture
def builds(monkeypatch) -> list:
    """Each real computation of a plan, recorded."""
    made = []
    real = portfolio.build_plan

    def counting(*args, **kwargs):
        made.append(kwargs.get("owner"))
        return real(*args, **kwargs)

    monkeypatch.setattr(portfolio, "build_plan", counting)
    return made


def test_the_same_plan_is_computed_once_and_audited_every_time(settings, builds):
    coach = Coach(settings)
    first = coach.plan(today=TODAY, user="Morgan Reyes")
    second = coach.plan(today=TODAY, user="Ada")
    assert builds == [None]
    assert second.model_dump() == first.model_dump()
    users = [e["user"] for e in coach.store.find_audit(kinds=("plan",), limit=10)]
    assert users == ["Ada", "Morgan Reyes"]


def test_an_import_by_another_worker_gives_a_fresh_plan(settings, builds):
    web, cli = Coach(settings), Coach(settings)
    before = web.plan(today=TODAY)
    cli.store.import_accounts([Account(name="Zephyr Freight", owner="Jordan Blake")])
    after = web.plan(today=TODAY)
    assert len(builds) == 2
    assert after.book_size == before.book_size + 1


def test_a_recorded_priority_gives_a_fresh_plan(settings, builds):
    coach = Coach(settings)
    coach.plan(today=TODAY)
    account = coach.store.account("Acme Corp")
    coach.store.add_priority("Acme Corp", account.stakeholders[0].name, "cut churn in half", "QBR", TODAY)
    coach.plan(today=TODAY)
    assert len(builds) == 2


def test_another_day_book_or_rule_set_is_another_plan(settings, builds, tmp_path):
    coach = Coach(settings)
    coach.plan(today=TODAY)
    coach.plan(today=TODAY + dt.timedelta(days=1))
    coach.plan(today=TODAY, owner="Jordan Blake")
    assert len(builds) == 3
    params = tmp_path / "params.yaml"
    params.write_text("saturation: 0.95\n")
    coach.__dict__["ruleset"] = load_ruleset(settings.rules_dir, settings.knowledge_dir, params_file=params)
    coach.plan(today=TODAY)
    assert len(builds) == 4


def test_a_cached_plan_stays_scoped_to_the_viewer(settings, builds):
    coach = Coach(settings)
    whole = coach.plan(today=TODAY)  # the manager's view, cached first
    coach.store.users.add("Jordan Blake", "am", "a password long enough")
    mine = coach.plan(today=TODAY, viewer=Viewer.of(coach.store.users.get("Jordan Blake")))
    owners = {e.owner for part in ("focus", "later", "blocked") for e in getattr(mine, part)}
    assert owners == {"Jordan Blake"}
    assert mine.book_size < whole.book_size
