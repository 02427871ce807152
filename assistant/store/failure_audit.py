"""At most one audit row per kind of failed authentication per source and window.

A flood of bad tokens or wrong passwords from one source would otherwise write one audit row
each. The first failure of a kind (source, method, reason, the user when known) in a window is
written at once; the ones after it in the same window are only counted, and their number is
written later as `repeated` on the next row of that kind, or on a row of its own when the window
has closed (at the next failed authentication of any kind, or when the store closes).

The windows live in the store (table failure_windows), so every web worker and host on one
database shares them: one row per kind and window for the whole deployment, not one per worker.
Each decision is one atomic statement (an upsert, a delete with RETURNING), so two workers
counting the same kind at once neither lose a failure nor write a count twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Callable

import sqlalchemy as sa

from assistant.store import schema

Kind = tuple[str | None, str, str, str | None]  # (source, method, reason, user when known)


def _key(kind: Kind) -> str:
    return hashlib.sha256(json.dumps(list(kind)).encode("utf-8")).hexdigest()


def _insert(conn: sa.Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - the store supports these two
        raise NotImplementedError(f"failure windows on {conn.dialect.name}")
    return insert(schema.failure_windows)


class FailureWindows:
    def __init__(self, window_s: float, now: Callable[[], dt.datetime]):
        self.window = dt.timedelta(seconds=window_s)
        self._now = now

    def admit(self, conn: sa.Connection, kind: Kind) -> int | None:
        """None: counted, write nothing. Otherwise write a row now, carrying this many earlier
        failures of the same kind that were counted but not written. Runs in the caller's
        transaction (the audit row it decides about is written there too)."""
        if self.window <= dt.timedelta(0):
            return 0
        now = self._now()
        t = schema.failure_windows
        # SET expressions read the row as it was: open window -> count it (carried NULL);
        # closed window -> start a new one, carrying the old count.
        is_open = t.c.started_at > sa.literal(now - self.window, sa.DateTime)
        source, method, reason, user = kind
        statement = _insert(conn).values(key=_key(kind), source=source, method=method, reason=reason,
                                         user_name=user, started_at=now, unwritten=0, carried=0)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_={
            "unwritten": sa.case((is_open, t.c.unwritten + 1), else_=0),
            "carried": sa.case((is_open, sa.null()), else_=t.c.unwritten),
            "started_at": sa.case((is_open, t.c.started_at), else_=sa.literal(now, sa.DateTime)),
        }).returning(t.c.carried)
        return conn.execute(statement).scalar_one()

    def closed(self, conn: sa.Connection, *, everything: bool = False) -> list[tuple[Kind, int]]:
        """The kinds whose window has ended (or every kind) with failures still unwritten, and
        how many. Their windows are deleted in the same statement, so one caller writes them once."""
        t = schema.failure_windows
        ended = sa.true() if everything else t.c.started_at <= sa.literal(self._now() - self.window, sa.DateTime)
        rows = conn.execute(t.delete().where(ended).returning(t.c.source, t.c.method, t.c.reason, t.c.user_name,
                                                               t.c.unwritten)).all()
        found = [((row.source, row.method, row.reason, row.user_name), row.unwritten) for row in rows if row.unwritten]
        return sorted(found, key=lambda item: json.dumps(list(item[0])))  # a stable order to write them in
