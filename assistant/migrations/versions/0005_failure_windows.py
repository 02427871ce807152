"""Failure-audit windows shared by every worker (store/failure_audit.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "failure_windows",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(100)),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("user_name", sa.String(200)),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("unwritten", sa.Integer, nullable=False),
        sa.Column("carried", sa.Integer),
    )
    op.create_index("ix_failure_windows_started_at", "failure_windows", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_failure_windows_started_at", table_name="failure_windows")
    op.drop_table("failure_windows")
