"""The items of a list typed in one message ("1) delta - park it 2) kestrel - more seats worth it?",
"1/ harbor - later 2/ lumen - is Governance a sensible pitch", "(a) orchid: later (b) kestrel: seats?"):
each item is a sentence of its own, as it would be on its own line or after a stop, so that the item
that asks is read as the message's question and the names of the others stay in theirs.

Only markers that count up from the first item (1, 2, 3 ... or a, b, c ...) start items: a lone
"2)" or "by 2/3" is no list. Markers ending in a stop ("1.") already end a sentence.
"""

from __future__ import annotations

import re

# A marker of a list's item: a number or one letter with a bracket or slash, standing alone before words
_MARKER = re.compile(r"(?<!\S)\(?(?P<key>\d{1,2}|[a-h])(?:\)|/)(?=\s+\S)", re.IGNORECASE)
# ... and a number with a stop ("1. ... 2. ..."), which ends a sentence already: looked for in the whole message
_NUMBERED = re.compile(r"(?<!\S)\(?(?P<key>\d{1,2})(?:\)|/|\.)(?=\s+\S)")


def item_starts(text: str, marker: re.Pattern = _MARKER) -> list[tuple[int, int]]:
    """Where each item's marker starts and ends, for markers that count up from the first one; []
    when fewer than two do."""
    found, run = list(marker.finditer(text)), []
    for marker in found:
        if _place(marker.group("key")) == len(run) + 1:
            run.append((marker.start(), marker.end()))
    return run if len(run) >= 2 else []


def numbered_items(text: str) -> list[str]:
    """The items of a whole message's numbered list, stops ("1. ... 2. ...") counted too; [] when it lists nothing."""
    return items(text, _NUMBERED) if item_starts(text, _NUMBERED) else []


def items(text: str, marker: re.Pattern = _MARKER) -> list[str]:
    """The text split at its list's markers, the markers left out (the text whole when it lists nothing)."""
    run = item_starts(text, marker)
    if not run:
        return [text]
    pieces = [text[:run[0][0]]]
    pieces += [text[end:(run[i + 1][0] if i + 1 < len(run) else len(text))] for i, (_start, end) in enumerate(run)]
    return [p.strip() for p in pieces if p.strip()]


def _place(key: str) -> int:
    return int(key) if key.isdigit() else ord(key.casefold()) - ord("a") + 1
