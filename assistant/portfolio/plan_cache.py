"""Quarterly plans kept while nothing they depend on changes.

A plan is a function of the store's data (accounts, catalog, priorities, history: the store's
data version changes with any write to them, by any worker), the rule set (its content hash),
the book (owner) and the day. The portfolio page and Slack's App Home ask for the same plan
again and again; computing it is linear in the book (seconds for a thousand accounts). Plans are
kept under that whole key, so an import, a recorded priority or a new day gives a fresh plan;
only the most recently used `size` plans are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class PlanCache:
    def __init__(self, size: int):
        self.size = size
        self._plans: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._plans:
                self._plans.move_to_end(key)
                return self._plans[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:  # a second request for the same plan waits for the first instead of redoing it
            with self._lock:
                if key in self._plans:
                    return self._plans[key]
            try:
                plan = build()
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._plans[key] = plan
                while len(self._plans) > self.size:
                    self._plans.popitem(last=False)
            return plan

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()
