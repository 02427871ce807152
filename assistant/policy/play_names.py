"""Resolve every name in a proposed play against the account and the catalog, before evaluation.

Product (and bundled products) by catalog name or alias, the person pitched to and the sponsor
among the account's stakeholders, the priority among those its people stated or the catalog's
products serve. A typo-level match is returned as a note the answer states; anything else is an
UnknownName error with the closest names (assistant.names), so no verdict rests on a guess.
"""

from __future__ import annotations

from assistant.domain import Account, Catalog, Play
from assistant.names import NameMatching, Resolved, resolve


def _note(found: Resolved, what: str, notes: list[str]) -> str:
    note = found.note(what)
    if note:
        notes.append(note)
    return found.name


def product_names(catalog: Catalog) -> tuple[list[str], dict[str, str]]:
    names = [p.name for p in catalog.products]
    aliases = {alias: p.name for p in catalog.products for alias in p.aliases}
    return names, aliases


def known_priorities(account: Account, catalog: Catalog) -> list[str]:
    stated = [priority for person in account.stakeholders for priority in person.priorities]
    served = [priority for product in catalog.products for priority in product.serves]
    return list(dict.fromkeys([*stated, *served]))


def resolve_play(account: Account, catalog: Catalog, play: Play,
                 matching: NameMatching = NameMatching()) -> tuple[Play, list[str]]:
    """The play with every name as it is on record, and the notes for names read as typos."""
    notes: list[str] = []
    names, aliases = product_names(catalog)
    updates: dict = {}
    if names:
        updates["product"] = _note(resolve(play.product, names, "product", aliases=aliases,
                                           where=" in the catalog", matching=matching), "product", notes)
        updates["bundled_with"] = [_note(resolve(other, names, "product", aliases=aliases,
                                                 where=" in the catalog", matching=matching), "product", notes)
                                   for other in play.bundled_with]
    people = [person.name for person in account.stakeholders]
    at = f" among the stakeholders of {account.name}"
    if play.pitch_to:
        updates["pitch_to"] = _note(resolve(play.pitch_to, people, "person", where=at, matching=matching),
                                    "person", notes)
    if play.sponsor:
        updates["sponsor"] = _note(resolve(play.sponsor, people, "sponsor", where=at, matching=matching),
                                   "sponsor", notes)
    if play.advances_priority:
        updates["advances_priority"] = _note(
            resolve(play.advances_priority, known_priorities(account, catalog), "priority",
                    where=f" stated at {account.name} or served by a catalog product", matching=matching),
            "priority", notes)
    return play.model_copy(update=updates), notes
