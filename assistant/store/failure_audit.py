"""At most one audit row per kind of failed authentication per source and window.

A flood of bad tokens or wrong passwords from one source would otherwise write one audit row
each. The first failure of a kind (source, method, reason, the user when known) in a window is
written at once; the ones after it in the same window are only counted, and their number is
written later as `repeated` on the next row of that kind, or on a row of its own when the window
has closed (at the next failed authentication of any kind, or when the store closes). Counts
live in this process: each web worker keeps its own.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Callable, Hashable


@dataclass
class _Window:
    start: dt.datetime
    unwritten: int = 0


class FailureThrottle:
    def __init__(self, window_s: float, now: Callable[[], dt.datetime]):
        self.window = dt.timedelta(seconds=window_s)
        self._now = now
        self._open: dict[Hashable, _Window] = {}
        self._lock = threading.Lock()

    def admit(self, key: Hashable) -> int | None:
        """None: counted, write nothing. Otherwise write a row now, carrying this many earlier
        failures of the same kind that were counted but not written."""
        if self.window <= dt.timedelta(0):
            return 0
        now = self._now()
        with self._lock:
            window = self._open.get(key)
            if window is not None and now - window.start < self.window:
                window.unwritten += 1
                return None
            self._open[key] = _Window(now)
            return window.unwritten if window is not None else 0

    def closed(self, *, everything: bool = False) -> list[tuple[Hashable, int]]:
        """The kinds whose window has ended (or every kind) with failures still unwritten, and
        how many; they are forgotten here, so the caller writes them once."""
        now = self._now()
        with self._lock:
            ended = [key for key, w in self._open.items() if everything or now - w.start >= self.window]
            windows = [(key, self._open.pop(key)) for key in ended]
        return [(key, w.unwritten) for key, w in windows if w.unwritten]
