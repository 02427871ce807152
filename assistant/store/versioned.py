"""The store's data version, and reads cached under it.

Every write to the data an answer is computed from (accounts, catalog, priorities, history)
sets a new data version (a random token in `store_state`) in its own transaction. A cached read
first reads the version (one primary-key lookup on a raw pooled connection, tens of
microseconds on SQLite) and throws the whole cache away when it changed, so the next read
after any write, by this process or another worker sharing the database, is fresh. Audit
entries, chat sessions, users and tokens do not change the version: they do not change answers.

Cached values are the stored documents (plain JSON), never the models built from them, so a
caller that changes a returned Account or Catalog changes only its own copy.

`one_version()` lets the reads of one short unit of work (understanding a chat message: its
catalog, names and accounts) share one version read instead of one each: what they read is
as of the unit's start, as a transaction's snapshot would be. A write through this process that
changes the version ends the sharing at once (the next read reads the version again).
"""

from __future__ import annotations

import itertools
import secrets
import threading
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, TypeVar

import sqlalchemy as sa

from assistant.store import schema

KEY = "data_version"
T = TypeVar("T")
# The key is a constant, so the statement needs no parameters (the same text for every driver).
_READ = f"SELECT value FROM {schema.store_state.name} WHERE key = '{KEY}'"
# Counts this process's version bumps: a version shared by one_version() is read again after one.
_bumps = itertools.count()
_last_bump = [next(_bumps)]
# The versions shared in this thread (or task) by one_version(): cache id -> (version, bumps seen then)
_SHARED: ContextVar[dict | None] = ContextVar("versioned_shared", default=None)


def _insert_ignoring_conflict(conn: sa.Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(schema.store_state).on_conflict_do_nothing(index_elements=["key"])


def ensure(conn: sa.Connection, now) -> None:
    """Create the version row if the store has none (idempotent, safe with several workers)."""
    conn.execute(_insert_ignoring_conflict(conn).values(key=KEY, value=secrets.token_hex(8), updated_at=now))


def bump(conn: sa.Connection, now) -> None:
    """A new data version, inside the write's own transaction (so it commits or rolls back with it)."""
    t = schema.store_state
    _last_bump[0] = next(_bumps)  # (before the write: a shared version is not trusted from here on)
    token = secrets.token_hex(8)
    if conn.execute(t.update().where(t.c.key == KEY).values(value=token, updated_at=now)).rowcount == 0:
        conn.execute(_insert_ignoring_conflict(conn).values(key=KEY, value=token, updated_at=now))


def read(engine: sa.Engine) -> str | None:
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(_READ)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return row[0] if row else None
    finally:
        connection.close()  # back to the pool, which rolls back any implicit transaction


class VersionedCache:
    """Values loaded once per data version, the `size` most recently used kept (a big book's
    accounts do not all stay in memory); thread-safe (the web server reads from threads)."""

    def __init__(self, engine: sa.Engine, size: int = 4096):
        self.engine, self.size = engine, size
        self._lock = threading.Lock()
        self._version: str | None = None
        self._values: OrderedDict = OrderedDict()

    @contextmanager
    def one_version(self) -> Iterator[None]:
        """The reads inside (this thread's or task's) read the data version once, at the first of
        them, not once each. Nested, it is part of the outer one. For reads: a write through this
        process that changes the version makes the next read inside read it again (a unit of writes,
        SerialWriter.together(), commits only at its end: do not share a version across one)."""
        shared = _SHARED.get()
        if shared is not None and id(self) in shared:
            yield
            return
        token = _SHARED.set({**(shared or {}), id(self): None})
        try:
            yield
        finally:
            _SHARED.reset(token)

    def _current_version(self) -> str | None:
        shared = _SHARED.get()
        if shared is None or id(self) not in shared:
            return read(self.engine)
        seen = shared[id(self)]
        if seen is not None and seen[1] == _last_bump[0]:
            return seen[0]
        bumps = _last_bump[0]
        version = read(self.engine)
        shared[id(self)] = (version, bumps)
        return version

    def get(self, key, load: Callable[[], T]) -> T:
        version = self._current_version()
        with self._lock:
            if version != self._version:
                self._values.clear()
                self._version = version
            if version is not None and key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        # Loaded after the version was read: the value is at least as new as that version.
        value = load()
        with self._lock:
            if version is not None and self._version == version:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._version = None
