"""Every sensible play for an account: each catalog product, each change that applies to it."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from assistant.domain import VERDICT_STRICTNESS, Account, Catalog, Play, Product, Verdict
from assistant.policy.engine import evaluate
from assistant.policy.rules import RuleSet


def applicable_changes(account: Account, product: Product) -> list[str]:
    owned = account.ownership(product)
    if owned is None:
        return ["new_product"]
    seats = bool(product.unit and "seat" in product.unit.casefold())
    changes = ["more_seats" if seats else "more_capacity"]
    if owned.ceiling:
        changes.append("more_volume")
    if product.tiers and owned.tier and owned.tier.casefold() != product.tiers[-1].casefold():
        changes.append("higher_tier")
    changes.append("longer_term")
    return changes


def candidate_plays(account: Account, catalog: Catalog) -> Iterator[Play]:
    for product in catalog.products:
        for change in applicable_changes(account, product):
            yield Play(product=product.name, change=change)


def rank_key(verdict: Verdict) -> tuple:
    """Best first: the least strict verdict, then the most signals, then catalog order."""
    return (VERDICT_STRICTNESS[verdict.verdict.value], -len(verdict.signals()))


def evaluate_all(ruleset: RuleSet, account: Account, catalog: Catalog, today: dt.date) -> list[Verdict]:
    verdicts = [evaluate(ruleset, account, catalog, play, today) for play in candidate_plays(account, catalog)]
    return sorted(verdicts, key=rank_key)
