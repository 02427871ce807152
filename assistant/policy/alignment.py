"""Who sponsors a play and which stated priority it advances ("whose goal does this advance?").

The scenario contract: names given on the play are used when the account backs them; otherwise
the engine looks in the account. For an upsell the existing champion or budget owner can
sponsor, and the priority can be one the owned product serves or the success criterion the
original purchase was measured on. For a cross-sell the sponsor must be an executive or budget
owner whose stated priority is one the product serves (matched case-insensitively).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain import Account, Motion, Product, Stakeholder


@dataclass(frozen=True)
class Alignment:
    sponsor: str | None
    sponsor_basis: str
    priority: str | None
    priority_basis: str
    priority_source: str | None
    champion_in_using_team: str | None


def _cross_sell_sponsors(account: Account, product: Product) -> list[tuple[Stakeholder, str]]:
    found = []
    for person in account.stakeholders:
        if not person.has_role("executive", "budget_owner"):
            continue
        for priority in person.priorities:
            if product.serves_priority(priority):
                found.append((person, priority))
    # Executives first: the framework wants an executive sponsor where there is one.
    found.sort(key=lambda pair: 0 if pair[0].has_role("executive") else 1)
    return found


def _stated_by(account: Account, priority: str) -> Stakeholder | None:
    for person in account.stakeholders:
        if person.states_priority(priority):
            return person
    return None


def _source(person: Stakeholder | None, priority: str | None) -> str | None:
    if person is None or priority is None:
        return None
    for stated, source in person.priority_sources.items():
        if stated.casefold() == priority.casefold():
            return source
    return None


def _sponsor_roles(motion: Motion) -> tuple[str, ...]:
    if motion is Motion.upsell:
        return ("champion", "budget_owner", "executive")
    return ("executive", "budget_owner")


def infer_alignment(account: Account, product: Product, motion: Motion, sponsor: str | None,
                    priority: str | None) -> Alignment:
    sponsor_person, sponsor_basis = None, "none found"
    named = account.stakeholder(sponsor)
    if sponsor and named and named.has_role(*_sponsor_roles(motion)):
        sponsor_person, sponsor_basis = named, "named on the play"
    elif sponsor and not named:
        sponsor_basis = f"'{sponsor}' is not a stakeholder on record"

    priority_value, priority_basis, priority_person = None, "none found", None
    if priority:
        stater = _stated_by(account, priority)
        if stater:
            priority_value, priority_basis, priority_person = priority, f"stated by {stater.name}", stater
        elif motion is Motion.upsell and product.serves_priority(priority):
            priority_value, priority_basis = priority, "served by the owned product"
        else:
            priority_basis = f"no stakeholder states '{priority}'"

    if motion is Motion.cross_sell:
        candidates = _cross_sell_sponsors(account, product)
        if sponsor_person is None and candidates:
            sponsor_person, _ = candidates[0]
            sponsor_basis = "executive or budget owner whose priority the product serves"
        if priority_value is None:
            pool = [c for c in candidates if c[0] is sponsor_person] or candidates
            if pool:
                priority_person, priority_value = pool[0]
                priority_basis = f"stated by {priority_person.name}"
    else:
        if sponsor_person is None:
            for person in account.stakeholders:
                if person.has_role("champion", "budget_owner"):
                    sponsor_person, sponsor_basis = person, "existing champion or budget owner"
                    break
        if priority_value is None:
            for person in account.stakeholders:
                match = next((p for p in person.priorities if product.serves_priority(p)), None)
                if match:
                    priority_value, priority_person = match, person
                    priority_basis = f"stated by {person.name}, served by {product.name}"
                    break
        if priority_value is None:
            outcome = next((o for o in account.outcomes if not o.product or
                            product.name.casefold() == o.product.casefold()), None)
            if outcome:
                priority_value = outcome.metric
                priority_basis = "the success criterion the original purchase was measured on"

    champion = next((p.name for p in account.stakeholders
                     if p.has_role("champion") and product.used_by and p.works_in(product.used_by)), None)
    return Alignment(
        sponsor=sponsor_person.name if sponsor_person else None,
        sponsor_basis=sponsor_basis,
        priority=priority_value,
        priority_basis=priority_basis,
        priority_source=_source(priority_person, priority_value),
        champion_in_using_team=champion,
    )
