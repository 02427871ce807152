"""The store on a real PostgreSQL server, started in a temporary directory by the fixture.

Skipped (with the reason) when the PostgreSQL server binaries or the psycopg driver are absent.
Install them with `apt-get install -y postgresql` and `pip install 'psycopg[binary]'`.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.domain import Account
from assistant.importers.errors import ImportProblem


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed (pip install 'psycopg[binary]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install -y postgresql")
    prefix: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as an unprivileged user
        user = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
        if user is None or not shutil.which("runuser"):
            pytest.skip("running as root with no 'postgres' user or no runuser to start PostgreSQL")
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
        prefix = ["runuser", "-u", user, "--"]
    data, port = base / "data", _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, timeout=60)

    run(initdb, "-D", str(data), "-U", "coach", "--auth=trust", "-E", "UTF8", "--no-sync")
    run(pg_ctl, "-D", str(data), "-w", "-t", "30", "-l", str(base / "server.log"), "-o",
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        yield f"postgresql://coach@127.0.0.1:{port}/postgres"  # a bare URL: the store picks psycopg 3
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_migrations_demo_and_imports_on_postgresql(pg_url, tmp_path, monkeypatch):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assistant.store import Store, UnknownAccount, schema

    from assistant.demo.loader import open_store

    settings = Settings(data_dir=tmp_path, database_url=pg_url, load_demo=True)
    store = open_store(settings)
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    loaded = store.count_accounts()
    assert loaded >= 14 and store.catalog().vendor.name == "Northwind Data"
    store.close()
    store = open_store(settings)  # second start: migrations are a no-op, the demo is not loaded again
    assert store.count_accounts() == loaded

    real_dump = Account.model_dump

    def fail_on_third(self, *args, **kwargs):  # the write fails after Acme was updated in the transaction
        if self.name == "Broken":
            raise RuntimeError("connection lost")
        return real_dump(self, *args, **kwargs)

    monkeypatch.setattr(Account, "model_dump", fail_on_third)
    with pytest.raises(RuntimeError):
        store.import_accounts([Account(name="ACME corp", owner="X"), Account(name="New"), Account(name="Broken")])
    monkeypatch.undo()
    assert store.count_accounts() == loaded and store.account("Acme Corp").owner == "Jordan Blake"
    with pytest.raises(ImportProblem, match=r"accounts\[1\].name: longer than 200"):
        store.import_accounts([Account(name="Fine"), Account(name="x" * 201)])
    assert store.import_accounts([Account(name="Zephyr Air", owner="Theo Nakamura"),
                                  Account(name="acme corp", owner="Jordan Blake")]) == {"added": 1, "updated": 1}
    with pytest.raises(UnknownAccount, match="Did you mean: Zephyr Air"):
        store.account("Zephir Air")
    assert store.count_accounts("theo nakamura") >= 2

    store.add_priority("Fjord Bank", "Henrik Dahl", "regulatory compliance", "QBR", dt.date(2026, 10, 2))
    assert store.account("fjord bank").stakeholder("Henrik Dahl").priority_sources["regulatory compliance"].startswith("QBR")
    entry = store.audit("verdict", {"when": dt.date(2026, 11, 16)}, user="theo")
    assert store.audit_entries("verdict")[0]["id"] == entry
    store.save_session("s", "theo", {"turns": 1}, ttl_s=60)
    assert store.get_session("s") == {"turns": 1}
    assert len(store.contract_events("Acme Corp")) >= 1
    store.close()


def test_history_imports_are_idempotent_on_postgresql(pg_url, tmp_path):
    """The natural key holds on PostgreSQL too: re-importing, or importing from four stores at once,
    stores each row once (INSERT ... ON CONFLICT DO NOTHING against the unique row key)."""
    from concurrent.futures import ThreadPoolExecutor

    from assistant.demo.loader import open_store
    from assistant.importers.history import validate_rows
    from assistant.store import Store

    settings = Settings(data_dir=tmp_path, database_url=pg_url, load_demo=True)
    first = open_store(settings)
    before = len(first.health_history())
    rows = validate_rows("health", [{"account": "Acme Corp", "date": f"2024-{m:02d}-01", "nps": str(m)}
                                    for m in range(1, 13)], "h.csv")
    assert first.import_health_history(rows) == 12
    assert first.import_health_history(rows) == 0
    more = validate_rows("health", [{"account": "Acme Corp", "date": f"2023-{m:02d}-01", "nps": str(m)}
                                    for m in range(1, 13)], "h.csv")
    stores = [Store.open(settings) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda s: s.import_health_history(more), stores))
    assert len(first.health_history()) == before + 24
    accounts = [Account(name=f"Pg Newco {i}") for i in range(20)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda s: s.import_accounts(accounts), stores))
    assert sum(1 for name in first.account_names() if name.startswith("Pg Newco")) == 20
    for store in [first, *stores]:
        store.close()


def test_cached_reads_are_fresh_after_another_stores_write_on_postgresql(pg_url, tmp_path):
    """The data version is read with the driver's own SQL on PostgreSQL too: a write through one
    store (one web worker) is seen by the next read of another."""
    from assistant.store import Store

    settings = Settings(data_dir=tmp_path, database_url=pg_url, load_demo=False)
    reader, writer = Store.open(settings), Store.open(settings)
    writer.import_accounts([Account(name="Pg Cached", owner="Jordan Blake")])
    assert reader.account("Pg Cached").owner == "Jordan Blake"
    before = reader.data_version()
    writer.import_accounts([Account(name="Pg Cached", owner="Sam Ortiz")])
    assert reader.data_version() != before
    assert reader.account("Pg Cached").owner == "Sam Ortiz"
    for store in (reader, writer):
        store.close()


def test_failure_audit_windows_are_shared_on_postgresql(pg_url, tmp_path):
    """Two stores (two workers) refusing the same bad token at once on PostgreSQL: every failure
    is accounted for exactly once (a row, or a count carried by one), in one window's rows."""
    from concurrent.futures import ThreadPoolExecutor

    from assistant.store import Store
    from assistant.store.users import SIGN_IN_FAILED, TokenRejected

    settings = Settings(data_dir=tmp_path, database_url=pg_url, load_demo=False, failure_audit_window_s=3600)
    workers = [Store(settings), Store(settings)]
    source = f"10.9.{os.getpid() % 250}.1"

    def refuse(n: int) -> None:
        with pytest.raises(TokenRejected):
            workers[n % 2].users.resolve("coach_" + "z" * 40, "api", source=source)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(refuse, range(40)))
    for worker in workers:
        worker.close()
    reader = Store(settings)
    rows = [r for r in reader.audit_entries(SIGN_IN_FAILED, limit=1000) if r["payload"].get("source") == source]
    reader.close()
    assert len(rows) == 2  # the first at once, the 39 counted when the stores closed
    assert sum(1 if r["payload"].get("repeated") is None else r["payload"]["repeated"] for r in rows) == 40


def test_writes_together_are_one_transaction_on_postgresql(pg_url, tmp_path):
    """One commit for a unit's writes, none of them kept when it fails (test_write_units.py)."""
    from assistant.store import Store
    from tests.store.test_write_units import check_write_units

    store = Store(Settings(data_dir=tmp_path, database_url=pg_url, load_demo=False))
    try:
        check_write_units(store)
    finally:
        store.close()
