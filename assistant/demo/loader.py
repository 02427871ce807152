"""The demo portfolio (the files next to this module): loaded into an empty store on first run.

The store only stores; this is the first-run step above it (`open_store`, which the Coach
uses). "Empty" means no catalog and no account, so a store the user has filled is never
touched, and opening it again does not load the demo twice. COACH_LOAD_DEMO=false starts empty.

A marker in store_state ("demo": loading, then loaded) makes the load recoverable: every step is
idempotent (accounts upsert, catalog replace, history by natural key, priorities upsert), so a
process killed half-way leaves "loading" and the next start simply runs the load again. The
load runs under the start-up locks (a file lock next to a SQLite file, an advisory lock on
PostgreSQL), so concurrent first runs wait for the first instead of seeing half a demo.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

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
    store.replace_catalog(read_catalog(demo_dir / "catalog.yaml"))
    accounts, _ = read_accounts(demo_dir / "accounts.yaml")
    counts = store.import_accounts(accounts)
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


def load_demo_if_needed(store: Store) -> bool:
    """Load the demo into a new store, or finish a load that was killed; True when it loaded."""
    if store.get_state("demo") == "loaded":
        return False
    with migrate.file_lock(store.engine.url), store.writer.connect() as conn, migrate.startup_lock(conn):
        state = store.get_state("demo")
        if state == "loaded" or state is None and not is_empty(store):
            return False
        store.set_state("demo", "loading")
        load_demo(store)
        store.set_state("demo", "loaded")
    return True


# The name other callers use.
load_demo_if_empty = load_demo_if_needed


def open_store(settings: Settings, **options) -> Store:
    """The store, with the demo portfolio loaded into it on first run (settings.load_demo)."""
    store = Store(settings, **options)
    if settings.load_demo:
        load_demo_if_needed(store)
    return store
