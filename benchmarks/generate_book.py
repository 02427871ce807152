"""Synthetic books of accounts for benchmarks and load tests, reproducible from a seed.

    from benchmarks.generate_book import generate_catalog, generate_accounts
    catalog = generate_catalog()
    for account in generate_accounts(10_000, seed=7): ...

The accounts are a mix of archetypes so that every signal and every account-level blocker of
docs/policy.md fires somewhere in the book (saturation, ceiling, adjacent features, organic growth,
met outcomes, attribution, case study, initiatives, buyer hires, growth, expressed needs;
adoption gap, unproven value, dissatisfaction, renewal at risk, missing priority, sponsor or
champion, no signals). `generate_play` adds the play-level cases (renewal coupling, vendor
timing, executive without a view, bundles, value moments). `generate_history` writes contract
events, play outcomes and health readings for the metrics.

Accounts are generated one at a time (an iterator), so a 100,000-account book never has to be
held in memory by the generator.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Iterator

from assistant.domain import (Account, Catalog, Health, Outcome, Ownership, Play, Product, Renewal,
                              StrategicEvent, Stakeholder, Usage, Vendor)

TODAY = dt.date(2026, 4, 6)  # early in the vendor's quarter, so vendor timing does not hold everything
FISCAL_QUARTER_END = dt.date(2026, 6, 30)

_PREFIXES = ("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
             "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Gringotts", "Oscorp", "Aperture", "Massive",
             "Pied Piper", "Blue Sun", "Monarch")
_SUFFIXES = ("Logistics", "Retail", "Health", "Bank", "Media", "Energy", "Foods", "Labs", "Insurance",
             "Telecom", "Travel", "Motors")
_FIRST = ("Dana", "Priya", "Tom", "Lena", "Omar", "Grace", "Kenji", "Maria", "Felix", "Aisha", "Jonas",
          "Sofia", "Ravi", "Elena", "Marcus", "Yuki")
_LAST = ("Ruiz", "Natarajan", "Becker", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak",
         "Haddad", "Kowalski", "Brennan", "Iyer", "Fischer")

# Archetype -> weight. Weights give a book where roughly a third has a play to pitch.
_ARCHETYPES = {
    "saturated_success": 14,     # high utilization, met outcome: upsell ready
    "cross_sell_ready": 10,      # adjacent feature use, exec priority, champion in using team
    "strategic_only": 8,         # initiative / hire / growth, nothing else
    "adoption_gap": 12,          # utilization below the floor
    "unproven": 12,              # outcomes recorded, none met
    "dissatisfied": 10,          # low NPS / CSAT, escalation or negative sentiment
    "renewal_risk": 8,           # renewal risk high
    "no_alignment": 8,           # signals but no stakeholder with a stated priority or role
    "quiet": 10,                 # no signal at all
    "mixed": 8,                  # a little of everything
}


def generate_catalog() -> Catalog:
    """The benchmark catalog: the shared scenarios' four products plus a seat-based one."""
    return Catalog(vendor=Vendor(name="Example Data Co", fiscal_quarter_end=FISCAL_QUARTER_END), products=[
        Product(name="Data Platform", kind="platform", tiers=["Standard", "Enterprise"], unit="capacity units",
                serves=["pipeline growth", "marketing efficiency", "faster reporting"],
                used_by=["marketing operations", "analytics", "growth marketing", "demand generation"]),
        Product(name="Data Quality", kind="module", adjacent_features=["schema checks", "null profiling"],
                serves=["data trust", "data quality"], used_by=["data engineering"]),
        Product(name="Marketing Automation", kind="module",
                adjacent_features=["audience export", "campaign tagging"],
                serves=["pipeline growth", "campaign efficiency"],
                used_by=["marketing operations", "demand generation", "growth marketing"]),
        Product(name="Governance Suite", kind="module", adjacent_features=["access reviews", "lineage view"],
                serves=["regulatory compliance", "audit readiness"], used_by=["compliance", "data office"]),
        Product(name="Insights Studio", kind="module", tiers=["Team", "Business", "Enterprise"], unit="seats",
                adjacent_features=["dashboard sharing"], serves=["faster reporting", "self-service analytics"],
                used_by=["analytics", "finance"]),
    ])


def _person(rng: random.Random, title: str, roles: list[str], team: str, priorities: list[str],
            saw: bool | None = True) -> Stakeholder:
    return Stakeholder(name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", title=title, roles=roles, team=team,
                       priorities=priorities, saw_original_outcome=saw)


