"""History tables (contract events, play outcomes, health readings): insert and read.

A row's natural key is its account and all its values (`row_key`, a hash with a unique
constraint): importing the same export twice, or twice at the same moment from two processes,
stores each row once, so the metrics never count revenue twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa

from assistant.store import schema

# kind (as in importers.history.HISTORY_KINDS) -> table and its value columns
TABLES: dict[str, tuple[sa.Table, tuple[str, ...]]] = {
    "contract": (schema.contract_events, ("date", "kind", "product", "amount")),
    "outcomes": (schema.play_outcomes, ("product", "change", "outcome", "date", "amount")),
    "health": (schema.health_history, ("date", "nps", "csat", "open_escalations")),
}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def row_key(account_id: int, values: list) -> str:
    """The natural key (same as migration 0004's frozen copy): account and values, hashed."""
    text = json.dumps([account_id, *[_plain(v) for v in values]], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table):
    """INSERT that skips a row whose natural key is already stored (another process's import)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        return table.insert()
    return insert(table).on_conflict_do_nothing(index_elements=["row_key"])


def insert_rows(conn: sa.Connection, kind: str, rows: list[tuple[int, dict]]) -> int:
    """Insert (account_id, values) pairs that are not stored yet; returns how many were new."""
    table, columns = TABLES[kind]
    new: dict[str, dict] = {}
    for account_id, values in rows:
        key = row_key(account_id, [values.get(c) for c in columns])
        new.setdefault(key, {"account_id": account_id, "row_key": key, **{c: values.get(c) for c in columns}})
    keys = list(new)
    for start in range(0, len(keys), 500):
        query = sa.select(table.c.row_key).where(table.c.row_key.in_(keys[start:start + 500]))
        for stored in conn.execute(query).scalars():
            new.pop(stored, None)
    if new:
        conn.execute(_insert_ignoring_duplicates(conn, table), list(new.values()))
    return len(new)


def read_rows(conn: sa.Connection, kind: str, account_id: int | None) -> list[dict]:
    table, columns = TABLES[kind]
    query = (sa.select(schema.accounts.c.name.label("account"), *(table.c[c] for c in columns))
             .join(schema.accounts, schema.accounts.c.id == table.c.account_id)
             .order_by(table.c.date, schema.accounts.c.name_key, table.c.id))
    if account_id is not None:
        query = query.where(table.c.account_id == account_id)
    return [dict(row._mapping) for row in conn.execute(query)]
