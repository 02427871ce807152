"""Writes of one process queue on a lock (serial_writes.py), not in SQLite's busy handler.

With SQLite's busy timeout at zero, a second writer that reached SQLite while the first held the
file would fail at once ("database is locked"); queued on the lock, it waits and succeeds."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest
import sqlalchemy as sa

from assistant.store import once
from tests.support.hashing import cheap_argon2, cheap_hasher  # noqa: F401 - a fixture


def _no_busy_wait(store) -> None:
    # Runs after the store's own pragmas (listeners run in order), on fresh connections.
    sa.event.listen(store.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout=0"))
    store.engine.dispose()


def _queues_behind_a_held_writer(store, write) -> None:
    """`write` (run in a thread while another thread holds a write connection) waits, then succeeds."""
    _no_busy_wait(store)
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first_writer():
        with store.writer.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)")
            holding.set()
            release.wait(10)

    def queued_write():
        try:
            write()
        except BaseException as exc:  # noqa: BLE001 - the test reports it below
            errors.append(exc)

    first = threading.Thread(target=first_writer)
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=queued_write)
    second.start()
    second.join(0.5)  # a plain BEGIN would have failed by now ("database is locked")
    assert second.is_alive() and not errors, errors
    release.set()
    first.join(10)
    second.join(10)
    assert not errors, errors


def test_a_second_writer_of_the_process_waits_for_the_first(store):
    _queues_behind_a_held_writer(store, lambda: store.set_state("probe", "written while the first writer held the file"))
    assert store.get_state("probe") == "written while the first writer held the file"


def test_a_write_inside_a_held_write_connection_of_the_same_thread_does_not_deadlock(store):
    with store.writer.connect():
        store.set_state("nested", "yes")  # the demo loader does this under its start-up lock
    assert store.get_state("nested") == "yes"


def test_a_forked_child_does_not_inherit_the_lock_a_parent_thread_held(store):
    if not hasattr(os, "fork"):
        return
    holding, release = threading.Event(), threading.Event()

    def writer_thread():
        with store.writer.begin():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer_thread)
    thread.start()
    assert holding.wait(10)
    try:
        pid = os.fork()
        if pid == 0:  # the child has no such thread: the copied lock would never be released
            os._exit(0 if store.writer._lock.acquire(timeout=2) else 3)
        _, status = os.waitpid(pid, 0)
    finally:
        release.set()
        thread.join(10)
    assert os.waitstatus_to_exitcode(status) == 0


PASSWORD = "correct horse battery"


def _wrong_password(store):
    try:
        store.users.authenticate("Jordan Blake", "not the password")
    except Exception as exc:  # noqa: BLE001 - SignInFailed is the expected outcome
        if type(exc).__name__ != "SignInFailed":
            raise


USER_WRITES = {
    "authenticate (a failed sign-in)": _wrong_password,
    "authenticate (a sign-in that clears a failure)": lambda store: store.users.authenticate("Jordan Blake", PASSWORD),
    "add": lambda store: store.users.add("Pat Lee", "am", PASSWORD),
    "set_role": lambda store: store.users.set_role("Jordan Blake", "manager"),
    "create_token": lambda store: store.users.create_token("Jordan Blake", ttl=dt.timedelta(days=1)),
    "remove": lambda store: store.users.remove("Jordan Blake"),
}


@pytest.mark.parametrize("write", list(USER_WRITES), ids=list(USER_WRITES))
def test_the_writes_of_users_and_sign_in_queue_with_the_other_writes(store, cheap_argon2, write):
    store.users.add("Jordan Blake", "am", PASSWORD)
    if "clears a failure" in write:
        _wrong_password(store)
    _queues_behind_a_held_writer(store, lambda: USER_WRITES[write](store))


ONCE_WRITES = {
    "claim": lambda store: once.claim(store, "event", "Ev1"),
    "forget_before": lambda store: once.forget_before(store, "event", dt.datetime(2100, 1, 1)),
    "save_digest_state": lambda store: once.save_digest_state(store, "Jordan Blake", {"seen": 1}),
}


@pytest.mark.parametrize("write", list(ONCE_WRITES), ids=list(ONCE_WRITES))
def test_the_once_marks_and_digest_state_queue_with_the_other_writes(store, write):
    _queues_behind_a_held_writer(store, lambda: ONCE_WRITES[write](store))


def test_the_password_is_checked_before_the_write_lock_is_taken(store, monkeypatch):
    """argon2 takes tens of milliseconds; holding the process's write lock meanwhile would stall
    every other write (audit entries, chat sessions) behind a sign-in flood."""
    from assistant.store import users as users_module

    lock_free_while_verifying: list[bool] = []

    class Watching(type(cheap_hasher())):
        def verify(self, hash, password):
            free: list[bool] = []

            def probe():
                got = store.writer._lock.acquire(blocking=False)
                if got:
                    store.writer._lock.release()
                free.append(got)

            thread = threading.Thread(target=probe)
            thread.start()
            thread.join()  # the probe never blocks: acquire(blocking=False)
            lock_free_while_verifying.append(free == [True])
            return super().verify(hash, password)

    cheap = cheap_hasher()
    monkeypatch.setattr(users_module, "_hasher", lambda: Watching(cheap.time_cost, cheap.memory_cost, cheap.parallelism))
    store.users.add("Jordan Blake", "am", PASSWORD)
    _wrong_password(store)
    store.users.authenticate("Jordan Blake", PASSWORD)
    assert lock_free_while_verifying == [True, True]
