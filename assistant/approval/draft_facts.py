"""What one draft is checked against: the verdict, the account and catalog, and what follows
from them (grounded quantities, known names, where the draft quotes the record). Computed on
first use, once per draft, so a check that never needs a part never pays for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.approval import spec as s
from assistant.approval.entities import known_phrases
from assistant.approval.grounding import Grounding, Quantity, grounded_quantities
from assistant.approval.numbers import NumberReader
from assistant.approval.record import RecordIndex, Span, record_texts
from assistant.domain import Account, Catalog, Outcome, Verdict


@dataclass
class DraftFacts:
    """What one draft is checked against; the costly parts are computed on first use."""

    verdict: Verdict
    account: Account
    catalog: Catalog
    vocabulary: s.Vocabulary
    reader: NumberReader
    _spans: dict = field(default_factory=dict)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return grounded_quantities(self.verdict, self.account, self.vocabulary, self.reader)

    def _grounding(self, quantities: list[Quantity]) -> Grounding:
        tolerance = self.vocabulary.number_tolerance
        return Grounding(quantities, tolerance.relative, tolerance.rounding)

    @cached_property
    def grounding(self) -> Grounding:
        return self._grounding(self.quantities)

    def outcome_values(self, outcome: Outcome) -> tuple[Grounding | None, Grounding | None]:
        """(achieved, target) of one outcome, each as its own grounding (None when unknown)."""
        found = {}
        for role in ("achieved", "target"):
            source = f"{outcome.metric} {role}"
            quantities = [q for q in self.quantities if q.source == source]
            found[role] = self._grounding(quantities) if quantities else None
        return found["achieved"], found["target"]

    @cached_property
    def known(self) -> set[tuple[str, ...]]:
        return known_phrases(self.verdict, self.account, self.catalog)

    @cached_property
    def record(self) -> RecordIndex:
        return RecordIndex(record_texts(self.verdict, self.account, self.catalog))

    @cached_property
    def record_words(self) -> set[str]:
        """Every word of the record a draft may quote (names, metrics, priorities, teams, units)."""
        return {w for phrase, _ in self.record.phrases for w in re.findall(r"[a-z]+(?:'[a-z]+)*", phrase.casefold())}

    def spans(self, text: str) -> list[Span]:
        """Where `text` quotes the record's own phrases, with the field each one comes from."""
        if text not in self._spans:
            self._spans[text] = self.record.spans(text)
        return self._spans[text]
