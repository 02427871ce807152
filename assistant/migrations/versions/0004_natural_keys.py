"""Natural keys for history rows (an import is idempotent, even run twice at once), the
store_state table (markers for start-up work such as the demo load, so a kill mid-way recovers)
and the account an audit entry is about (`coach audit list --account`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of assistant.store.history: a migration must not change when the app does.
_VALUES = {
    "contract_events": ("date", "kind", "product", "amount"),
    "play_outcomes": ("product", "change", "outcome", "date", "amount"),
    "health_history": ("date", "nps", "csat", "open_escalations"),
}
_TYPES = {"date": sa.Date, "kind": sa.String, "product": sa.String, "amount": sa.Float, "change": sa.String,
          "outcome": sa.String, "nps": sa.Float, "csat": sa.Float, "open_escalations": sa.Integer}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def _row_key(account_id: int, values: list) -> str:
    text = json.dumps([account_id, *[_plain(v) for v in values]], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _account_in(payload):
    """The first 'account' name in an audit payload (frozen copy of assistant.store.log)."""
    stack = [payload]
    while stack:
        value = stack.pop(0)
        if isinstance(value, dict):
            found = value.get("account")
            if isinstance(found, str) and found.strip():
                return found.strip()[:200]
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("account_key", sa.String(200)))
        batch.create_index("ix_audit_log_account_key", ["account_key"])
    conn = op.get_bind()
    audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("payload", sa.JSON),
                     sa.column("account_key", sa.String))
    for row in conn.execute(sa.select(audit.c.id, audit.c.payload)).all():
        account = _account_in(row.payload)
        if account:
            conn.execute(audit.update().where(audit.c.id == row.id)
                         .values(account_key=" ".join(account.split()).casefold()))
    op.create_table(
        "store_state",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    for name, columns in _VALUES.items():
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("row_key", sa.String(40)))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("account_id", sa.Integer),
                         sa.column("row_key", sa.String), *(sa.column(c, _TYPES[c]) for c in columns))
        seen: set[str] = set()
        duplicates = []
        rows = conn.execute(sa.select(table.c.id, table.c.account_id, *(table.c[c] for c in columns))
                            .order_by(table.c.id)).all()
        for row in rows:
            key = _row_key(row.account_id, [row._mapping[c] for c in columns])
            if key in seen:
                duplicates.append(row.id)  # an earlier double import: keep the first copy
                continue
            seen.add(key)
            conn.execute(table.update().where(table.c.id == row.id).values(row_key=key))
        for start in range(0, len(duplicates), 500):
            conn.execute(table.delete().where(table.c.id.in_(duplicates[start:start + 500])))
        with op.batch_alter_table(name) as batch:
            batch.alter_column("row_key", existing_type=sa.String(40), nullable=False)
            batch.create_unique_constraint(f"uq_{name}_row_key", ["row_key"])


def downgrade() -> None:
    for name in _VALUES:
        with op.batch_alter_table(name) as batch:
            batch.drop_constraint(f"uq_{name}_row_key", type_="unique")
            batch.drop_column("row_key")
    op.drop_table("store_state")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_account_key")
        batch.drop_column("account_key")
