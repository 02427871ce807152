"""Turn an account, a catalog and a proposed play into the fact tree the rule conditions read.

A fact that is unknown is left out of the tree (rules guard with `has(...)`), so "unknown"
never reads as false or zero. FACT_SCHEMA lists every name a rule may use; the rule loader
rejects anything else, so a misspelt fact fails at load, not silently at evaluation.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain import UPSELL_CHANGES, Account, Catalog, Motion, Play, Product, StrategicEvent
from assistant.policy.alignment import Alignment, infer_alignment
from assistant.policy.calendar import next_quarter_end
from assistant.policy.errors import PlayError

# Every fact path a rule condition may read (params.* and the fired-code list are checked separately).
FACT_SCHEMA: frozenset[str] = frozenset({
    "play.product", "play.change", "play.motion", "play.amount", "play.timing_reason",
    "play.tied_to_renewal", "play.bundled", "play.days_to_quarter_end", "play.days_to_renewal",
    "play.pitch_to.known", "play.pitch_to.is_executive", "play.pitch_to.is_champion",
    "play.pitch_to.is_budget_owner", "play.pitch_to.saw_original_outcome",
    "play.pitch_to.asked_about_product",
    "product.kind", "product.owned", "product.utilization", "product.ceiling_share",
    "product.adjacent_share", "product.expressed_need", "product.at_top_tier",
    "product.strategy_linked_kinds", "product.strategy_unknown_link_kinds",
    "product.strategy_linked", "product.strategy_link_not_on_record", "product.strategy_unrelated",
    "account.min_utilization", "account.max_utilization", "account.max_ceiling_share",
    "account.owned_capacity", "account.organic_new_users_90d", "account.outcomes_recorded",
    "account.outcomes_met", "account.outcomes_not_met", "account.public_attribution", "account.case_study",
    "account.strategy_kinds",
    "health.nps", "health.csat", "health.open_escalations", "health.sentiment",
    "renewal.risk", "renewal.days_to_renewal",
    "alignment.sponsor_found", "alignment.priority_found", "alignment.champion_in_using_team",
})
FACT_ROOTS = frozenset(path.split(".")[0] for path in FACT_SCHEMA)


def resolve_product(catalog: Catalog, name: str) -> Product:
    product = catalog.find(name)
    if product is None:
        known = ", ".join(p.name for p in catalog.products) or "none"
        raise PlayError(f"'{name}' is not in the catalog (products: {known}); "
                        "check the spelling or add it with `coach catalog import`.")
    return product


def default_change(account: Account, product: Product) -> str:
    owned = account.ownership(product)
    if owned is None:
        return "new_product"
    if product.unit and "seat" in product.unit.casefold():
        return "more_seats"
    return "more_capacity"


def motion_for(account: Account, product: Product, change: str) -> Motion:
    """The motion follows from what the account owns: the user never has to say it."""
    owned = account.ownership(product) is not None
    if owned and change == "new_product":
        raise PlayError(f"{account.name} already owns {product.name}; an expansion of it is an upsell "
                        f"(change one of: {', '.join(UPSELL_CHANGES)}).")
    if not owned and change != "new_product":
        raise PlayError(f"{account.name} does not own {product.name}, so '{change}' is not possible; "
                        "selling it is a cross-sell (change new_product).")
    return Motion.upsell if owned else Motion.cross_sell


def _utilizations(account: Account) -> list[float]:
    return [u for u in (o.utilization for o in account.owns) if u is not None]


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _contains(words: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    size = len(wanted)
    return bool(size) and any(words[i:i + size] == wanted for i in range(len(words) - size + 1))


def _mentions(text: str, terms: list[str]) -> bool:
    """True when `text` names one of `terms` as whole words ("Data Quality module" names Data Quality);
    an alias is not matched inside another word ("dq" in "headquarters")."""
    words = _words(text)
    return any(_contains(words, _words(term)) for term in terms)


def _need_terms(product: Product) -> list[str]:
    return product.names() + product.serves + product.adjacent_features


def _addresses(need: str, product: Product, catalog: Catalog) -> bool:
    """Whether a stated need is one this product addresses.

    It is when the need names the product, an alias, a priority it serves or an adjacent feature
    ("Governance Suite for the audit", "audit readiness"). A shorter need that is only part of
    such a term counts when it picks out this product alone in the catalog: "governance" points
    to Governance Suite, while "data", found in several products' terms, states no need any one
    play addresses.
    """
    if _mentions(need, _need_terms(product)):
        return True
    words = _words(need)
    if not words or not any(_contains(_words(term), words) for term in _need_terms(product)):
        return False
    return not any(_contains(_words(term), words)
                   for other in catalog.products if other.name != product.name
                   for term in _need_terms(other))


def _expressed_need(account: Account, product: Product, catalog: Catalog) -> bool:
    asked = list(account.needs_expressed)
    for person in account.stakeholders:
        asked.extend(person.asked_about)
    return any(_addresses(need, product, catalog) for need in asked)


def _account_facts(account: Account) -> dict:
    facts: dict = {
        "outcomes_recorded": len(account.outcomes),
        "outcomes_met": sum(1 for o in account.outcomes if o.met),
        # Recorded as not met (met: false); a criterion whose status is not on record is unknown.
        "outcomes_not_met": sum(1 for o in account.outcomes if o.met is False),
        "public_attribution": any(o.public_attribution for o in account.outcomes),
        "case_study": any(o.case_study for o in account.outcomes),
        "strategy_kinds": [event.kind for event in account.strategy],
    }
    utilizations = _utilizations(account)
    if utilizations:
        facts["min_utilization"] = min(utilizations)
        facts["max_utilization"] = max(utilizations)
    ceilings = [c for c in (o.ceiling_share for o in account.owns) if c is not None]
    if ceilings:
        facts["max_ceiling_share"] = max(ceilings)
    capacities = [o.capacity for o in account.owns if o.capacity]
    if capacities:
        facts["owned_capacity"] = float(sum(capacities))
    if account.usage.organic_new_users_90d is not None:
        facts["organic_new_users_90d"] = float(account.usage.organic_new_users_90d)
    return facts


def _event_label(event: StrategicEvent) -> str:
    return f"{event.kind}: {event.detail}" if event.detail else event.kind


def strategy_facts(account: Account, product: Product) -> dict:
    """The account's strategic events as they bear on one product (README of the scenarios).

    Conditions read the kinds only (a handful of distinct values over a whole book, so the
    batch evaluator's memo holds); the labelled lists are evidence, present when not empty.
    An event whose link is not on record still counts, in its own list, so the evidence can
    say so; an event on record as relating to something else does not count for this product.
    """
    linked, unknown, unrelated = [], [], []
    linked_kinds, unknown_kinds = [], []
    for event in account.strategy:
        matches = event.link_to(product)
        if matches is None:
            unknown_kinds.append(event.kind)
            unknown.append(_event_label(event))
        elif matches:
            linked_kinds.append(event.kind)
            linked.append(f"{_event_label(event)} → {', '.join(matches)}")
        else:
            unrelated.append(f"{_event_label(event)} → {', '.join(event.relates_to or [])}")
    facts: dict = {"strategy_linked_kinds": linked_kinds, "strategy_unknown_link_kinds": unknown_kinds}
    for key, labels in (("strategy_linked", linked), ("strategy_link_not_on_record", unknown),
                        ("strategy_unrelated", unrelated)):
        if labels:
            facts[key] = labels
    return facts


def product_facts(account: Account, product: Product, catalog: Catalog) -> dict:
    owned = account.ownership(product)
    facts: dict = {"kind": product.kind, "owned": owned is not None,
                   "expressed_need": _expressed_need(account, product, catalog)}
    if owned is not None:
        if owned.utilization is not None:
            facts["utilization"] = owned.utilization
        if owned.ceiling_share is not None:
            facts["ceiling_share"] = owned.ceiling_share
        if owned.tier and product.tiers:
            facts["at_top_tier"] = owned.tier.casefold() == product.tiers[-1].casefold()
    usage = {k.casefold(): v for k, v in account.usage.adjacent_features.items()}
    shares = [usage[f.casefold()] for f in product.adjacent_features if f.casefold() in usage]
    if shares:
        facts["adjacent_share"] = float(max(shares))
    facts.update(strategy_facts(account, product))
    return facts


def _known(values: dict) -> dict:
    return {key: value for key, value in values.items() if value is not None}


def pitch_to_facts(account: Account, product: Product, name: str | None, catalog: Catalog) -> dict:
    person = account.stakeholder(name)
    if person is None:
        return {"known": False}
    return _known({
        "known": True,
        "is_executive": person.has_role("executive"),
        "is_champion": person.has_role("champion"),
        "is_budget_owner": person.has_role("budget_owner"),
        "saw_original_outcome": person.saw_original_outcome,
        "asked_about_product": any(_addresses(a, product, catalog) for a in person.asked_about),
    })


def play_basics(account: Account, catalog: Catalog, play: Play) -> tuple[Product, str, Motion, Alignment]:
    """What the play is before any rule reads it: the product, the change (derived when not
    given), the motion that follows from them, and the sponsor and priority found for it."""
    product = resolve_product(catalog, play.product)
    change = play.change or default_change(account, product)
    motion = motion_for(account, product, change)
    return product, change, motion, infer_alignment(account, product, motion, play.sponsor, play.advances_priority)


def alignment_facts(alignment: Alignment, product: Product) -> dict:
    """Whether a sponsor, a priority and a champion in a using team were found. The champion fact
    is known only when the catalog names the teams that would use the product (`used_by`): with
    no team on record, whether someone champions it there is unknown, not false (scenarios
    README: a missing field is unknown), so `cross_sell.needs_champion` is not evaluated."""
    facts = {"sponsor_found": alignment.sponsor is not None, "priority_found": alignment.priority is not None}
    if product.used_by:
        facts["champion_in_using_team"] = alignment.champion_in_using_team is not None
    return facts


def build_facts(account: Account, catalog: Catalog, play: Play, today: dt.date,
                params: dict) -> tuple[dict, Product, Motion, str, Alignment]:
    product, change, motion, alignment = play_basics(account, catalog, play)
    when = play.proposed_date or today

    play_facts: dict = {
        "product": product.name, "change": change, "motion": motion.value,
        "timing_reason": play.timing_reason, "tied_to_renewal": play.tied_to_renewal,
        "bundled": len(play.bundled_with),
        "pitch_to": pitch_to_facts(account, product, play.pitch_to, catalog),
    }
    if play.amount is not None:
        play_facts["amount"] = float(play.amount)
    if catalog.vendor.fiscal_quarter_end:
        play_facts["days_to_quarter_end"] = (next_quarter_end(catalog.vendor.fiscal_quarter_end, when) - when).days
    renewal = _known({"risk": account.renewal.risk})
    if account.renewal.date:
        renewal["days_to_renewal"] = (account.renewal.date - when).days
        play_facts["days_to_renewal"] = renewal["days_to_renewal"]

    facts = {
        "play": play_facts,
        "product": product_facts(account, product, catalog),
        "account": _account_facts(account),
        "health": _known(account.health.model_dump(include={"nps", "csat", "open_escalations", "sentiment"})),
        "renewal": renewal,
        "alignment": alignment_facts(alignment, product),
        "params": params,
    }
    return facts, product, motion, change, alignment
