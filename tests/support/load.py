"""Waits that bound a hang, stretched on a busy machine (they are not speed checks: those live
in benchmarks/)."""

from __future__ import annotations

import os


def busy_factor() -> float:
    """How many times over the CPUs are asked for now: the 1-minute load average per CPU, at least 1."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        return max(1.0, os.getloadavg()[0] / cpus)
    except OSError:  # no load average on this platform
        return 1.0


def scaled(seconds: float) -> float:
    """`seconds` on an idle machine, times how busy it is now."""
    return seconds * busy_factor()
