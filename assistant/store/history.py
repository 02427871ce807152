"""History tables (contract events, play outcomes, health readings): insert and read.

Imports skip rows already stored (same account and same values), so importing the same export
twice does not double the revenue the metrics count.
"""

from __future__ import annotations

import sqlalchemy as sa

from assistant.store import schema

# kind (as in importers.history.HISTORY_KINDS) -> table and its value columns
TABLES: dict[str, tuple[sa.Table, tuple[str, ...]]] = {
    "contract": (schema.contract_events, ("date", "kind", "product", "amount")),
    "outcomes": (schema.play_outcomes, ("product", "change", "outcome", "date", "amount")),
    "health": (schema.health_history, ("date", "nps", "csat", "open_escalations")),
}


def insert_rows(conn: sa.Connection, kind: str, rows: list[tuple[int, dict]]) -> int:
    """Insert (account_id, values) pairs that are not stored yet; returns how many were new."""
    table, columns = TABLES[kind]
    ids = sorted({account_id for account_id, _ in rows})
    existing = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = sa.select(table.c.account_id, *(table.c[c] for c in columns)).where(table.c.account_id.in_(chunk))
        existing.update(tuple(row) for row in conn.execute(query))
    new = []
    for account_id, values in rows:
        key = (account_id, *(values.get(c) for c in columns))
        if key in existing:
            continue
        existing.add(key)
        new.append({"account_id": account_id, **{c: values.get(c) for c in columns}})
    if new:
        conn.execute(table.insert(), new)
    return len(new)


def read_rows(conn: sa.Connection, kind: str, account_id: int | None) -> list[dict]:
    table, columns = TABLES[kind]
    query = (sa.select(schema.accounts.c.name.label("account"), *(table.c[c] for c in columns))
             .join(schema.accounts, schema.accounts.c.id == table.c.account_id)
             .order_by(table.c.date, schema.accounts.c.name_key, table.c.id))
    if account_id is not None:
        query = query.where(table.c.account_id == account_id)
    return [dict(row._mapping) for row in conn.execute(query)]
