"""A clause dated in a year gone by tells of the past ("there was an outage at Acme in 2024"), as the
words of meaning.yaml `past:` do: its facts are not today's, so it is never applied, and when the
message says the trouble is over it is not asked about either. Only a year said after one of the words
of `past_year_before` ("in 2024", "during 2023"): "unhappy since 2024" is still so."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Sequence

from assistant.phrase_patterns import alternation


@lru_cache(maxsize=8)
def _dated(before: tuple[str, ...]) -> re.Pattern | None:
    if not before:
        return None
    return re.compile(rf"(?<![\w']){alternation(before, any_spaces=True)}\s+((?:19|20)\d\d)(?![\w'])", re.IGNORECASE)


def year_gone(clause: str, before: Sequence[str], today: dt.date) -> bool:
    """Whether the clause dates itself in a year before today's."""
    pattern = _dated(tuple(before))
    return pattern is not None and any(int(m.group(1)) < today.year for m in pattern.finditer(clause))
