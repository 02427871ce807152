"""Hardening tests: hostile files, impossible values, concurrent processes, kills."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

# A "billion laughs" file of under 500 bytes: 10 levels of 9 aliases, 9**10 strings once expanded.
ALIAS_BOMB = "".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefghi", "bcdefghij")]
)


def subprocess_env(tmp_path: Path, **extra: str) -> dict:
    env = dict(os.environ)
    env.update({"COACH_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1",
                "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")})
    for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
        env.pop(key, None)
    env.update(extra)
    return env


PYTHON = sys.executable


def peak_rss_mb() -> int:
    """This process's own peak resident memory in MiB. Not ru_maxrss: Linux carries that over
    fork and exec, so a child of a pytest that loaded the embedding model reports the parent's peak.
    VmHWM belongs to the address space that exec created."""
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """The CLI in-process (Typer's CliRunner) over a fresh data directory."""
    from typer.testing import CliRunner

    from assistant.cli.main import app

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
        monkeypatch.delenv(key, raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=True)

    return run


@pytest.fixture
def demo_cli(tmp_path, monkeypatch, demo_template):
    """The CLI in-process over a private copy of the demo store."""
    import shutil

    from typer.testing import CliRunner

    from assistant.cli.main import app

    data = tmp_path / "data"
    shutil.copytree(demo_template, data)
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
        monkeypatch.delenv(key, raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=True)

    run.data_dir = data
    return run


def store_counts(data_dir: Path) -> dict:
    """Rows per table and SQLite's own integrity verdict, read with the sqlite3 module."""
    import sqlite3

    conn = sqlite3.connect(data_dir / "coach.sqlite")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                              "AND name NOT LIKE 'sqlite_%' AND name != 'audit_log'")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return counts
    finally:
        conn.close()
