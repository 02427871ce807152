"""Real server processes for tests: start on a free loopback port, wait until ready, stop."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(proc: subprocess.Popen, timeout: float) -> None:
    """Ask a server to stop; kill it if it has not within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _answers(url: str, accept: Callable[[bytes], bool]) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return accept(response.read())
    except OSError:
        return False


@contextmanager
def server_process(command: list[str], ready_url: str, log: Path, *, startup_s: float,
                   env: dict | None = None, accept: Callable[[bytes], bool] = lambda body: True,
                   ) -> Iterator[subprocess.Popen]:
    """Run `command` until `ready_url` answers (and `accept` likes the body); fail with its log.
    Yields the process."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    name = Path(command[0]).name if len(command) < 3 else " ".join(command[:3])
    try:
        deadline = time.monotonic() + startup_s
        while not _answers(ready_url, accept):
            if proc.poll() is not None:
                pytest.fail(f"{name} exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"{name} did not answer {ready_url} within {startup_s:.0f} s:\n"
                            f"{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield proc
    finally:
        stop(proc, timeout=20)
