"""The store's tables (SQLAlchemy Core). The database schema itself is created only by the
Alembic migrations in `assistant/migrations/`; a test checks that they match these tables.

Names are matched case-insensitively through `*_key` columns holding the casefolded name, so
the unique index works the same on SQLite and PostgreSQL. Timestamps are naive UTC.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# The whole Catalog as one JSON document: it is small and always read whole.
catalog = sa.Table(
    "catalog", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_key", sa.String(200), nullable=False, unique=True),
    sa.Column("owner", sa.String(200)),
    sa.Column("owner_key", sa.String(200), index=True),
    sa.Column("snapshot", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

# Executive priorities recorded by the AM ("whose goal does this advance?"), merged into the
# stakeholders of the account snapshot when the account is read.
priority_records = sa.Table(
    "priority_records", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("priority", sa.String(300), nullable=False),
    sa.Column("source", sa.String(300)),
    sa.Column("stated_on", sa.Date),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("kind", sa.String(100), nullable=False, index=True),
    sa.Column("user", sa.String(200)),
    sa.Column("session_id", sa.String(200)),
    sa.Column("ruleset_version", sa.String(100)),
    sa.Column("payload", sa.JSON, nullable=False),
)

chat_sessions = sa.Table(
    "chat_sessions", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("user", sa.String(200)),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False, index=True),
)

# History for the quarterly plan and the metrics (expansion revenue, NRR, retention).
contract_events = sa.Table(
    "contract_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("product", sa.String(200)),
    sa.Column("amount", sa.Float),
    sa.CheckConstraint("kind IN ('expansion', 'contraction', 'churn', 'new')", name="ck_contract_events_kind"),
)

play_outcomes = sa.Table(
    "play_outcomes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("product", sa.String(200), nullable=False),
    sa.Column("change", sa.String(40)),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("amount", sa.Float),
    sa.CheckConstraint("outcome IN ('won', 'lost', 'deferred')", name="ck_play_outcomes_outcome"),
)

health_history = sa.Table(
    "health_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("nps", sa.Float),
    sa.Column("csat", sa.Float),
    sa.Column("open_escalations", sa.Integer),
)

# People who sign in to the web app, the JSON API or Slack. `role` scopes what they see
# (assistant/access.py); passwords are argon2 hashes; repeated failures lock the account.
users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_key", sa.String(200), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(300)),
    sa.Column("slack_user_id", sa.String(50), unique=True),
    sa.Column("failed_signins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.CheckConstraint("role IN ('am', 'manager', 'admin')", name="ck_users_role"),
)

# Bearer tokens for the API (kind 'api') and browser sessions (kind 'session'): only a hash of
# the secret is kept, so a copy of the database lets nobody sign in.
api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(128), nullable=False, unique=True),
    sa.Column("label", sa.String(200)),
    sa.Column("csrf_token", sa.String(128)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False, index=True),
    sa.Column("revoked_at", sa.DateTime),
    sa.CheckConstraint("kind IN ('api', 'session')", name="ck_api_tokens_kind"),
)
