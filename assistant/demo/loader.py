"""The demo portfolio (the files next to this module): loaded into an empty store on first run.

The store only stores; this is the first-run step above it (`open_store`, which the Coach
uses). "Empty" means no catalog and no account, so a store the user has filled is never
touched, and opening it again does not load the demo twice. COACH_LOAD_DEMO=false starts empty.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from assistant.config import Settings
from assistant.importers.catalog import read_catalog
from assistant.importers.history import read_history_csv
from assistant.importers.snapshot import read_accounts
from assistant.store import Store, migrate

DEMO_DIR = Path(__file__).resolve().parent
HISTORY_FILES = {"contract": "contract_events.csv", "outcomes": "play_outcomes.csv",
                 "health": "health_history.csv"}


def is_empty(store: Store) -> bool:
    return store.count_accounts() == 0 and not store.catalog().products


def load_demo(store: Store, demo_dir: Path = DEMO_DIR) -> dict:
    """Load catalog, accounts, history and recorded priorities; returns what was loaded."""
    accounts, _ = read_accounts(demo_dir / "accounts.yaml")
    counts = store.import_accounts(accounts)
    store.replace_catalog(read_catalog(demo_dir / "catalog.yaml"))
    importers = {"contract": store.import_contract_events, "outcomes": store.import_play_outcomes,
                 "health": store.import_health_history}
    for kind, filename in HISTORY_FILES.items():
        rows, labels = read_history_csv(demo_dir / filename, kind)
        counts[kind] = importers[kind](rows, source=str(demo_dir / filename), labels=labels)
    counts["priorities"] = 0
    with open(demo_dir / "priorities.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stated = dt.date.fromisoformat(row["stated_on"]) if row.get("stated_on") else None
            store.add_priority(row["account"], row["person"], row["priority"], row.get("source") or None, stated)
            counts["priorities"] += 1
    return counts


def load_demo_if_empty(store: Store) -> bool:
    # The start-up lock (PostgreSQL) makes a second app instance wait until the first has
    # loaded all of it, instead of seeing half a demo.
    with store.engine.connect() as conn, migrate.startup_lock(conn):
        if not is_empty(store):
            return False
        try:
            load_demo(store)
        except sa.exc.IntegrityError:
            # Another process loaded it at the same moment (SQLite has no start-up lock).
            if is_empty(store):
                raise
            return False
    return True


def open_store(settings: Settings, **options) -> Store:
    """The store, with the demo portfolio loaded into it on first run (settings.load_demo)."""
    store = Store(settings, **options)
    if settings.load_demo:
        load_demo_if_empty(store)
    return store
