"""Once-marks and digest state: small tables the Slack app and the digest keep in the store.

`claim(store, kind, key)` inserts a row under a primary key and reports whether this caller was
the first: the database's unique constraint decides, so it holds across worker processes and
hosts sharing one database (a retried Slack event finds its event_id taken).

Times are the store's clock (`Store.now`, injected in tests), so a mark's age moves with it.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from assistant.store import schema


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def claim(store, kind: str, key: str) -> bool:
    """True for the first caller with this (kind, key), False for every later one."""
    try:
        with store.writer.begin() as conn:
            conn.execute(schema.once_marks.insert().values(kind=kind, key=key, at=store.now()))
        return True
    except sa.exc.IntegrityError:
        return False


def claimed(store, kind: str, key: str) -> bool:
    t = schema.once_marks
    with store.engine.connect() as conn:
        return conn.execute(sa.select(t.c.key).where(t.c.kind == kind, t.c.key == key)).first() is not None


def forget_before(store, kind: str, before: dt.datetime) -> int:
    """Drop old marks of one kind (Slack retries come within minutes; events need not stay)."""
    t = schema.once_marks
    with store.writer.begin() as conn:
        return conn.execute(t.delete().where(t.c.kind == kind, t.c.at < before)).rowcount


def forget_older_than(store, kind: str, age: dt.timedelta) -> int:
    """Drop the marks of one kind made more than `age` ago by the store's clock."""
    return forget_before(store, kind, store.now() - age)


def digest_state(store, owner: str) -> tuple[dict | None, dt.datetime | None]:
    """The state saved with the owner's last digest and when it was sent (None, None: never)."""
    t = schema.digest_state
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.c.state, t.c.sent_at).where(t.c.owner_key == _key(owner))).first()
    return (row.state, row.sent_at) if row else (None, None)


def save_digest_state(store, owner: str, state: dict) -> None:
    t = schema.digest_state
    with store.writer.begin() as conn:
        conn.execute(t.delete().where(t.c.owner_key == _key(owner)))
        conn.execute(t.insert().values(owner_key=_key(owner), owner=owner, state=state, sent_at=store.now()))
