"""The audit log (append-only) and chat sessions (expiring), on an open connection."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from assistant.store import schema
from assistant.store.jsonable import jsonable


def account_in(payload) -> str | None:
    """The first 'account' name in a payload, breadth first (a verdict's, a draft's, a plan's)."""
    queue = [payload]
    while queue:
        value = queue.pop(0)
        if isinstance(value, dict):
            found = value.get("account")
            if isinstance(found, str) and found.strip():
                return found.strip()[:200]
            queue.extend(value.values())
        elif isinstance(value, list):
            queue.extend(value)
    return None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def append_audit(conn: sa.Connection, at: dt.datetime, kind: str, payload: dict, user: str | None,
                 session_id: str | None, ruleset_version: str | None) -> int:
    plain = jsonable(payload)
    account = account_in(plain)
    result = conn.execute(schema.audit_log.insert().values(
        at=at, kind=kind, user=user, session_id=session_id, ruleset_version=ruleset_version,
        payload=plain, account_key=_key(account) if account else None))
    return result.inserted_primary_key[0]


def audit_entries(conn: sa.Connection, kind: str | None, limit: int, *, user: str | None = None,
                  account: str | None = None, since: dt.datetime | None = None,
                  until: dt.datetime | None = None, kinds: tuple[str, ...] | None = None) -> list[dict]:
    """Newest first. `kind` matches the kind or a prefix of it ("import" matches "import.history");
    `kinds`, any of these exactly; `user` any case; time from `since` (included) to `until` (not)."""
    t = schema.audit_log
    query = sa.select(t).order_by(t.c.id.desc()).limit(limit)
    if kind is not None:
        query = query.where(sa.or_(t.c.kind == kind, t.c.kind.startswith(kind + ".", autoescape=True)))
    if kinds:
        query = query.where(t.c.kind.in_(kinds))
    if user is not None:
        query = query.where(sa.func.lower(t.c.user) == user.strip().lower())
    if account is not None:
        query = query.where(t.c.account_key == _key(account))
    if since is not None:
        query = query.where(t.c.at >= since)
    if until is not None:
        query = query.where(t.c.at < until)
    return [dict(row._mapping) for row in conn.execute(query)]


def audit_entry(conn: sa.Connection, entry_id: int) -> dict | None:
    row = conn.execute(sa.select(schema.audit_log).where(schema.audit_log.c.id == entry_id)).first()
    return dict(row._mapping) if row is not None else None


def session_row(conn: sa.Connection, session_id: str):
    t = schema.chat_sessions
    return conn.execute(sa.select(t.c.state, t.c.expires_at).where(t.c.id == session_id)).first()


def get_session(conn: sa.Connection, session_id: str, now: dt.datetime) -> dict | None:
    t = schema.chat_sessions
    row = conn.execute(sa.select(t).where(t.c.id == session_id)).first()
    if row is None:
        return None
    if row.expires_at <= now:
        conn.execute(t.delete().where(t.c.id == session_id))
        return None
    return row.state


def save_session(conn: sa.Connection, session_id: str, user: str | None, state: dict, ttl_s: int,
                 now: dt.datetime) -> None:
    t = schema.chat_sessions
    values = {"user": user, "state": jsonable(state), "updated_at": now,
              "expires_at": now + dt.timedelta(seconds=ttl_s)}
    # Saving is frequent and cheap to piggy-back on: purge every session that has expired.
    conn.execute(t.delete().where(t.c.expires_at <= now, t.c.id != session_id))
    if conn.execute(t.update().where(t.c.id == session_id).values(**values)).rowcount == 0:
        conn.execute(t.insert().values(id=session_id, **values))
