"""A product named by the unit it is sold in (the catalog's `unit`): "a longer term on their seats",
"the one with seats" among Data Platform and Insights Studio is Insights Studio, the one sold in seats.
Only the unit's noun counts ("units" of "capacity units", "seats"): "capacity" is a change's word, and
more capacity may be of several products."""

from __future__ import annotations

from assistant.conversation import implied_product
from assistant.conversation.known_names import KnownNames


def sold_in(text: str, world: KnownNames, candidates: list[str]) -> list[str]:
    """The candidates whose unit's noun is a word of the text (singular or plural)."""
    return implied_product.sold_in(world.catalog, candidates, text)
