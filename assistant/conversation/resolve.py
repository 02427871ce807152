"""Names the way people type them: "Acme" for Acme Corp, "DQ" for Data Quality, "Acmee", "Priya".

A typed name resolves to one known name, or to an ambiguity (several fit equally), or to
nothing (with the closest candidates for the ask-back). Never to a name that is not on record.
Order of evidence: exact spelling or alias, a known name inside the words, a prefix or whole
word of a name, then a close spelling (difflib ratio).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Literal

from assistant.domain import Account, Catalog

ACCEPT = 0.8  # a close spelling this alike is taken (when no other name is as close)
MARGIN = 0.05  # ... and the runner-up is at least this much less alike
SUGGEST = 0.6  # names at least this alike are offered in an ask-back
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "&"})


@dataclass(frozen=True)
class Resolution:
    status: Literal["found", "ambiguous", "unknown"]
    typed: str
    name: str | None = None
    candidates: tuple[str, ...] = ()
    how: str = ""  # exact | mention | prefix | fuzzy
    matched: str = ""  # the part of the typed words that named it (all of them, or a mention)

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass(frozen=True)
class Mention:
    name: str
    span: tuple[int, int]
    key: str


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _initials(title: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", title.casefold()) if w and w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


class Names:
    """One kind of name (accounts, products or people) with every spelling that points to it."""

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str]]], mention_words: bool = False,
                 common: frozenset[str] = frozenset()):
        self.kind = kind
        self.keys: dict[str, set[str]] = {}  # spelling -> names
        self.names: list[str] = []
        for name, spellings in entries:
            self.names.append(name)
            for key in {_fold(name), *(_fold(s) for s in spellings if s and s.strip())}:
                self.keys.setdefault(key, set()).add(name)
        mention_keys = {k for k, names in self.keys.items() if len(names) == 1}
        if mention_words:  # the first word of a company name is how people say it: "Acme"
            firsts: dict[str, set[str]] = {}
            for name in self.names:
                first = _fold(name).split()[0]
                firsts.setdefault(first, set()).add(name)
            mention_keys |= {w for w, names in firsts.items()
                             if len(names) == 1 and len(w) >= 3 and w not in common and w not in self.keys}
            for word, names in firsts.items():
                if word in mention_keys:
                    self.keys.setdefault(word, set()).update(names)
        ordered = sorted(mention_keys, key=len, reverse=True)
        self._mention = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(k) for k in ordered) + r")(?![\w])") \
            if ordered else None

    def __bool__(self) -> bool:
        return bool(self.names)

    def mentions(self, text: str) -> list[Mention]:
        """Known names written out in the text (exact spellings and aliases only)."""
        if self._mention is None:
            return []
        out = []
        for match in self._mention.finditer(_fold(text)):
            names = self.keys[match.group(0)]
            if len(names) == 1:
                out.append(Mention(next(iter(names)), match.span(), match.group(0)))
        return out

    def resolve(self, typed: str) -> Resolution:
        key = _fold(typed)
        if not key or not self.names:
            return Resolution("unknown", typed)
        exact = self.keys.get(key)
        if exact:
            return self._pick(typed, sorted(exact), "exact")
        inside = self.mentions(key)
        if inside:
            found = self._pick(typed, sorted({m.name for m in inside}), "mention")
            return replace(found, matched=inside[0].key) if found.found else found
        if len(key) >= 2:
            prefixed = sorted({name for spelling, names in self.keys.items() for name in names
                               if spelling.startswith(key) or (len(key) >= 3 and f" {key}" in f" {spelling}")})
            if prefixed:
                return self._pick(typed, prefixed, "prefix")
        whole = self._fuzzy(typed, key)
        return whole if whole.status != "unknown" else self._fuzzy_part(typed, key) or whole

    def _fuzzy_part(self, typed: str, key: str) -> Resolution | None:
        """A close spelling of one name among other words ("pitching marketing automtion to")."""
        words = key.split()
        if len(words) < 2:
            return None
        best: tuple[float, str, str] | None = None
        for size in range(1, min(4, len(words)) + 1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start:start + size])
                if len(part) < 4:
                    continue
                ranked = self.scores(part)
                if ranked and ranked[0][0] >= ACCEPT and (len(ranked) == 1 or ranked[1][0] <= ranked[0][0] - MARGIN):
                    if best is None or ranked[0][0] > best[0]:
                        best = (ranked[0][0], ranked[0][1], part)
        if best is None:
            return None
        return Resolution("found", typed, best[1], (best[1],), "fuzzy", best[2])

    def _pick(self, typed: str, names: list[str], how: str) -> Resolution:
        if len(names) == 1:
            return Resolution("found", typed, names[0], (names[0],), how, _fold(typed))
        return Resolution("ambiguous", typed, None, tuple(names), how)

    def scores(self, key: str) -> list[tuple[float, str]]:
        best: dict[str, float] = {}
        for spelling, names in self.keys.items():
            parts = [spelling]
            if len(key) >= 4:
                parts += [spelling[:len(key)], *spelling.split()]
            score = max(difflib.SequenceMatcher(None, key, part).ratio() for part in parts)
            for name in names:
                best[name] = max(best.get(name, 0.0), score)
        return sorted(((s, n) for n, s in best.items()), key=lambda pair: (-pair[0], pair[1]))

    def _fuzzy(self, typed: str, key: str) -> Resolution:
        ranked = self.scores(key)
        close = tuple(name for score, name in ranked[:3] if score >= SUGGEST)
        if ranked and ranked[0][0] >= ACCEPT:
            rivals = [name for score, name in ranked if score >= ACCEPT and score > ranked[0][0] - MARGIN]
            if len(rivals) == 1:
                return Resolution("found", typed, rivals[0], close, "fuzzy", key)
            return Resolution("ambiguous", typed, None, tuple(rivals), "fuzzy")
        return Resolution("unknown", typed, None, close, "")

    def close(self, typed: str, limit: int = 3, minimum: float = SUGGEST) -> list[str]:
        return [name for score, name in self.scores(_fold(typed))[:limit] if score >= minimum]


@lru_cache(maxsize=32)
def account_names(names: tuple[str, ...], common: frozenset[str]) -> Names:
    return Names("account", ((n, ()) for n in names), mention_words=True, common=common)


def product_names(catalog: Catalog) -> Names:
    return Names("product", ((p.name, p.aliases) for p in catalog.products))


def tier_names(catalog: Catalog) -> dict[str, str]:
    """Tier name -> the product it is a tier of ("enterprise" -> Data Platform), when unique."""
    owners: dict[str, set[str]] = {}
    for product in catalog.products:
        for tier in product.tiers:
            owners.setdefault(_fold(tier), set()).add(product.name)
    return {tier: next(iter(names)) for tier, names in owners.items() if len(names) == 1}


def people_names(account: Account) -> Names:
    """Stakeholders by full name, first or last name, title and title initials ("CDO")."""
    entries = []
    for person in account.stakeholders:
        words = person.name.split()
        spellings = [*words, person.title or "", _initials(person.title or "")]
        entries.append((person.name, [s for s in spellings if len(s) >= 2]))
    return Names("person", entries)
