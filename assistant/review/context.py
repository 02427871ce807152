"""The account's facts as the fix templates see them: the drafter's context (outcome,
utilization, priority, sponsor, champion ...) plus what a fix names: the figures and names on
record, the verdict and its remedies."""

from __future__ import annotations

from assistant.approval.loader import DraftChecks
from assistant.domain import Account, Catalog, Verdict
from assistant.drafting.context import build_context, say_quantity, say_share


def facts_on_record(account: Account, vocabulary) -> list[str]:
    facts = []
    for outcome in account.outcomes:
        if outcome.achieved is None:
            continue
        target = f" against {say_quantity(outcome.target, outcome.unit, vocabulary)}" if outcome.target is not None else ""
        facts.append(f"{outcome.metric} {say_quantity(outcome.achieved, outcome.unit, vocabulary)}{target}")
    for owned in account.owns:
        if owned.utilization is not None:
            facts.append(f"{owned.product} at {say_share(owned.utilization)} of capacity "
                         f"({say_quantity(owned.used, None, vocabulary)} of {say_quantity(owned.capacity, None, vocabulary)})")
    for feature, share in account.usage.adjacent_features.items():
        facts.append(f"{say_share(share)} of active users use {feature}")
    return facts


def fix_context(verdict: Verdict, account: Account, catalog: Catalog, checks: DraftChecks) -> dict:
    context = build_context(verdict, account, catalog, checks.vocabulary).model_dump()
    people = [p.name for p in account.stakeholders]
    context.update(
        verdict=verdict.verdict.value,
        remedies=list(dict.fromkeys(r.remedy for r in verdict.blockers() if r.remedy)),
        renewal_date=account.renewal.date.isoformat() if account.renewal.date else None,
        facts_on_record="; ".join(facts_on_record(account, checks.vocabulary)) or "none on record",
        names_on_record=", ".join([account.name, *people, verdict.product]),
        detail="",
    )
    return context
