"""How alike a typed word is to each name of one kind, all spellings at once (Names.scores).

A message tries many typed words against every spelling of every account, product and person
(a dozen or more `scores` a message, each a RapidFuzz ratio per spelling and per word of it in a
Python loop, about 0.1 ms each). The table below lists once per Names every string a score may
compare (spellings and their words), so that one typed word is compared with all of them in one
RapidFuzz call, and each name's best is taken with numpy: the same ratios, the same maxima, the
same order (tests/conversation/test_name_scores.py holds the rule written out plainly).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process


class ScoreTable:
    """Every spelling of a Names, its words, and which name each spelling stands for."""

    def __init__(self, rows: list[tuple[str, set[str], list[str], list[str]]]):
        # rows: (spelling, its names, its words but generic company words, those but a qualifying first)
        self.spellings = [spelling for spelling, _names, _words, _heads in rows]
        strings: dict[str, int] = {}
        at = [strings.setdefault(spelling, len(strings)) for spelling in self.spellings]
        self.names = sorted({name for _spelling, names, _words, _heads in rows for name in names})
        number = {name: i for i, name in enumerate(self.names)}
        owners = [(row, number[name]) for row, (_spelling, names, _words, _heads) in enumerate(rows) for name in names]
        self.owner_row = np.array([row for row, _ in owners], dtype=np.intp)
        self.owner_name = np.array([name for _, name in owners], dtype=np.intp)
        # (which words a score compares: all of a spelling's, or its heads; all of them, or the first only)
        self.words: dict[tuple[bool, bool], tuple[np.ndarray, np.ndarray]] = {}
        for heads_only in (False, True):
            for first_only in (False, True):
                pairs = [(row, strings.setdefault(word, len(strings)))
                         for row, (_spelling, _names, words, heads) in enumerate(rows)
                         for word in (heads if heads_only else words)[:1 if first_only else None]]
                self.words[heads_only, first_only] = (np.array([row for row, _ in pairs], dtype=np.intp),
                                                      np.array([string for _, string in pairs], dtype=np.intp))
        self.at = np.array(at, dtype=np.intp)
        self.strings = list(strings)

    def scores(self, key: str, long_enough: bool, heads_only: bool, first_only: bool) -> list[tuple[float, str]]:
        """Every name, best first, with its closest spelling's likeness to `key` (the whole spelling;
        with `long_enough`, also its start as typed, unless `heads_only`, and its words)."""
        if not self.names:
            return []
        alike = process.cdist([key], self.strings, scorer=fuzz.ratio, dtype=np.float64, workers=1)[0]
        per_row = alike[self.at]
        if long_enough:
            if not heads_only:
                # (the start of a spelling counts only as typed: "every" is not a slip of "everg(reen)")
                started = [row for row, spelling in enumerate(self.spellings) if spelling.startswith(key)]
                if started:
                    per_row[started] = np.maximum(per_row[started], fuzz.ratio(key, key))
            rows, strings = self.words[heads_only, first_only]
            np.maximum.at(per_row, rows, alike[strings])
        best = np.zeros(len(self.names), dtype=np.float64)
        np.maximum.at(best, self.owner_name, per_row[self.owner_row])
        return sorted(((float(score), name) for name, score in zip(self.names, best)),
                      key=lambda pair: (-pair[0], pair[1]))
