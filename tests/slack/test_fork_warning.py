"""The answer processes are forked while the web process has idle threads (the event loop's,
its thread pool's): Python 3.12+ warns about that at every fork. assistant/slack/workers.py
says why this fork is safe and silences that warning around it, and only there."""

from __future__ import annotations

import os
import threading
import warnings
from types import SimpleNamespace

import pytest

from assistant.config import Settings
from assistant.slack import workers

MESSAGE = "This process (pid={pid}) is multi-threaded, use of fork() may lead to deadlocks in the child."


@pytest.fixture
def fork_warns_as_on_312(monkeypatch):
    """os.fork as Python 3.12 has it: the parent warns when other threads are alive (on 3.12+
    the real one warns as well)."""
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid and threading.active_count() > 1:
            warnings.warn(MESSAGE.format(pid=os.getpid()), DeprecationWarning, stacklevel=2)
        return pid

    monkeypatch.setattr(os, "fork", fork)


def test_forking_the_answer_processes_beside_idle_threads_does_not_warn(tmp_path, fork_warns_as_on_312):
    idle = threading.Event()
    waiting = threading.Thread(target=idle.wait, name="idle-pool-worker", daemon=True)
    waiting.start()  # stands for the event loop's thread and the thread pool's idle workers
    coach = SimpleNamespace(warm_up=lambda **_: None, after_fork=lambda: None)  # what the runner calls
    runner = workers.CoachRunner(Settings(data_dir=tmp_path, warm_up=False), coach, processes=1)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            runner.start()
            assert runner.pool.submit(os.getpid).result(timeout=60) != os.getpid()
        assert not [w for w in caught if "multi-threaded" in str(w.message)]
    finally:
        runner.close()
        idle.set()


def test_the_same_warning_elsewhere_is_left_alone(fork_warns_as_on_312):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with workers._forking_knowingly():
            pass
        warnings.warn(MESSAGE.format(pid=1), DeprecationWarning)
    assert len(caught) == 1
