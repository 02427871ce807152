"""Writes of one process queue on a lock (serial_writes.py), not in SQLite's busy handler.

With SQLite's busy timeout at zero, a second writer that reached SQLite while the first held the
file would fail at once ("database is locked"); queued on the lock, it waits and succeeds."""

from __future__ import annotations

import os
import threading

import sqlalchemy as sa


def _no_busy_wait(store) -> None:
    # Runs after the store's own pragmas (listeners run in order), on fresh connections.
    sa.event.listen(store.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout=0"))
    store.engine.dispose()


def test_a_second_writer_of_the_process_waits_for_the_first(store):
    _no_busy_wait(store)
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first_writer():
        with store.writer.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)")
            holding.set()
            release.wait(10)

    def second_writer():
        try:
            store.set_state("probe", "written while the first writer held the file")
        except BaseException as exc:  # noqa: BLE001 - the test reports it below
            errors.append(exc)

    first = threading.Thread(target=first_writer)
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=second_writer)
    second.start()
    second.join(0.3)
    assert second.is_alive() and not errors  # queued behind the first, not failed
    release.set()
    first.join(10)
    second.join(10)
    assert not errors, errors
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
