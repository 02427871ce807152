"""Map a function over chunks of items in forked child processes that inherit each chunk.

Why not a process pool: a pool pickles every item to its workers, and for accounts that costs
more than reading them from the store did. A child forked right after its chunk was read has the
chunk already (copy-on-write), so only results travel, pickled through a pipe. At most `workers`
children run at once; the parent reads the next chunk while they work, and drops each chunk as
soon as its child has it, so memory stays bounded by `workers` chunks. Needs the fork start
method (Linux, macOS); callers check `fork_available()`.
"""

from __future__ import annotations

import gc
import multiprocessing
import traceback
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from assistant.errors import CoachError

_JOB: tuple[Callable, list] | None = None  # set just before a fork; the child reads its copy


class WorkerFailed(CoachError):
    pass


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(writer) -> None:
    # The cyclic garbage collector would scan every object inherited from the parent (and, by
    # touching them, copy their memory pages); a child lives for one chunk and then exits, so it
    # runs without it (any cyclic garbage is bounded by the chunk and freed at exit).
    gc.freeze()
    gc.disable()
    function, chunk = _JOB
    try:
        result = ("ok", [function(item) for item in chunk])
    except CoachError as exc:  # a user-facing error: its message as it is
        result = ("coach", str(exc))
    except BaseException:  # anything else: enough to debug it in the parent
        result = ("crash", traceback.format_exc())
    writer.send(result)
    writer.close()


def _collect(process, reader) -> list:
    try:
        status, payload = reader.recv()
    except EOFError:
        process.join()
        raise WorkerFailed(f"a worker process ended without a result (exit code {process.exitcode})") from None
    finally:
        reader.close()
    process.join()
    if status == "coach":
        raise WorkerFailed(payload)
    if status == "crash":
        raise WorkerFailed(f"a worker process failed:\n{payload}")
    return payload


def forked_map(function: Callable, chunks: Iterable[list], workers: int) -> Iterator[list]:
    """[function(item) for item in chunk] for each chunk, in chunk order, `workers` at a time.

    A new child starts as soon as any running one is done (not only the oldest), so no core
    idles while a slower chunk finishes; results are still yielded in chunk order.
    """
    global _JOB
    context = multiprocessing.get_context("fork")
    running: dict = {}             # reader -> (chunk number, process)
    finished: dict[int, list] = {}  # chunk number -> result, until it is its turn
    turn = 0

    def collect_one() -> None:
        ready = wait(list(running))[0]
        number, process = running.pop(ready)
        finished[number] = _collect(process, ready)

    try:
        for number, chunk in enumerate(chunks):
            reader, writer = context.Pipe(duplex=False)
            # Objects alive now are left out of the parent's garbage collections from here on:
            # a collection writes to every object it scans, which would copy each memory page
            # still shared with a running child.
            gc.freeze()
            _JOB = (function, chunk)
            process = context.Process(target=_child, args=(writer,), daemon=True)
            process.start()
            _JOB = None
            writer.close()
            running[reader] = (number, process)
            del chunk  # the child has its own copy now
            while len(running) >= workers:
                collect_one()
            while turn in finished:
                yield finished.pop(turn)
                turn += 1
        while running:
            collect_one()
            while turn in finished:
                yield finished.pop(turn)
                turn += 1
    finally:
        _JOB = None
        gc.unfreeze()
        for reader, (_, process) in running.items():  # only on an error or an abandoned generator
            process.terminate()
            process.join()
            reader.close()