def _stakeholders(rng: random.Random, aligned: bool) -> list[Stakeholder]:
    if not aligned:
        return [_person(rng, "Marketing Analyst", ["user_lead"], "analytics", [], saw=None)]
    people = [_person(rng, "VP Marketing Operations", ["champion", "budget_owner"], "marketing operations",
                      ["pipeline growth"])]
    if rng.random() < 0.6:
        people.append(_person(rng, "Chief Data Officer", ["executive"], "data office",
                              [rng.choice(["data trust", "audit readiness", "regulatory compliance"])],
                              saw=rng.random() < 0.5))
    if rng.random() < 0.5:
        people.append(_person(rng, "Data Engineering Lead", ["champion", "user_lead"], "data engineering",
                              ["fewer broken pipelines"]))
    if rng.random() < 0.3:
        people.append(_person(rng, "CFO", ["executive", "budget_owner"], "finance", ["faster reporting"],
                              saw=rng.random() < 0.5))
    # Unique names inside the account: the engine looks stakeholders up by name.
    seen: set[str] = set()
    unique = []
    for index, person in enumerate(people):
        if person.name.casefold() in seen:
            person = person.model_copy(update={"name": f"{person.name} {index + 1}"})
        seen.add(person.name.casefold())
        unique.append(person)
    return unique


def _owns(rng: random.Random, utilization: float, ceiling_share: float | None) -> list[Ownership]:
    capacity = float(rng.choice((200, 500, 1000, 2000, 5000)))
    platform = Ownership(product="Data Platform", tier=rng.choice(["Standard", "Standard", "Enterprise"]),
                         capacity=capacity, used=round(capacity * utilization),
                         annual_value=float(rng.randrange(50, 900) * 1000),
                         since=TODAY - dt.timedelta(days=rng.randrange(200, 1500)))
    if ceiling_share is not None:
        platform.ceiling = 50_000_000.0
        platform.volume = round(50_000_000.0 * ceiling_share)
    owns = [platform]
    if rng.random() < 0.35:
        seats = float(rng.choice((25, 50, 100, 250)))
        owns.append(Ownership(product="Insights Studio", tier=rng.choice(["Team", "Business"]), capacity=seats,
                              used=round(seats * min(1.0, utilization + rng.uniform(-0.1, 0.1))),
                              annual_value=float(rng.randrange(10, 120) * 1000)))
    return owns


def _outcome(met: bool | None, *, attribution: bool = False, case_study: bool = False) -> Outcome:
    achieved = 4_200_000.0 if met else 1_800_000.0
    return Outcome(metric="attributed pipeline", unit="USD", target=3_000_000.0, achieved=achieved, met=met,
                   public_attribution=attribution, case_study=case_study)


def _strategy(rng: random.Random, count: int) -> list[StrategicEvent]:
    kinds = ("initiative", "business_unit", "geography", "buyer_hire", "growth")
    return [StrategicEvent(kind=k, detail=f"{k.replace('_', ' ')} announced", date=TODAY - dt.timedelta(days=30))
            for k in rng.sample(kinds, count)]


def _health(rng: random.Random, unhappy: bool) -> Health:
    if not unhappy:
        return Health(nps=float(rng.randrange(10, 70)), csat=round(rng.uniform(3.5, 5.0), 1), open_escalations=0,
                      sentiment=rng.choice(["positive", "neutral"]))
    which = rng.randrange(4)
    return Health(nps=float(rng.randrange(-60, -1)) if which == 0 else float(rng.randrange(0, 40)),
                  csat=round(rng.uniform(1.0, 2.9), 1) if which == 1 else 4.0,
                  open_escalations=rng.randrange(1, 4) if which == 2 else 0,
                  sentiment="negative" if which == 3 else "neutral")


def _account(index: int, rng: random.Random, owners: list[str]) -> Account:
    kind = rng.choices(list(_ARCHETYPES), weights=list(_ARCHETYPES.values()))[0]
    utilization = rng.uniform(0.65, 0.84)
    ceiling_share = rng.choice((None, None, rng.uniform(0.5, 0.85)))
    outcomes = [_outcome(None)] if rng.random() < 0.3 else []
    strategy: list[StrategicEvent] = []
    adjacent: dict[str, float] = {}
    organic = float(rng.randrange(0, 10))
    needs: list[str] = []
    aligned, unhappy, risk = True, False, rng.choice(["low", "low", "medium"])

    if kind in ("saturated_success", "mixed"):
        utilization = rng.uniform(0.86, 1.0)
        outcomes = [_outcome(True, attribution=rng.random() < 0.3, case_study=rng.random() < 0.2)]
        if rng.random() < 0.4:
            ceiling_share = rng.uniform(0.9, 0.99)
        if rng.random() < 0.4:
            organic = float(rng.randrange(60, 400))
    if kind in ("cross_sell_ready", "mixed"):
        adjacent = {rng.choice(["schema checks", "null profiling", "access reviews", "audience export",
                                "dashboard sharing"]): round(rng.uniform(0.5, 0.9), 2)}
        outcomes = outcomes or [_outcome(True)]
        if rng.random() < 0.4:
            needs = [rng.choice(["data quality", "audit readiness", "campaign efficiency"])]
    if kind in ("strategic_only", "mixed"):
        strategy = _strategy(rng, rng.randrange(1, 4))
    if kind == "adoption_gap":
        utilization = rng.uniform(0.2, 0.59)
        outcomes = [_outcome(rng.random() < 0.3)]
    if kind == "unproven":
        outcomes = [_outcome(False)]
        utilization = rng.uniform(0.86, 0.99) if rng.random() < 0.5 else utilization
    if kind == "dissatisfied":
        unhappy = True
        utilization = rng.uniform(0.86, 0.99)
        outcomes = [_outcome(rng.random() < 0.5)]
    if kind == "renewal_risk":
        risk = "high"
        outcomes = [_outcome(True)]
        strategy = _strategy(rng, 1)
    if kind == "no_alignment":
        aligned = False
        utilization = rng.uniform(0.86, 0.99)
        outcomes = [_outcome(True)]
    if kind == "quiet":
        outcomes, organic = [], 0.0
    if kind == "mixed" and rng.random() < 0.3:
        unhappy = True

    return Account(
        name=f"{rng.choice(_PREFIXES)} {rng.choice(_SUFFIXES)} {index:06d}",
        owner=owners[index % len(owners)],
        owns=_owns(rng, utilization, ceiling_share),
        usage=Usage(organic_new_users_90d=organic, adjacent_features=adjacent),
        outcomes=outcomes,
        strategy=strategy,
        health=_health(rng, unhappy),
        renewal=Renewal(date=TODAY + dt.timedelta(days=rng.randrange(20, 400)), risk=risk),
        stakeholders=_stakeholders(rng, aligned),
        needs_expressed=needs,
        archetype=kind,  # extra field: lets a benchmark check the mix; the engine ignores it
    )


