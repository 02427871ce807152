"""benchmarks/bench_slack.py stops the server it started when start-up fails (no process left)."""

from __future__ import annotations

import sys

import pytest

from benchmarks.bench_slack import Server
from tests.support.servers import free_port


def test_a_server_that_never_listens_is_stopped_when_start_up_gives_up():
    server = Server({}, free_port(), startup_s=1)
    server.command = [sys.executable, "-c", "import time; time.sleep(120)"]  # runs, never listens
    with pytest.raises(TimeoutError, match="did not listen"):
        with server:
            pytest.fail("start-up should have given up")
    assert server.process.poll() is not None, "the server process was left running"
    assert server.log.closed
