"""The schema comes only from the Alembic migrations shipped in the package."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from assistant.config import Settings
from assistant.store import Store, StoreUnavailable, migrate, schema

TABLES = {"catalog", "accounts", "priority_records", "audit_log", "chat_sessions",
          "contract_events", "play_outcomes", "health_history"}


def test_fresh_sqlite_file_gets_the_schema_at_head(settings):
    db_file = settings.data_dir / "coach.sqlite"
    assert not db_file.exists()
    store = Store(settings)
    assert db_file.exists()
    inspector = sa.inspect(store.engine)
    assert TABLES | {"alembic_version"} <= set(inspector.get_table_names())
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    store.close()


def test_migrations_match_the_table_definitions(store):
    """A change to store/schema.py without a migration (or the reverse) fails here."""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_opening_again_is_a_no_op(settings):
    Store(settings).close()
    again = Store(settings)
    with again.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    again.close()


def test_the_migrations_ship_inside_the_package():
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert list((migrate.MIGRATIONS_DIR / "versions").glob("0001_*.py"))


def test_an_unreachable_database_is_a_clear_error(tmp_path):
    bad = Settings(data_dir=tmp_path, load_demo=False,
                   database_url=f"sqlite:///{tmp_path}/missing-dir/coach.sqlite")
    with pytest.raises(StoreUnavailable, match="cannot open the store"):
        Store(bad)


def test_bare_postgresql_urls_use_psycopg_3():
    from assistant.store.store import _database_url

    assert _database_url("postgresql://u:p@db/coach").drivername == "postgresql+psycopg"
    assert _database_url("postgres://u:p@db/coach").drivername == "postgresql+psycopg"
    assert _database_url("postgresql+psycopg://u:p@db/coach").drivername == "postgresql+psycopg"
    assert _database_url("sqlite:///coach.sqlite").drivername == "sqlite"


def test_fast_head_revision_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
