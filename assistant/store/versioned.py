"""The store's data version, and reads cached under it.

Every write to the data an answer is computed from (accounts, catalog, priorities, history)
sets a new data version (a random token in `store_state`) in its own transaction. A cached read
first reads the version (one primary-key lookup on a raw pooled connection, tens of
microseconds on SQLite) and throws the whole cache away when it changed, so the next read
after any write, by this process or another worker sharing the database, is fresh. Audit
entries, chat sessions, users and tokens do not change the version: they do not change answers.

Cached values are the stored documents (plain JSON), never the models built from them, so a
caller that changes a returned Account or Catalog changes only its own copy.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Callable, TypeVar

import sqlalchemy as sa

from assistant.store import schema

KEY = "data_version"
T = TypeVar("T")
# The key is a constant, so the statement needs no parameters (the same text for every driver).
_READ = f"SELECT value FROM {schema.store_state.name} WHERE key = '{KEY}'"


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

    def get(self, key, load: Callable[[], T]) -> T:
        version = read(self.engine)
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
