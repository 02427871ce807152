"""The Drafter protocol: anything that turns a DraftContext into the three parts."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assistant.drafting.context import DraftContext
from assistant.drafting.parts import DraftParts


@runtime_checkable
class Drafter(Protocol):
    name: str

    def draft(self, context: DraftContext) -> DraftParts:
        """The three parts, or DraftFailure when no usable draft could be produced."""
        ...
