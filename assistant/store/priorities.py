"""Executive priorities recorded by the AM, merged into the account snapshot's stakeholders.

A record says who stated which priority, where ("QBR 2026-04-10") and when; the engine shows
that source with the verdict so the AM can say whose goal the play advances and since when.
"""

from __future__ import annotations

import datetime as dt

from assistant.domain import Account


def source_label(source: str | None, stated_on: dt.date | None, created_at: dt.datetime) -> str:
    """e.g. "QBR 2026-04-10, recorded 2026-04-11"."""
    parts = []
    if source:
        said = source.strip()
        if stated_on and stated_on.isoformat() not in said:
            said += f" on {stated_on.isoformat()}"
        parts.append(said)
    elif stated_on:
        parts.append(f"stated {stated_on.isoformat()}")
    parts.append(f"recorded {created_at.date().isoformat()}")
    return ", ".join(parts)


def merge_records(account: Account, records: list[dict], *, copy: bool = True) -> Account:
    """A copy of the account whose stakeholders carry the recorded priorities and their sources
    (`copy=False`: the account itself, for one just validated that nobody else holds).

    Records for a person no longer in the snapshot are left out (list_priorities still shows them).
    """
    if not records:
        return account
    merged = account.model_copy(deep=True) if copy else account
    for record in records:
        person = merged.stakeholder(record["person"])
        if person is None:
            continue
        priority = record["priority"]
        if not person.states_priority(priority):
            person.priorities.append(priority)
        stated = next((p for p in person.priorities if p.casefold() == priority.casefold()), priority)
        # The record is the newer, sourced statement: it replaces a source the snapshot carried.
        person.priority_sources = {k: v for k, v in person.priority_sources.items()
                                   if k.casefold() != stated.casefold()}
        person.priority_sources[stated] = record["label"]
    return merged
