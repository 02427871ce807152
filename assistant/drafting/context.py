"""What a drafter may use: only the verdict's grounded facts, the motion plan and cited passages.

Numbers are pre-formatted as a person says them ("4.2M USD", "92%"), so templates and models
quote them instead of computing new ones. Everything here comes from the account record, the
catalog and the verdict; nothing from the question or from free text a user typed.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.approval.spec import Vocabulary
from assistant.domain import Account, Catalog, Outcome, Verdict
from assistant.policy.alignment import infer_alignment


class OutcomeFact(BaseModel):
    metric: str
    achieved: str
    target: str | None = None


class FeatureUse(BaseModel):
    feature: str
    share: str  # e.g. "70%" of active users


class Passage(BaseModel):
    section: str
    title: str
    text: str


class DraftContext(BaseModel):
    account: str
    product: str
    motion: str
    change: str
    verdict: str
    contact: str | None = None  # who the track is addressed to (the play's pitch_to, else the sponsor)
    contact_first: str | None = None
    sponsor: str | None = None
    sponsor_first: str | None = None
    priority: str | None = None
    outcome: OutcomeFact | None = None
    owned_product: str | None = None  # for a cross-sell: what produced the outcome
    utilization: str | None = None
    saturated: bool = False  # the verdict found capacity saturation (usage.saturation)
    unit: str | None = None
    next_tier: str | None = None
    adjacent: FeatureUse | None = None
    champion: str | None = None
    champion_first: str | None = None
    team: str | None = None
    amount: str | None = None
    plan: list[str] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    # Set on a re-ask: the refused draft and why the rules refused it.
    previous_draft: str | None = None
    feedback: list[str] = Field(default_factory=list)

    def facts_for_model(self) -> dict:
        """The data block a model sees: facts and plan, without passages or feedback."""
        return self.model_dump(exclude={"passages", "previous_draft", "feedback"}, exclude_none=True)

    def facts_for_slots(self) -> dict:
        """The few facts a slot clause needs, in words (no figures: clauses carry none)."""
        if self.motion == "cross_sell":
            step = self.product
        elif self.change == "higher_tier":
            step = f"moving to {self.next_tier or 'the next tier'}"
        elif self.change == "longer_term":
            step = "a longer commitment"
        else:
            step = f"more {self.unit or 'capacity'}"
        return {"account": self.account, "product": self.product, "next_step": step,
                "serves": self.priority or (self.outcome.metric if self.outcome else self.product),
                "team": self.team or "using"}

    def with_feedback(self, draft: str, reasons: list[str]) -> "DraftContext":
        return self.model_copy(update={"previous_draft": draft, "feedback": list(reasons)})


def _say_number(value: float) -> str:
    """As a person says it: 4.2M, 350,000, 3M, 12, 0.5."""
    if abs(value) >= 1_000_000:
        millions = round(value / 1_000_000, 1)
        return f"{millions:g}M"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def say_share(share: float) -> str:
    percent = share * 100
    if abs(percent - round(percent)) < 0.05:
        return f"{round(percent)}%"
    return f"{percent:.1f}%"


def say_quantity(value: float, unit: str | None, vocabulary: Vocabulary) -> str:
    unit_key = (unit or "").strip().casefold()
    if unit_key in {u.casefold() for u in vocabulary.percent_units}:
        return f"{_say_number(value)}%"
    if unit_key in {u.casefold() for u in vocabulary.money_units}:
        code = unit.strip().upper() if unit_key.isalpha() and len(unit_key) == 3 else vocabulary.default_currency
        return f"{_say_number(value)} {code}"
    if unit_key and unit_key not in ("count", "number"):
        return f"{_say_number(value)} {unit.strip()}"
    return _say_number(value)


def _outcome(account: Account, product_name: str | None) -> Outcome | None:
    met = [o for o in account.outcomes if o.met and o.achieved is not None]
    preferred = [o for o in met if product_name and o.product and o.product.casefold() == product_name.casefold()]
    return (preferred or met or [None])[0]


def _first(name: str | None) -> str | None:
    return name.split()[0] if name else None


def build_context(verdict: Verdict, account: Account, catalog: Catalog, vocabulary: Vocabulary,
                  passages: list[Passage] | None = None) -> DraftContext:
    product = catalog.find(verdict.product)
    owned = account.ownership(product) if product else None
    owned_name = owned.product if owned else (account.owns[0].product if account.owns else None)
    outcome = _outcome(account, owned_name)
    outcome_fact = None
    if outcome is not None:
        outcome_fact = OutcomeFact(
            metric=outcome.metric, achieved=say_quantity(outcome.achieved, outcome.unit, vocabulary),
            target=say_quantity(outcome.target, outcome.unit, vocabulary) if outcome.target is not None else None)
    utilization = owned.utilization if owned else None
    adjacent = None
    if product is not None and verdict.motion.value == "cross_sell":
        usage = {k.casefold(): (k, v) for k, v in account.usage.adjacent_features.items()}
        shares = [usage[f.casefold()] for f in product.adjacent_features if f.casefold() in usage]
        if shares:
            feature, share = max(shares, key=lambda pair: pair[1])
            adjacent = FeatureUse(feature=feature, share=say_share(share))
    champion = None
    if product is not None:
        champion = infer_alignment(account, product, verdict.motion, verdict.sponsor,
                                   verdict.priority).champion_in_using_team
    person = account.stakeholder(champion)
    team = person.team if person and person.team else None
    if team is None and product is not None and product.used_by:
        team = product.used_by[0]
    next_tier = None
    if product and owned and owned.tier and product.tiers:
        tiers = [t.casefold() for t in product.tiers]
        if owned.tier.casefold() in tiers and tiers.index(owned.tier.casefold()) + 1 < len(tiers):
            next_tier = product.tiers[tiers.index(owned.tier.casefold()) + 1]
    contact = verdict.pitch_to if account.stakeholder(verdict.pitch_to) else verdict.sponsor
    return DraftContext(
        account=account.name, product=verdict.product, motion=verdict.motion.value, change=verdict.change,
        verdict=verdict.verdict.value, contact=contact, contact_first=_first(contact),
        sponsor=verdict.sponsor, sponsor_first=_first(verdict.sponsor), priority=verdict.priority,
        outcome=outcome_fact, owned_product=owned_name if verdict.motion.value == "cross_sell" else None,
        utilization=say_share(utilization) if utilization is not None else None,
        saturated="usage.saturation" in verdict.codes,
        unit=product.unit if product else None, next_tier=next_tier, adjacent=adjacent,
        champion=champion, champion_first=_first(champion), team=team,
        amount=(say_quantity(verdict.amount, vocabulary.default_currency, vocabulary)
                if verdict.amount is not None else None),
        plan=list(verdict.plan), passages=list(passages or []),
    )
