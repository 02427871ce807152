"""Slack: once-marks (events answered, channels warned, threads answered) and digest state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "once_marks",
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_once_marks_at", "once_marks", ["at"])
    op.create_table(
        "digest_state",
        sa.Column("owner_key", sa.String(200), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("digest_state")
    op.drop_index("ix_once_marks_at", table_name="once_marks")
    op.drop_table("once_marks")
