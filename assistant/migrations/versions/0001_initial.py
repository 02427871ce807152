"""The initial schema: catalog, accounts, priority records, audit log, chat sessions, history.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _account_fk() -> sa.Column:
    return sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "catalog",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(200)),
        sa.Column("owner_key", sa.String(200)),
        sa.Column("snapshot", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("name_key"),
    )
    op.create_index("ix_accounts_owner_key", "accounts", ["owner_key"])
    op.create_table(
        "priority_records",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_fk(),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("priority", sa.String(300), nullable=False),
        sa.Column("source", sa.String(300)),
        sa.Column("stated_on", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_priority_records_account_id", "priority_records", ["account_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("user", sa.String(200)),
        sa.Column("session_id", sa.String(200)),
        sa.Column("ruleset_version", sa.String(100)),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_kind", "audit_log", ["kind"])
    op.create_table(
        "chat_sessions",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("user", sa.String(200)),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_chat_sessions_expires_at", "chat_sessions", ["expires_at"])
    op.create_table(
        "contract_events",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("product", sa.String(200)),
        sa.Column("amount", sa.Float),
        sa.CheckConstraint("kind IN ('expansion', 'contraction', 'churn', 'new')", name="ck_contract_events_kind"),
    )
    op.create_index("ix_contract_events_account_id", "contract_events", ["account_id"])
    op.create_table(
        "play_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_fk(),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("change", sa.String(40)),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("amount", sa.Float),
        sa.CheckConstraint("outcome IN ('won', 'lost', 'deferred')", name="ck_play_outcomes_outcome"),
    )
    op.create_index("ix_play_outcomes_account_id", "play_outcomes", ["account_id"])
    op.create_table(
        "health_history",
        sa.Column("id", sa.Integer, primary_key=True),
        _account_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("nps", sa.Float),
        sa.Column("csat", sa.Float),
        sa.Column("open_escalations", sa.Integer),
    )
    op.create_index("ix_health_history_account_id", "health_history", ["account_id"])


def downgrade() -> None:
    for table in ("health_history", "play_outcomes", "contract_events", "chat_sessions",
                  "audit_log", "priority_records", "accounts", "catalog"):
        op.drop_table(table)
