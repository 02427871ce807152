"""Run the Alembic migrations shipped inside the package, with a Config built in code.

The schema is never created any other way (no metadata.create_all), so a database is always at
a known revision. On PostgreSQL an advisory lock keeps several app instances starting at once
from migrating (and loading the demo) concurrently.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Any constant works; it only has to be the same for every instance of the app.
_PG_LOCK_KEY = 7_301_944_112


def alembic_config(connection: sa.Connection | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def startup_lock(connection: sa.Connection):
    """Serialise start-up work across processes where the database supports it."""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": _PG_LOCK_KEY})
    connection.commit()
    try:
        yield
    finally:
        connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LOCK_KEY})
        connection.commit()


def upgrade(connection: sa.Connection) -> None:
    """`alembic upgrade head` on this connection (a no-op when already at head)."""
    if current_revision(connection) == head_revision():
        connection.rollback()  # end the read transaction the check began
        return
    command.upgrade(alembic_config(connection), "head")
    connection.commit()
