"""A flood of failed sign-ins or refused tokens writes at most one audit row per kind (source,
method, reason, the user when known) per window; the rest are counted and their number written
as `repeated`: on the next row of that kind, on a row of its own once the window has closed,
or when the store closes. Nothing is lost and nothing is written twice."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.store import Store
from assistant.store.users import SIGN_IN_FAILED, SignInFailed, TokenRejected

PASSWORD = "correct horse battery"


def failures(store: Store) -> list[dict]:
    return list(reversed(store.audit_entries(SIGN_IN_FAILED, limit=1000)))


def test_a_flood_of_bad_tokens_from_one_source_writes_one_row_per_window(store, clock):
    for _ in range(50):
        with pytest.raises(TokenRejected):
            store.users.resolve("coach_" + "x" * 40, "api", source="10.0.0.7")
    rows = failures(store)
    assert [(r["payload"]["source"], r["payload"]["reason"], r["payload"].get("repeated")) for r in rows] == [
        ("10.0.0.7", "not valid", None)]
    with pytest.raises(TokenRejected):  # another source is another kind: written at once
        store.users.resolve("coach_" + "y" * 40, "api", source="10.0.0.8")
    assert len(failures(store)) == 2

    clock.advance(store.settings.failure_audit_window_s)
    with pytest.raises(TokenRejected):  # the window has closed: the next row carries the 49 counted
        store.users.resolve("coach_" + "x" * 40, "api", source="10.0.0.7")
    rows = failures(store)
    assert [(r["payload"]["source"], r["payload"].get("repeated")) for r in rows] == [
        ("10.0.0.7", None), ("10.0.0.8", None), ("10.0.0.7", 49)]


def test_counted_failures_are_written_when_their_window_closes_or_the_store_closes(store, clock):
    store.users.add("Jordan Blake", "am", PASSWORD)
    for _ in range(3):
        with pytest.raises(SignInFailed):
            store.users.authenticate("Nobody Known", "wrong", via="web", source="10.0.0.7")
    clock.advance(store.settings.failure_audit_window_s + 1)
    with pytest.raises(TokenRejected):  # any failure writes the counts of the windows that closed
        store.users.resolve("coach_" + "x" * 40, "api", source="10.0.0.9")
    rows = failures(store)
    assert [(r["payload"]["reason"], r["payload"].get("name"), r["payload"].get("repeated")) for r in rows] == [
        ("unknown user", "Nobody Known", None), ("unknown user", None, 2), ("not valid", None, None)]
    for _ in range(4):
        with pytest.raises(TokenRejected):
            store.users.resolve("coach_" + "x" * 40, "api", source="10.0.0.9")
    store.close()
    assert failures(store)[-1]["payload"] == {"method": "api token", "reason": "not valid", "source": "10.0.0.9",
                                              "repeated": 4}


def test_each_user_and_reason_is_its_own_kind(store):
    # Lock-outs and wrong passwords of different people are never folded into one another.
    for name in ("Jordan Blake", "Maya Lindqvist"):
        store.users.add(name, "am", PASSWORD)
        with pytest.raises(SignInFailed):
            store.users.authenticate(name, "wrong password", source="10.0.0.7")
    assert [(r["user"], r["payload"]["reason"]) for r in failures(store)] == [
        ("Jordan Blake", "wrong password"), ("Maya Lindqvist", "wrong password")]


def test_a_zero_window_writes_every_failure(tmp_path):
    store = Store(Settings(data_dir=tmp_path / "data", load_demo=False, database_url=None,
                           failure_audit_window_s=0))
    try:
        for _ in range(5):
            with pytest.raises(TokenRejected):
                store.users.resolve("not a token", "api", source="10.0.0.7")
        assert len(failures(store)) == 5 and all("repeated" not in r["payload"] for r in failures(store))
    finally:
        store.close()


def test_the_window_is_shared_by_every_worker_on_the_database(settings, clock):
    """Two stores on one database stand for two web workers: a flood spread over both writes one
    row per window, and the next row carries what both counted."""
    workers = [Store(settings, clock=clock), Store(settings, clock=clock)]
    try:
        for n in range(10):
            with pytest.raises(TokenRejected):
                workers[n % 2].users.resolve("coach_" + "x" * 40, "api", source="10.0.0.7")
        assert [r["payload"].get("repeated") for r in failures(workers[0])] == [None]
        clock.advance(settings.failure_audit_window_s)
        with pytest.raises(TokenRejected):
            workers[1].users.resolve("coach_" + "x" * 40, "api", source="10.0.0.7")
        assert [r["payload"].get("repeated") for r in failures(workers[0])] == [None, 9]
    finally:
        for worker in workers:
            worker.close()
