"""A product named by the unit it is sold in (the catalog's `unit`): "a longer term on their seats",
"the one with seats" among Data Platform and Insights Studio is Insights Studio, the one sold in seats.
Only the unit's noun counts ("units" of "capacity units", "seats"): "capacity" is a change's word, and
more capacity may be of several products."""

from __future__ import annotations

import re

from assistant.conversation.known_names import KnownNames


def _forms(noun: str) -> set[str]:
    noun = noun.casefold()
    single = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    return {single, f"{single}s"}


def sold_in(text: str, world: KnownNames, candidates: list[str]) -> list[str]:
    """The candidates whose unit's noun is a word of the text (singular or plural)."""
    words = set(re.findall(r"[a-z]+", text.casefold()))
    out = []
    for name in candidates:
        product = world.catalog.find(name)
        unit = (product.unit or "").split() if product is not None else []
        if unit and _forms(unit[-1]) & words:
            out.append(name)
    return out
