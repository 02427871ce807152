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


def evaluate_all_what_if(ruleset: RuleSet, account: Account, catalog: Catalog, today: dt.date,
                         expressions: list[str]) -> tuple[list[Verdict], list[tuple[Play, str, str]]]:
    """Every sensible play's verdict on changed facts (`NAME=VALUE` what-ifs), best first; the
    store's records are not touched. A what-if that does not fit one play (utilization of a
    product the account does not own) is left out for that play only: returned as (play, what-if,
    why). One that is wrong for every play (an unknown name, a bad value) raises WhatIfError."""
    from assistant.policy.lift_config import load_lift_config
    from assistant.policy.whatif import WhatIfError, apply_changes, parse_what_if

    config = load_lift_config()
    changes = [(text, parse_what_if(text, config, account)) for text in expressions]
    verdicts, skipped = [], []
    for play in candidate_plays(account, catalog):
        changed_account, changed_play = account, play
        for text, change in changes:
            try:
                changed_account, changed_play = apply_changes(changed_account, changed_play, [change],
                                                              catalog=catalog, config=config, today=today)
            except WhatIfError as exc:
                skipped.append((play, text, str(exc)))
        verdicts.append(evaluate(ruleset, changed_account, catalog, changed_play, today))
    return sorted(verdicts, key=rank_key), skipped
