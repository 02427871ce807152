"""One write transaction at a time per process on SQLite, queued on a Python lock.

SQLite lets one writer hold the file; a second connection that wants to write waits in
SQLite's busy handler, which polls with growing sleeps (up to 100 ms each). A web worker's
threads all write (the audit log, chat sessions) and hold the GIL between statements, so a
waiting writer could sleep through several hand-overs: answers stalled for up to a second
under concurrent load. Queued on a lock, the next writer starts as soon as the last one
commits. Other processes (the CLI beside the server) still meet SQLite's busy timeout.
PostgreSQL locks rows itself: its writes go straight through.

`together()` makes the writes of one unit (a chat turn's session and its audit entry) one
transaction: both kept or neither, one BEGIN and COMMIT instead of two. It begins at the first
write inside it, so the lock is not held while the unit computes before writing.
"""

from __future__ import annotations

import os
import threading
import weakref
from contextlib import ExitStack, contextmanager
from typing import Iterator

import sqlalchemy as sa


class SerialWriter:
    """The engine's write connections (BEGIN IMMEDIATE on SQLite), one at a time per process."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine.execution_options(write=True)
        self._lock = threading.RLock() if engine.dialect.name == "sqlite" else None
        if self._lock is not None and hasattr(os, "register_at_fork"):
            # A child forked while a parent's thread held the lock would wait for it forever.
            ref = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: (w := ref()) is not None and w._renew_lock())
        self._unit = threading.local()  # this thread's open together(): its ExitStack and connection

    def _renew_lock(self) -> None:
        self._lock = threading.RLock()

    @contextmanager
    def _held(self) -> Iterator[None]:
        if self._lock is None:
            yield
            return
        with self._lock:  # re-entrant: a write inside a held write connection of the same thread
            yield

    @contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        unit = getattr(self._unit, "stack", None)
        if unit is None:
            with self._held(), self.engine.begin() as conn:
                yield conn
            return
        if getattr(self._unit, "conn", None) is None:  # the unit's first write: its transaction begins
            unit.enter_context(self._held())
            self._unit.conn = unit.enter_context(self.engine.begin())
        yield self._unit.conn  # no savepoint (it would cost as much as the commit saved): see together()

    @contextmanager
    def together(self) -> Iterator[None]:
        """The writes inside (this thread's) as one transaction, committed at the end; nothing of
        them is kept when the block raises. Nested, it is part of the outer one. A write that fails
        inside fails the unit: let its error out of the block (caught inside, PostgreSQL would
        refuse the unit's later statements, SQLite keep them)."""
        if getattr(self._unit, "stack", None) is not None:
            yield
            return
        try:
            with ExitStack() as stack:
                self._unit.stack = stack
                yield
        finally:
            self._unit.stack = self._unit.conn = None

    @contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        with self._held(), self.engine.connect() as conn:
            yield conn
