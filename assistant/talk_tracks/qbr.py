"""A QBR talk track for one account: outcomes, value, priorities, and what comes next.

What comes next follows the verdicts only: each `pitch` play is its own motion with its own
approved talk track (the best-ranked change per product, so one product is never pitched three
ways at once); `intervene` yields the adoption plan; otherwise an honest "no expansion this
quarter" with the blockers and remedies. Rendered as Markdown (prompts/qbr.md.j2) or JSON.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.approval.loader import DraftChecks, load_draft_checks
from assistant.config import Settings
from assistant.domain import Account, Catalog, Verdict
from assistant.drafting.context import say_quantity, say_share
from assistant.drafting.prompts import render
from assistant.talk_tracks.gate import Audit, TalkTrack, produce_talk_track


class OutcomeLine(BaseModel):
    metric: str
    achieved: str | None
    target: str | None
    met: bool | None


class PriorityLine(BaseModel):
    person: str
    title: str | None
    priority: str
    source: str | None = None


class StrategyLine(BaseModel):
    kind: str
    detail: str | None
    date: dt.date | None = None
    relates_to: list[str] | None = None  # None: the link to a use case is not on record


class Expansion(BaseModel):
    product: str
    motion: str
    change: str
    signals: list[str]
    plan: list[str]
    talk_track: TalkTrack


class Blocked(BaseModel):
    product: str
    change: str
    verdict: str
    codes: list[str]  # the reason codes holding it, in the order of `why`
    why: list[str]
    remedies: list[str]


class QBR(BaseModel):
    account: str
    today: dt.date
    outcomes: list[OutcomeLine]
    value_realized: list[str]
    priorities: list[PriorityLine]
    strategy: list[StrategyLine] = Field(default_factory=list)
    expansions: list[Expansion] = Field(default_factory=list)
    adoption_plan: list[Blocked] = Field(default_factory=list)
    no_expansion: list[Blocked] = Field(default_factory=list)
    ruleset_version: str

    def render_markdown(self, prompts_dir: Path) -> str:
        return render(prompts_dir, "qbr.md.j2", qbr=self.model_dump()) + "\n"


class QbrResult(QBR):
    """The QBR with its Markdown text (prompts/qbr.md.j2), as `Coach.qbr` returns it."""

    markdown: str


def _outcomes(account: Account, checks: DraftChecks) -> list[OutcomeLine]:
    vocabulary = checks.vocabulary
    return [OutcomeLine(metric=o.metric, met=o.met,
                        achieved=say_quantity(o.achieved, o.unit, vocabulary) if o.achieved is not None else None,
                        target=say_quantity(o.target, o.unit, vocabulary) if o.target is not None else None)
            for o in account.outcomes]


def _value(account: Account, catalog: Catalog, checks: DraftChecks) -> list[str]:
    lines = []
    for o in account.outcomes:
        if o.met and o.achieved is not None and o.target:
            gap = say_quantity(abs(o.achieved - o.target), o.unit, checks.vocabulary)
            side = "above" if o.achieved >= o.target else "below"
            lines.append(f"{o.metric}: {gap} {side} the target ({say_share(o.achieved / o.target)} of it)")
    for owned in account.owns:
        if owned.utilization is not None:
            product = catalog.find(owned.product)
            unit = f" {product.unit}" if product and product.unit else ""
            lines.append(f"{owned.product}: {owned.used:,.0f} of {owned.capacity:,.0f}{unit} in use "
                         f"({say_share(owned.utilization)})")
    if account.usage.organic_new_users_90d:
        lines.append(f"{account.usage.organic_new_users_90d:,.0f} new users in the last 90 days without a push")
    for feature, share in account.usage.adjacent_features.items():
        lines.append(f"{feature}: used by {say_share(share)} of active users")
    if any(o.public_attribution for o in account.outcomes):
        lines.append("the customer publicly credits results to the product")
    if any(o.case_study for o in account.outcomes):
        lines.append("the customer is a reference or case study")
    return lines


def _priorities(account: Account) -> list[PriorityLine]:
    return [PriorityLine(person=p.name, title=p.title, priority=priority,
                         source=next((src for stated, src in p.priority_sources.items()
                                      if stated.casefold() == priority.casefold()), None))
            for p in account.stakeholders for priority in p.priorities]


def _best_per_product(verdicts: list[Verdict], kind: str) -> list[Verdict]:
    """Verdicts come best first (plays.evaluate_all); keep the first of `kind` for each product."""
    seen, chosen = set(), []
    for verdict in verdicts:
        if verdict.verdict.value == kind and verdict.product not in seen:
            seen.add(verdict.product)
            chosen.append(verdict)
    return chosen


def _blocked(verdict: Verdict) -> Blocked:
    blockers = verdict.blockers()
    return Blocked(product=verdict.product, change=verdict.change, verdict=verdict.verdict.value,
                   codes=[r.code for r in blockers], why=[f"{r.code}: {r.message}" for r in blockers],
                   remedies=list(dict.fromkeys(r.remedy for r in blockers if r.remedy)))


def qbr_talk_track(account: Account, verdicts: list[Verdict], catalog: Catalog, settings: Settings,
                   drafter=None, audit: Audit | None = None, *, checks: DraftChecks | None = None,
                   today: dt.date | None = None) -> QBR:
    checks = checks or load_draft_checks(settings.rules_dir, settings.knowledge_dir)
    expansions = []
    for verdict in _best_per_product(verdicts, "pitch"):
        track = produce_talk_track(verdict, account, catalog, settings, drafter, audit, checks=checks)
        expansions.append(Expansion(product=verdict.product, motion=verdict.motion.value, change=verdict.change,
                                    signals=[r.code for r in verdict.signals()], plan=verdict.plan,
                                    talk_track=track))
    adoption = [_blocked(v) for v in _best_per_product(verdicts, "intervene")]
    # Adoption gaps block every play of the account alike: one plan, not one per product.
    adoption = adoption[:1]
    no_expansion = []
    if not expansions and not adoption:
        products = dict.fromkeys(v.product for v in verdicts)
        no_expansion = [_blocked(next(v for v in verdicts if v.product == p)) for p in products]
    when = today or (verdicts[0].today if verdicts else dt.date.today())
    return QBR(account=account.name, today=when, outcomes=_outcomes(account, checks),
               value_realized=_value(account, catalog, checks), priorities=_priorities(account),
               strategy=[StrategyLine(kind=e.kind, detail=e.detail, date=e.date, relates_to=e.relates_to)
                         for e in account.strategy],
               expansions=expansions, adoption_plan=adoption, no_expansion=no_expansion,
               ruleset_version=checks.version)
