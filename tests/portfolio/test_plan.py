"""build_plan over the store API: streaming, owner filter, progress, workers, a real SQLite store."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.domain import Catalog
from assistant.errors import CoachError
from assistant.portfolio import build_plan
from assistant.portfolio import report
from benchmarks.generate_book import TODAY as BOOK_TODAY
from benchmarks.generate_book import generate_accounts, generate_catalog
from tests.portfolio.conftest import TODAY, FakeStore
from tests.portfolio.test_ranking import BOOK


@pytest.fixture
def store(account, catalog):
    owners = {"Alpha": "Ann", "Bravo": "Ben", "Charlie": "Ann", "Delta": "Ann", "Echo": "Ben"}
    return FakeStore([account(n, owner=owners[n], **kw) for n, kw in BOOK.items()], catalog)


def _names(entries):
    return [e.summary.account for e in entries]


def test_plan_streams_the_store_in_batches_and_reports_progress(store, ruleset):
    seen = []
    plan = build_plan(store, ruleset, TODAY, progress=lambda done, total: seen.append((done, total)))
    assert store.calls == [("accounts", None, 500)]
    assert seen[-1] == (5, 5) and len(seen) == 5
    assert _names(plan.focus) == ["Alpha", "Bravo", "Charlie"]  # focus_min 10 > 3 pitchable accounts
    assert _names(plan.blocked) == ["Delta", "Echo"] and plan.later == []
    assert plan.focus_size == 10 and plan.book_size == 5


def test_plan_for_one_owner(store, ruleset):
    plan = build_plan(store, ruleset, TODAY, owner="ann")
    assert store.calls == [("accounts", "ann", 500)]
    assert plan.owner == "Ann"  # as stored
    assert _names(plan.focus) == ["Alpha", "Charlie"] and _names(plan.blocked) == ["Delta"]


def test_worker_processes_give_the_same_plan(ruleset, params):
    catalog = generate_catalog()
    accounts = list(generate_accounts(120, seed=3))
    small_batches = params.model_copy(update={"run": params.run.model_copy(update={"chunk_size": 11, "batch_size": 7})})
    one = build_plan(FakeStore(accounts, catalog), ruleset, BOOK_TODAY, params=small_batches, workers=1)
    two = build_plan(FakeStore(accounts, catalog), ruleset, BOOK_TODAY, params=small_batches, workers=2)
    assert report.plan_dict(one) == report.plan_dict(two)
    assert one.focus and one.later and one.blocked


def test_an_empty_catalog_is_a_clear_error(store, ruleset):
    store._catalog = Catalog()
    with pytest.raises(CoachError, match="catalog has no products"):
        build_plan(store, ruleset, TODAY)


def test_plan_from_a_real_store(tmp_path, account, catalog, ruleset):
    from assistant.store import Store

    real = Store.open(Settings(data_dir=tmp_path, load_demo=False))
    real.replace_catalog(catalog)
    real.import_accounts([account(n, owner="Ann", **kw) for n, kw in BOOK.items()])
    plan = build_plan(real, ruleset, TODAY, owner="Ann")
    assert _names(plan.focus) == ["Alpha", "Bravo", "Charlie"] and _names(plan.blocked) == ["Delta", "Echo"]
    real.close()


def test_report_formats(store, ruleset):
    import io

    plan = build_plan(store, ruleset, TODAY)
    data = report.plan_dict(plan)
    assert [e["account"] for e in data["focus"]] == ["Alpha", "Bravo", "Charlie"]
    assert data["blocked"][0]["blockers"][0]["code"] == "health.dissatisfied"
    assert data["focus"][0]["layers"] == {"usage": 1, "outcome": 1, "strategy": 1, "customer": 0}
    from assistant.render.plan_text import plan_markdown, write_plan_csv
    from assistant.results import PlanResult

    result = PlanResult.model_validate(data)
    out = io.StringIO()
    write_plan_csv(result, out)
    lines = out.getvalue().splitlines()
    assert lines[0].split(",")[:3] == ["section", "rank", "account"] and len(lines) == 6
    md = plan_markdown(result)
    assert "## Blocked" in md and "`adoption.gap`" in md and "| 1 | Alpha |" in md


def test_forked_map_keeps_chunk_order_and_reports_failures():
    from assistant.portfolio.forked import WorkerFailed, forked_map

    assert list(forked_map(lambda x: x * 2, [[1, 2], [3], [4, 5]], workers=2)) == [[2, 4], [6], [8, 10]]

    def boom(x):
        if x == 3:
            raise CoachError("account 3 is broken")
        return x

    with pytest.raises(WorkerFailed, match="account 3 is broken"):
        list(forked_map(boom, [[1, 2], [3]], workers=2))
    with pytest.raises(WorkerFailed, match="ZeroDivisionError"):
        list(forked_map(lambda x: 1 / x, [[0]], workers=1))


def test_chunks_start_small_and_end_evenly(params):
    from assistant.portfolio.plan import _chunks

    run = params.run.model_copy(update={"batch_size": 5, "chunk_size": 20})
    assert [len(c) for c in _chunks(range(100), run, 100, workers=2)] == [5, 20, 20, 20, 18, 17]
    assert [len(c) for c in _chunks(range(30), run, 30, workers=2)] == [5, 13, 12]
