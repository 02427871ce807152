"""Run the real `coach` console script against a data directory in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

SHARED_SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"
COACH = Path(sys.executable).with_name("coach")


@pytest.fixture
def coach_env(tmp_path):
    env = dict(os.environ)
    env.update({"COACH_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"})
    for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
        env.pop(key, None)
    return env


@pytest.fixture
def coach(coach_env):
    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(COACH), *args], capture_output=True, text=True, env=coach_env,
                              input=input, timeout=300)

    return run
