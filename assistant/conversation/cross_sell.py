"""A cross-sell asked about without a product ("cross-sell at Evergreen?", "is Lumen ready for a new
module?"): POLICY.md's cross-sell is an adjacent product the customer has not bought, so the products
the account does not own are the only candidates; of them, the one with a play to pitch when only one
has. The words are data (meaning.yaml `names.cross_sell_words`)."""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.conversation.phrasebook import said_any


def said(text: str, world: KnownNames) -> bool:
    """Whether the words ask for a cross-sell ("cross-sell", "a new module", "another product"); a
    hyphen is a space ("cross-sell", "cross sell", "add-on")."""
    return said_any(text, world.name_params.cross_sell_words)


def not_owned(world: KnownNames, account: str) -> list[str]:
    """The catalog's products the account does not own, in catalog order (none when it is not on record)."""
    owner = world.on_record(account)
    if owner is None:
        return []
    return [p.name for p in world.catalog.products if owner.ownership(p) is None]


def to_pitch(plays: list, candidates: list[str]) -> tuple[str | None, list[str]]:
    """(the one candidate with a play to pitch, when exactly one has; the candidates, best play first).
    `plays`: the account's verdicts, best first (Coach.plays)."""
    order = list(dict.fromkeys(v.product for v in plays if v.product in candidates))
    ordered = order + [c for c in candidates if c not in order]
    pitched = {v.product for v in plays if v.product in candidates and v.verdict.value == "pitch"}
    return (pitched.pop() if len(pitched) == 1 else None), ordered
