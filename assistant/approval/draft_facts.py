"""What one draft is checked against: the verdict, the account and catalog, and what follows
from them (grounded quantities, known names, the account's own words). Computed on first use,
once per draft, so a check that never needs a part never pays for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.approval import spec as s
from assistant.approval.entities import known_phrases, record_phrases
from assistant.approval.grounding import Grounding, Quantity, grounded_quantities
from assistant.approval.numbers import NumberReader
from assistant.domain import Account, Catalog, Verdict


@dataclass
class DraftFacts:
    """What one draft is checked against; the costly parts are computed on first use."""

    verdict: Verdict
    account: Account
    catalog: Catalog
    vocabulary: s.Vocabulary
    reader: NumberReader
    _masked: dict = field(default_factory=dict)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return grounded_quantities(self.verdict, self.account, self.vocabulary, self.reader)

    def _grounding(self, quantities: list[Quantity]) -> Grounding:
        tolerance = self.vocabulary.number_tolerance
        return Grounding(quantities, tolerance.relative, tolerance.rounding)

    @cached_property
    def grounding(self) -> Grounding:
        return self._grounding(self.quantities)

    @cached_property
    def achieved(self) -> Grounding:
        """Only the outcomes' achieved values: what an outcome anchor must state."""
        return self._grounding([q for q in self.quantities if q.anchor])

    @cached_property
    def known(self) -> set[tuple[str, ...]]:
        return known_phrases(self.verdict, self.account, self.catalog)

    @cached_property
    def own_words(self) -> list[str]:
        """The account's and catalog's own phrases, longest first, masked before tone checks."""
        return sorted(record_phrases(self.account, self.catalog), key=len, reverse=True)

    def masked(self, text: str) -> str:
        if text not in self._masked:
            lowered = text.casefold()
            present = [p for p in self.own_words if p.casefold() in lowered]  # cheap pre-filter
            pattern = "|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in present)
            self._masked[text] = re.sub(pattern, "(record)", text, flags=re.IGNORECASE) if present else text
        return self._masked[text]
