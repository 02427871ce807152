"""A data directory with the demo portfolio loaded, built once per test session, and copies of it.

Loading the demo into a fresh SQLite store (the migrations, then the catalog, 15 accounts and
their history) takes a second or two; copying the finished file takes milliseconds. Tests that
need a demo world but do not test the first-run load itself open a private copy: the store is
still real SQLite, migrated on open like any store, and nothing a test writes reaches the
template or another test. The first-run load is tested where it is the subject (tests/store/
test_demo.py, test_postgres.py, the CLI's `coach demo`).

The demo is loaded once per test session (the `demo_template` fixture of tests/conftest.py, at
`LOADED_AT` by the store's clock); a world with more accounts is a copy of it with them imported.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from assistant.config import Settings
from assistant.demo.loader import open_store
from assistant.domain import Account

LOADED_AT = dt.datetime(2026, 11, 3, 9, 0)  # the tests' start time (tests/conversation/conftest.py's clock)


def build_demo_template(directory: Path, *, accounts: tuple[dict, ...] = (), clock=None) -> Path:
    """Load the demo (plus `accounts`) into a new store in `directory`, close it, return the directory.

    `clock` is the store's clock while loading: give the tests' own start time, so that a copy
    holds exactly what a fresh load by the test would have written.
    """
    store = open_store(Settings(data_dir=directory, load_demo=True, database_url=None), clock=clock)
    try:
        if accounts:
            store.import_accounts([Account.model_validate(a) for a in accounts])
    finally:
        store.close()
    return directory


def copy_demo(template: Path, data_dir: Path) -> Path:
    """A private copy of the template's files in `data_dir` (which may exist, empty or not)."""
    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    return data_dir


def demo_with_accounts(template: Path, directory: Path, accounts: tuple[dict, ...], *, clock=None) -> Path:
    """A copy of the demo template in `directory` with `accounts` imported (by `clock`), closed."""
    copy_demo(template, directory)
    store = open_store(Settings(data_dir=directory, load_demo=True, database_url=None), clock=clock)
    try:
        store.import_accounts([Account.model_validate(a) for a in accounts])
    finally:
        store.close()
    return directory
