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
    # The account the entry is about (casefolded), found in the payload when it is written.
    sa.Column("account_key", sa.String(200), index=True),
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
    # The natural key: a hash of the account and every value, so re-importing a row does nothing.
    sa.Column("row_key", sa.String(40), nullable=False),
    sa.CheckConstraint("kind IN ('expansion', 'contraction', 'churn', 'new')", name="ck_contract_events_kind"),
    sa.UniqueConstraint("row_key", name="uq_contract_events_row_key"),
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
    sa.Column("row_key", sa.String(40), nullable=False),
    sa.CheckConstraint("outcome IN ('won', 'lost', 'deferred')", name="ck_play_outcomes_outcome"),
    sa.UniqueConstraint("row_key", name="uq_play_outcomes_row_key"),
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
    sa.Column("row_key", sa.String(40), nullable=False),
    sa.UniqueConstraint("row_key", name="uq_health_history_row_key"),
)

# Markers for start-up work ("demo": loading | loaded), so work killed half-way is redone.
store_state = sa.Table(
    "store_state", metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
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

# Things that must happen once across every worker (Slack): a delivered event answered
# (kind "event", key = Slack's event_id; retries and duplicate deliveries find it taken), a
# channel warned that everyone can read the answers, a thread the coach answers in.
once_marks = sa.Table(
    "once_marks", metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
)

# The weekly digest: what each AM's book looked like when the last digest was sent.
digest_state = sa.Table(
    "digest_state", metadata,
    sa.Column("owner_key", sa.String(200), primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("sent_at", sa.DateTime, nullable=False),
)

# Failed sign-ins and refused tokens counted in the open audit window of their kind
# (store/failure_audit.py): shared by every worker, so a flood writes one audit row per window.
failure_windows = sa.Table(
    "failure_windows", metadata,
    sa.Column("key", sa.String(64), primary_key=True),  # sha256 of (source, method, reason, user)
    sa.Column("source", sa.String(100)),
    sa.Column("method", sa.String(40), nullable=False),
    sa.Column("reason", sa.String(100), nullable=False),
    sa.Column("user_name", sa.String(200)),
    sa.Column("started_at", sa.DateTime, nullable=False, index=True),
    sa.Column("unwritten", sa.Integer, nullable=False),  # counted in this window, not written yet
    sa.Column("carried", sa.Integer),  # what the last failure carries onto its row; NULL: only counted
)
