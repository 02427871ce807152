"""The vendor's fiscal calendar: which quarter end a date falls before."""

from __future__ import annotations

import calendar
import datetime as dt


def _add_months(day: dt.date, months: int, *, month_end: bool) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, last if month_end else min(day.day, last))


def next_quarter_end(known_end: dt.date, when: dt.date) -> dt.date:
    """The first fiscal quarter end on or after `when`, stepping from one known quarter end."""
    month_end = known_end.day == calendar.monthrange(known_end.year, known_end.month)[1]
    steps = ((when.year - known_end.year) * 12 + (when.month - known_end.month)) // 3 - 1
    candidate = _add_months(known_end, 3 * steps, month_end=month_end)
    while candidate < when:
        steps += 1
        candidate = _add_months(known_end, 3 * steps, month_end=month_end)
    return candidate
