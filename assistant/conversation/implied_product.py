"""Which product a question implies when it names none: the table of README ("coach ask and coach chat",
"A product implied by the store"), from the catalog and what the account owns (POLICY.md: the motion
follows from the catalog and the account's holdings; the user never has to say it).

| the words say | the candidates | one left: |
| --- | --- | --- |
| a change of what is owned (seats, capacity, volume, tier, term) | the owned products it applies to (the catalog's unit, tiers, the contract's ceiling), narrowed by a unit's noun said | that product |
| more of what is owned, no change ("upsell") | the products the account owns, narrowed by a unit's noun said | that product |
| a cross-sell ("a new module") or a new product | the products it does not own | that product (of several, the one with a play to pitch: cross_sell.py) |
| nothing of these | every product of the catalog | (asked back) |

The play in focus in a session comes first (follow_ups.py) and a product described by what it does is a
name (resolve.py `Described`). Where two or more remain, the coach asks back with them: a name is never
guessed into a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from assistant.domain import UPSELL_CHANGES, Account, Catalog
from assistant.policy.plays import applicable_changes

UPSELL = "upsell"
CROSS_SELL = "cross_sell"


@dataclass(frozen=True)
class Implied:
    product: str | None  # the one product the store leaves; None: ask back with the candidates
    candidates: tuple[str, ...]
    row: str  # which row of the table decided: change, upsell, cross_sell, or "" (nothing said)


def owned(account: Account, catalog: Catalog) -> list[str]:
    return [p.name for p in catalog.products if account.ownership(p) is not None]


def not_owned(account: Account, catalog: Catalog) -> list[str]:
    return [p.name for p in catalog.products if account.ownership(p) is None]


def _unit_nouns(unit: str | None) -> set[str]:
    """A unit's noun, singular and plural ("units" of "capacity units", "seats")."""
    noun = (unit or "").casefold().split()[-1:] or [""]
    single = noun[0][:-1] if noun[0].endswith("s") and not noun[0].endswith("ss") else noun[0]
    return {single, f"{single}s"} if single else set()


def sold_in(catalog: Catalog, names: Iterable[str], text: str) -> list[str]:
    """Of `names`, those whose unit's noun is a word of the text ("a longer term on their seats")."""
    words = set(re.findall(r"[a-z]+", text.casefold()))
    out = []
    for name in names:
        product = catalog.find(name)
        if product is not None and _unit_nouns(product.unit) & words:
            out.append(name)
    return out


def fitting(account: Account, catalog: Catalog, change: str) -> list[str]:
    """The owned products a change of what is owned applies to (all those owned when none does: the
    engine then reads the change as the product is sold, "more seats" of capacity units)."""
    mine = [p for p in catalog.products if account.ownership(p) is not None]
    return [p.name for p in mine if change in applicable_changes(account, p)] or [p.name for p in mine]


def implied(account: Account, catalog: Catalog, text: str, change: str | None = None,
            motion: str | None = None) -> Implied:
    """The row of the table the words fall in, and the products it leaves. `change`: the change read;
    `motion`: UPSELL or CROSS_SELL when the words say one."""
    if change in UPSELL_CHANGES or (motion == UPSELL and change is None):
        row = "change" if change in UPSELL_CHANGES else "upsell"
        candidates = fitting(account, catalog, change) if change in UPSELL_CHANGES else owned(account, catalog)
        if len(candidates) > 1 and len(sold := sold_in(catalog, candidates, text)) == 1:
            candidates = sold  # ("a longer term on their seats": the product sold in seats)
        return _one(candidates, row)
    if motion == CROSS_SELL or change == "new_product":
        return _one(not_owned(account, catalog), "cross_sell")
    return _one([p.name for p in catalog.products], "")


def new_beside_owned(account: Account, catalog: Catalog, names: Iterable[str]) -> str | None:
    """Of several products one message names, the one the account does not own when it owns every
    other: the owned ones are the first deal's history ("the platform rollout went great", "she never
    saw what the platform did"), the new one is what is pitched. None when that does not settle it."""
    names = list(dict.fromkeys(names))
    new = [n for n in names if (p := catalog.find(n)) is not None and account.ownership(p) is None]
    return new[0] if len(names) >= 2 and len(new) == 1 else None


def _one(candidates: list[str], row: str) -> Implied:
    return Implied(candidates[0] if len(candidates) == 1 else None, tuple(candidates), row)
