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
from collections import deque
from typing import Callable, Iterable, Iterator

from assistant.policy.errors import CoachError

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
    """[function(item) for item in chunk] for each chunk, in chunk order, `workers` at a time."""
    global _JOB
    context = multiprocessing.get_context("fork")
    running: deque = deque()
    try:
        for chunk in chunks:
            reader, writer = context.Pipe(duplex=False)
            _JOB = (function, chunk)
            process = context.Process(target=_child, args=(writer,), daemon=True)
            process.start()
            _JOB = None
            writer.close()
            running.append((process, reader))
            del chunk  # the child has its own copy now
            if len(running) >= workers:
                yield _collect(*running.popleft())
        while running:
            yield _collect(*running.popleft())
    finally:
        _JOB = None
        for process, reader in running:  # only on an error or an abandoned generator
            process.terminate()
            process.join()
            reader.close()
