"""Where Coach calls run while the event loop keeps acking Slack: worker processes by default.

The coach is synchronous and CPU-bound (rules, lift search, drafting). Run in threads of the
web process, it would hold the GIL while Slack waits for its 3-second ack; in worker processes
the event loop only does I/O. `slack_processes = 0` runs them in threads instead (one process,
e.g. tests that replace a Coach method).

The worker processes are forked from the web process once it is warm (`start`, which the web
app's lifespan runs before the server takes requests): each inherits the Coach the web process
warmed, with the embedding model's weights, the rules and the examples' vectors, and shares
their memory pages copy-on-write instead of loading a copy of its own
(benchmarks/bench_memory.py). What a fork must not share is reset in the child (`_adopt`): the
store's pooled database connections, the server's signal handlers, torch's threads (one); and
a worker exits if its web process is killed (it would hold on to the server's port). The fork
happens before the first request, so the web process's other threads (idle thread pools) hold
no lock a child could need; Chroma is opened later, in each process by itself. The inherited
encoder must own no thread pool: the warm-up makes it with one thread (reading by meaning's
`encode_threads`), so ONNX Runtime runs on the calling thread; torch is kept to one.

Python 3.12+ warns (DeprecationWarning) at a fork while other threads are alive, and some
always are when the pool is made: the event loop's thread (waiting for this start-up to end),
the idle workers of its thread pool (waiting on their queue), uvicorn's ping thread when it runs
several workers (waiting on its pipe). None can be inside a lock the child needs, because no
request has arrived yet, and the locks a child does take are renewed after a fork: Python's own
(imports, logging, threading), the store's write lock (store/serial_writes.py) and the torch
encoder's (knowledge/encoder.py); the store's pooled connections are dropped in `_adopt`; the
child never runs the parent's threads' code, only the pool's task loop. So that warning is
silenced around this one fork (`_forking_knowingly`), and the threads alive are logged at debug.

The workers run at a lower CPU priority (`slack_worker_nice`): when the cores are busy, the web
process's event loop (Slack's 3-second acks) gets them first. Errors come back as plain
exceptions: a CoachError keeps its message (the answer to show), anything else its type name
(logged with the worker's traceback).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
import time
import traceback
import weakref
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import get_context

from assistant.errors import CoachError

log = logging.getLogger(__name__)
_coach = None  # the worker process's Coach
PARENT_CHECK_S = 1.0  # how often a worker checks that its web process is alive
# CPython 3.12+'s warning at a fork of a process with threads (the module docstring says why it is safe here).
FORK_WITH_THREADS = r"This process \(pid=\d+\) is multi-threaded, use of fork\(\) may lead to deadlocks"


class WorkerFailed(Exception):
    """A Coach call failed in a worker process with an error that is not the user's."""

    def __init__(self, kind: str, details: str = ""):
        super().__init__(kind, details)
        self.kind, self.details = kind, details

    def __str__(self) -> str:
        return self.kind


def _adopt(coach, settings) -> None:
    """In a freshly forked worker: make the inherited (warm) Coach this process's own."""
    global _coach
    import signal

    from assistant.conversation.warm import limit_threads

    # The server's handlers (uvicorn's graceful exit) are the parent's business; a worker stops
    # when the pool is shut down, or dies with its process group like any child.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    coach.after_fork()  # the parent's pooled database connections stay the parent's
    threading.Thread(target=_exit_with, args=(os.getppid(),), name="parent-watch", daemon=True).start()
    if settings.slack_worker_nice:
        os.nice(settings.slack_worker_nice)
    # One torch thread, whatever `embedding_threads` gives the web process: OpenMP's thread pool
    # does not survive a fork (a parallel op in the child would wait forever for its threads),
    # and the workers already answer side by side as processes.
    limit_threads(1)
    _coach = coach


def _exit_with(parent: int) -> None:
    """A worker outlives its web process only when that was killed (SIGKILL, the OOM killer); it
    would go on holding memory and the copy of the server's listening socket it inherited, which
    keeps a restarted server from binding its port. It exits instead."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _ready() -> int:
    return os.getpid()


def _call(coach, method: str, args: tuple, kwargs: dict, render):
    result = getattr(coach, method)(*args, **kwargs)
    return result if render is None else render(result)


def _run(method: str, args: tuple, kwargs: dict, render=None):
    try:
        return _call(_coach, method, args, kwargs, render)
    except CoachError as exc:  # subclasses may not unpickle; the message is what is shown
        raise CoachError(str(exc)) from None
    except Exception as exc:
        raise WorkerFailed(type(exc).__name__, traceback.format_exc()) from None


@contextmanager
def _forking_knowingly():
    """Fork the answer processes without Python 3.12+'s warning about the threads that are alive
    (listed at debug level): they are idle, and what the children share is renewed after the fork."""
    log.debug("forking the answer processes; threads alive: %s", ", ".join(t.name for t in threading.enumerate()))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=FORK_WITH_THREADS, category=DeprecationWarning)
        yield


def check_can_fork(processes: int) -> None:
    """Refuse (CoachError) worker processes on a platform that cannot fork (Windows)."""
    if processes > 0 and "fork" not in multiprocessing.get_all_start_methods():
        raise CoachError(f"COACH_SLACK_PROCESSES={processes}: the answer processes are forked from the web "
                         "process, which this platform cannot do; set COACH_SLACK_PROCESSES=0 (threads)")


class CoachRunner:
    def __init__(self, settings, coach, processes: int):
        self.settings, self.coach, self.processes, self.pool = settings, coach, processes, None

    def start(self) -> None:
        """Warm this process's Coach, then fork the worker processes from it, and wait until they
        are up. The web app's lifespan calls it (after its own warm-up, so the model is loaded
        once) before the server takes requests; Socket Mode before it connects. Call it from a
        thread that runs no event loop (the children start as copies of the calling thread)."""
        if self.processes <= 0 or self.pool is not None:
            return
        check_can_fork(self.processes)
        # Whatever this process has loaded is shared with the children: warming here means the
        # rules (and, with `warm_up`, the embedding model) are loaded once, not once per process.
        self.coach.warm_up(meaning=self.settings.warm_up)
        gc.collect()
        gc.freeze()  # the collector in the children then leaves the inherited objects' pages unwritten
        self.pool = ProcessPoolExecutor(self.processes, mp_context=get_context("fork"), initializer=_adopt,
                                        initargs=(self.coach, self.settings))
        # The first task forks every worker at once (fork pools do not start them on demand).
        with _forking_knowingly():
            self.pool.submit(_ready).result()
        weakref.finalize(self, self.pool.shutdown, False, cancel_futures=True)

    async def __call__(self, method: str, *args, render=None, **kwargs):
        """`Coach.<method>(*args, **kwargs)`, and `render(result)` where it ran (a picklable
        callable, e.g. of assistant/slack/rendered.py): the event loop gets the rendered value."""
        if self.pool is None:
            if self.processes > 0:  # forking now would copy threads busy with requests
                raise RuntimeError("the Slack worker processes were never started (CoachRunner.start)")
            return await asyncio.to_thread(partial(_call, self.coach, method, args, kwargs, render))
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, _run, method, args, kwargs, render)
        except WorkerFailed as exc:
            log.error("Coach.%s failed in a worker process:\n%s", method, exc.details)
            raise

    def close(self) -> None:
        """Stop the workers, letting each finish its call (so none is cut off mid-import)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
