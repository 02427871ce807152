"""Run the Alembic migrations shipped inside the package, with a Config built in code.

The schema is never created any other way (no metadata.create_all), so a database is always at
a known revision. Several processes starting at once on a new store take turns: on PostgreSQL
an advisory lock, on SQLite a file lock next to the database file (`coach.sqlite.lock`). The
migration runs in one transaction (DDL included, see store._create_engine), so a process killed
mid-way leaves the previous revision and the next start simply runs it again.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Any constant works; it only has to be the same for every instance of the app.
_PG_LOCK_KEY = 7_301_944_112


_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*["\']?([\w-]+|None)["\']?', re.M)


def alembic_config(connection: sa.Connection | None = None, url: str | None = None):
    # alembic is imported only when a migration has to run: it costs ~0.3 s of start-up.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest revision, read from the version files without importing alembic."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def file_lock(url: sa.URL, timeout_s: float = 120):
    """For a SQLite file: an OS lock on `<database>.lock`, released even when the process is killed."""
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:") \
            or not Path(database).parent.is_dir():  # no folder: SQLite's own error says so
        yield
        return
    from filelock import FileLock, Timeout

    lock = FileLock(f"{database}.lock", timeout=timeout_s)
    try:
        lock.acquire()
    except Timeout:
        from assistant.store.errors import StoreUnavailable

        raise StoreUnavailable(f"another process has held {database}.lock for {timeout_s:.0f} s while "
                               "creating or migrating the store; try again") from None
    try:
        yield
    finally:
        lock.release()


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
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
    connection.commit()