def owner_names(n: int) -> list[str]:
    """Account managers of a book of n accounts: about 150 accounts each, at least three."""
    count = max(3, n // 150)
    return [f"am{i:04d}@example.com" for i in range(count)]


def generate_accounts(n: int, seed: int = 0) -> Iterator[Account]:
    """n accounts with unique names, reproducible from `seed`, one at a time."""
    rng = random.Random(seed)
    owners = owner_names(n)
    for index in range(n):
        yield _account(index, rng, owners)


def generate_play(account: Account, catalog: Catalog, rng: random.Random) -> Play:
    """A proposed play, including the play-level blockers (coupling, vendor timing, bundles...)."""
    product = rng.choice(catalog.products)
    case = rng.randrange(6)
    executives = [p.name for p in account.stakeholders if p.has_role("executive")]
    return Play(
        product=product.name,
        amount=float(rng.randrange(20, 400) * 1000),
        pitch_to=rng.choice(executives) if case == 2 and executives else None,
        proposed_date=FISCAL_QUARTER_END - dt.timedelta(days=10) if case == 1 else TODAY,
        timing_reason=("quarter_end", "customer_milestone")[case % 2] if case in (1, 3) else "unspecified",
        tied_to_renewal=case == 0,
        bundled_with=[rng.choice([p.name for p in catalog.products if p.name != product.name])] if case == 4 else [],
    )


def generate_history(accounts: list[Account] | Iterator[Account], seed: int = 0,
                     start: dt.date = dt.date(2024, 1, 1), end: dt.date = TODAY) -> dict[str, list[dict]]:
    """Contract events, play outcomes and health readings (store column names) for the accounts."""
    rng = random.Random(seed)
    contract, outcomes, health = [], [], []
    span = (end - start).days
    for account in accounts:
        day = start + dt.timedelta(days=rng.randrange(0, span // 3))
        value = float(rng.randrange(50, 900) * 1000)
        contract.append({"account": account.name, "date": day, "kind": "new", "product": "Data Platform",
                         "amount": value})
        nps = float(rng.randrange(0, 70))
        health.append({"account": account.name, "date": day, "nps": nps, "csat": 4.0, "open_escalations": 0})
        while True:
            day += dt.timedelta(days=rng.randrange(60, 240))
            if day > end:
                break
            roll = rng.random()
            if roll < 0.45:
                amount = float(rng.randrange(10, 200) * 1000)
                contract.append({"account": account.name, "date": day, "kind": "expansion",
                                 "product": rng.choice(["Data Platform", "Data Quality", "Insights Studio"]),
                                 "amount": amount})
                outcomes.append({"account": account.name, "product": "Data Platform", "change": "more_capacity",
                                 "outcome": "won", "date": day, "amount": amount})
            elif roll < 0.55:
                contract.append({"account": account.name, "date": day, "kind": "contraction",
                                 "product": "Data Platform", "amount": round(value * 0.2)})
            elif roll < 0.60:
                contract.append({"account": account.name, "date": day, "kind": "churn", "product": None,
                                 "amount": value})
                break
            elif roll < 0.75:
                outcomes.append({"account": account.name, "product": "Data Quality", "change": "new_product",
                                 "outcome": rng.choice(["lost", "deferred"]), "date": day,
                                 "amount": float(rng.randrange(50, 400) * 1000)})
            nps = max(-100.0, min(100.0, nps + rng.randrange(-25, 20)))
            health.append({"account": account.name, "date": day, "nps": nps,
                           "csat": round(rng.uniform(2.0, 5.0), 1), "open_escalations": int(rng.random() < 0.1)})
    return {"contract": contract, "outcomes": outcomes, "health": health}
