"""A built wheel is self-contained: installed outside the checkout, `coach demo` runs from any
directory (rules/, knowledge/ and prompts/ ship inside the package, setup.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _checkout_copy(target: Path) -> Path:
    """The tracked files of the checkout (as they are now), so the build leaves the checkout clean."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT_ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = PROJECT_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _without_pythonpath() -> dict[str, str]:
    """The caller's environment without PYTHONPATH: run with PYTHONPATH at a checkout that holds an
    editable install's egg-info, pip would take the project for installed already and skip the wheel."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_the_wheel_runs_coach_demo_outside_the_checkout(tmp_path):
    source = _checkout_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    pip_env = _without_pythonpath()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(source)], env=pip_env, check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("expansion_coach-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               env=pip_env, capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies come from the shared environment (appended after the new venv's own
    # site-packages, so the wheel's `assistant` wins over any editable install).
    (site / "shared-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], env=pip_env, check=True, capture_output=True, timeout=300)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in pip_env.items() if not k.startswith("COACH_")}
    env.update(COACH_DATA_DIR=str(tmp_path / "data"), HF_HUB_OFFLINE="1")
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import assistant; print(assistant.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site)), f"imported the checkout, not the wheel: {where}"
    demo = subprocess.run([str(venv / "bin" / "coach"), "demo", "--today", "2026-05-12"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr
    assert "# Quarterly expansion plan" in demo.stdout and "Talk track for Acme Corp" in demo.stdout
