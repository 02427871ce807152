"""Where a draft quotes the record: spans of the account's and catalog's own text, by field.

A talk track quotes the customer's metric, priority, product and team names word for word.
Those words are the record's, not the drafter's: the checks tell them apart by field (a metric
called "discount rate" is allowed to say "discount"; a metric that says "act now" is not),
instead of masking everything the account says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain import Account, Catalog, Verdict


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    fields: frozenset[str]
    phrase: str

    @property
    def field(self) -> str:
        return sorted(self.fields)[0]

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def record_texts(verdict: Verdict, account: Account, catalog: Catalog) -> list[tuple[str, str]]:
    """(field, phrase) for every free text of the record a draft may quote."""
    texts: list[tuple[str, str]] = [("account", account.name)]
    texts += [("metric", o.metric) for o in account.outcomes]
    for person in account.stakeholders:
        texts += [("person", person.name), ("title", person.title or ""), ("team", person.team or "")]
        texts += [("priority", p) for p in person.priorities]
        texts += [("asked_about", a) for a in person.asked_about]
    for product in catalog.products:
        texts += [("product", n) for n in product.names()] + [("tier", t) for t in product.tiers]
        texts += [("unit", product.unit or ""), *(("feature", f) for f in product.adjacent_features)]
        texts += [("serves", s) for s in product.serves] + [("team", t) for t in product.used_by]
    texts += [("product", o.product) for o in account.owns] + [("tier", o.tier or "") for o in account.owns]
    texts += [("feature", f) for f in account.usage.adjacent_features]
    texts += [("strategy", e.detail or "") for e in account.strategy]
    texts += [("need", n) for n in account.needs_expressed]
    texts += [("priority", verdict.priority or ""), ("person", verdict.sponsor or ""),
              ("person", verdict.pitch_to or "")]
    return [(field, " ".join(text.split())) for field, text in texts if text and text.strip()]


class RecordIndex:
    """Finds the record's phrases in a text, longest first, without overlaps."""

    def __init__(self, texts: list[tuple[str, str]]):
        seen: dict[str, set[str]] = {}
        for field, phrase in sorted(texts, key=lambda t: len(t[1]), reverse=True):
            seen.setdefault(phrase.casefold(), set()).add(field)
        self.phrases = [(phrase, frozenset(fields)) for phrase, fields in seen.items()]  # longest first

    def spans(self, text: str) -> list[Span]:
        lowered = " ".join(text.split()).casefold()
        taken: list[Span] = []
        for phrase, fields in self.phrases:
            if phrase not in lowered:  # cheap pre-filter
                continue
            words = r"\s+".join(re.escape(w) for w in phrase.split())
            for match in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
                start, end = match.span()
                if not any(s.start < end and start < s.end for s in taken):
                    taken.append(Span(start, end, fields, text[start:end]))
        return sorted(taken, key=lambda s: s.start)


def inside(spans: list[Span], start: int, end: int, fields=None) -> Span | None:
    """The record span that wholly contains [start, end), optionally only of `fields`."""
    for span in spans:
        if span.covers(start, end) and (fields is None or span.fields & set(fields)):
            return span
    return None
