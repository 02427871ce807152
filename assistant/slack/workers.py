"""Where Coach calls run while the event loop keeps acking Slack: worker processes by default.

The coach is synchronous and CPU-bound (rules, lift search, drafting). Run in threads of the
web process, it would hold the GIL while Slack waits for its 3-second ack; in worker processes
the event loop only does I/O. `slack_processes = 0` runs them in threads instead (one process,
e.g. tests that replace a Coach method).

Worker processes are spawned (not forked from a running event loop), each with its own Coach
over the same store, and run at a lower CPU priority (`slack_worker_nice`): when the cores are
busy, the web process's event loop (Slack's 3-second acks) gets them first. Errors come back as plain exceptions: a CoachError keeps its message (the
answer to show), anything else its type name (logged with the worker's traceback).
"""

from __future__ import annotations

import asyncio
import logging
import traceback
import weakref
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context

from assistant.errors import CoachError

log = logging.getLogger(__name__)
_coach = None  # the worker process's Coach


class WorkerFailed(Exception):
    """A Coach call failed in a worker process with an error that is not the user's."""

    def __init__(self, kind: str, details: str = ""):
        super().__init__(kind, details)
        self.kind, self.details = kind, details

    def __str__(self) -> str:
        return self.kind


def _start(settings) -> None:
    global _coach
    import os

    from assistant.coach import Coach

    from assistant.conversation.warm import limit_threads

    if settings.slack_worker_nice:
        os.nice(settings.slack_worker_nice)
    limit_threads(settings.embedding_threads)

    _coach = Coach(settings)


def _warm() -> bool:
    """Load what the first question would: the store, the rules, the draft checks, the wording
    and (unless `warm_up` is off) the conversation's embedding model."""
    import gc

    _coach.warm_up(meaning=_coach.settings.warm_up)
    gc.collect()
    gc.freeze()  # a full collection no longer walks what the warm-up loaded (see web/app.py)
    return True


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


class CoachRunner:
    def __init__(self, settings, coach, processes: int):
        self.coach, self.pool, self._warming = coach, None, []
        if processes > 0:
            self.pool = ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=_start,
                                            initargs=(settings,))
            # Start the workers now, not on the first question (each task goes to an idle worker).
            self._warming = [self.pool.submit(_warm) for _ in range(processes)]
            weakref.finalize(self, self.pool.shutdown, False, cancel_futures=True)

    def wait_until_warm(self) -> None:
        """Block until the worker processes have loaded what answers need (the web app's lifespan
        calls it, so the server takes requests only then). A failed warm-up is logged; the
        first question then meets the same error and reports it."""
        for future in self._warming:
            try:
                future.result()
            except Exception:  # noqa: BLE001 - logged, not fatal: answers report their own errors
                log.exception("a Slack worker process failed to warm up")

    async def __call__(self, method: str, *args, render=None, **kwargs):
        """`Coach.<method>(*args, **kwargs)`, and `render(result)` where it ran (a picklable
        callable, e.g. of assistant/slack/rendered.py): the event loop gets the rendered value."""
        if self.pool is None:
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
