"""The domain as pydantic models, shaped like the snapshot format of shared scenario files.

Optional fields default to None, which means "unknown", never "false" or zero: an unknown NPS
is not a dissatisfied customer. Unknown fields are kept (extra="allow") and reported as
warnings by the importer, so a richer snapshot still loads and a typo is still pointed out.
Numbers and dates use the ranged types of assistant.validation (finite, within documented ranges).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.validation import Count, Csat, Date, Finite, NonNegative, Nps, Share


# Account free text (names, metrics, priorities, titles, teams, details) is data that talk tracks
# quote: one line of ordinary text. Longer text or control characters (line breaks, tabs,
# bidirectional overrides, zero-width characters) are a paste error or an injection attempt.
FREE_TEXT_MAX_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _no_control(value: str) -> str:
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(f"text contains the control character U+{ord(bad.group(0)):04X} at position "
                         f"{bad.start() + 1}: remove it")
    return value


def _one_line(value: str) -> str:
    if len(value) > FREE_TEXT_MAX_CHARS:
        raise ValueError(f"text longer than {FREE_TEXT_MAX_CHARS} characters ({len(value)}): shorten it")
    return _no_control(value)


Text = Annotated[str, AfterValidator(_one_line)]
# An account's name: its length is the store's column width (checked at import there).
NameText = Annotated[str, AfterValidator(_no_control)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Motion(str, Enum):
    upsell = "upsell"
    cross_sell = "cross_sell"


class VerdictKind(str, Enum):
    pitch = "pitch"
    prepare = "prepare"
    intervene = "intervene"
    hold = "hold"


# Strictness order (docs/policy.md, "Verdicts"): hold > intervene > prepare > pitch.
VERDICT_STRICTNESS = {"pitch": 0, "prepare": 1, "intervene": 2, "hold": 3}

Change = Literal["more_capacity", "more_seats", "more_volume", "higher_tier", "longer_term", "new_product"]
UPSELL_CHANGES: tuple[str, ...] = ("more_capacity", "more_seats", "more_volume", "higher_tier", "longer_term")
TimingReason = Literal[
    "customer_milestone", "customer_request", "capacity_constraint", "quarter_end", "quota", "unspecified"
]
Role = Literal["champion", "budget_owner", "executive", "user_lead"]


def _casefold_list(values: list[str]) -> set[str]:
    return {v.strip().casefold() for v in values}


def _name_key(value: str) -> str:
    """How names are compared: case-insensitively, with runs of spaces read as one."""
    return " ".join(value.split()).casefold()


class Product(_Model):
    name: str
    kind: Literal["platform", "module", "service"] = "module"
    tiers: list[str] = Field(default_factory=list)
    unit: str | None = None
    aliases: list[str] = Field(default_factory=list)
    adjacent_features: list[str] = Field(default_factory=list)
    serves: list[str] = Field(default_factory=list)
    used_by: list[str] = Field(default_factory=list)
    category: str | None = None  # what buyers call what it does ("data observability"); optional

    def serves_priority(self, priority: str) -> bool:
        return priority.strip().casefold() in _casefold_list(self.serves)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Vendor(_Model):
    name: str | None = None
    fiscal_quarter_end: Date | None = None


class Catalog(_Model):
    vendor: Vendor = Field(default_factory=Vendor)
    products: list[Product] = Field(default_factory=list)

    def find(self, name: str) -> Product | None:
        key = name.strip().casefold()
        for product in self.products:
            if key in _casefold_list(product.names()):
                return product
        return None


class Ownership(_Model):
    product: str
    tier: str | None = None
    capacity: NonNegative | None = None
    used: NonNegative | None = None
    ceiling: NonNegative | None = None
    volume: NonNegative | None = None
    annual_value: NonNegative | None = None
    since: Date | None = None

    @model_validator(mode="after")
    def _used_within_capacity(self):
        if self.capacity is not None and self.used is not None and self.used > self.capacity:
            raise ValueError(f"used ({self.used:g}) is more than capacity ({self.capacity:g}) for {self.product}; "
                             "record the capacity bought, or the overage as a higher capacity")
        return self

    @property
    def utilization(self) -> float | None:
        if self.capacity and self.used is not None:
            return self.used / self.capacity
        return None

    @property
    def ceiling_share(self) -> float | None:
        if self.ceiling and self.volume is not None:
            return self.volume / self.ceiling
        return None


class Usage(_Model):
    organic_new_users_90d: NonNegative | None = None
    adjacent_features: dict[Text, Share] = Field(default_factory=dict)


class Outcome(_Model):
    metric: Text
    unit: str | None = None
    target: Finite | None = None
    achieved: Finite | None = None
    met: bool | None = None
    public_attribution: bool | None = None
    case_study: bool | None = None
    product: str | None = None


class StrategicEvent(_Model):
    kind: Literal["initiative", "business_unit", "geography", "buyer_hire", "growth"]
    detail: Text | None = None
    date: Date | None = None
    # The priorities or products this event maps to. None (or nothing listed) is unknown: the
    # link is not on record, which is not the same as "maps to nothing".
    relates_to: list[str] | None = None

    @field_validator("relates_to", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = [v.strip() if isinstance(v, str) else v for v in value]
            value = [v for v in value if v != ""]
            return value or None
        return value

    def link_to(self, product: Product) -> list[str] | None:
        """The entries of `relates_to` that name `product` or a use case it serves; None when unknown.

        Every kind maps through the product's names and the priorities it `serves`; a hire into
        a buying role (buyer_hire) also through the product's category or kind, since that is what
        the role buys. An empty list means the event is on record as relating to other things.
        """
        if not self.relates_to:
            return None
        terms = {_name_key(t) for t in [*product.names(), *product.serves]}
        if self.kind == "buyer_hire":
            terms |= {_name_key(t) for t in (product.category, product.kind) if t}
        return [r for r in self.relates_to if _name_key(r) in terms]


class Health(_Model):
    nps: Nps | None = None
    csat: Csat | None = None
    open_escalations: Count | None = None
    sentiment: Literal["positive", "neutral", "negative"] | None = None


class Renewal(_Model):
    date: Date | None = None
    risk: Literal["low", "medium", "high"] | None = None


class Stakeholder(_Model):
    name: Text
    title: Text | None = None
    roles: list[Role] = Field(default_factory=list)
    team: Text | None = None
    priorities: list[Text] = Field(default_factory=list)
    saw_original_outcome: bool | None = None
    asked_about: list[Text] = Field(default_factory=list)
    # priority -> where and when it was stated (from the executive-priority record)
    priority_sources: dict[str, str] = Field(default_factory=dict)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def states_priority(self, priority: str) -> bool:
        return priority.strip().casefold() in _casefold_list(self.priorities)

    def works_in(self, teams: list[str]) -> bool:
        """True when the stakeholder's team (or, lacking one, title) names one of `teams`."""
        wanted = _casefold_list(teams)
        if self.team:
            return self.team.strip().casefold() in wanted
        title = (self.title or "").casefold()
        return any(team in title for team in wanted)


class Account(_Model):
    name: NameText
    owner: str | None = None  # the account manager whose book it is in
    owns: list[Ownership] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    outcomes: list[Outcome] = Field(default_factory=list)
    strategy: list[StrategicEvent] = Field(default_factory=list)
    health: Health = Field(default_factory=Health)
    renewal: Renewal = Field(default_factory=Renewal)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    needs_expressed: list[Text] = Field(default_factory=list)

    @field_validator("owns", "outcomes", "strategy", "stakeholders", "needs_expressed", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return [] if value is None else value

    def ownership(self, product: Product) -> Ownership | None:
        names = _casefold_list(product.names())
        for owned in self.owns:
            if owned.product.strip().casefold() in names:
                return owned
        return None

    def stakeholder(self, name: str | None) -> Stakeholder | None:
        if not name:
            return None
        key = name.strip().casefold()
        for person in self.stakeholders:
            if person.name.casefold() == key:
                return person
        return None


class Play(_Model):
    product: str
    change: Change | None = None  # derived from ownership when left out
    amount: NonNegative | None = None
    pitch_to: str | None = None
    advances_priority: str | None = None
    sponsor: str | None = None
    proposed_date: Date | None = None
    timing_reason: TimingReason = "unspecified"
    tied_to_renewal: bool = False
    bundled_with: list[str] = Field(default_factory=list)

    @field_validator("bundled_with", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return [] if value is None else value


class Evidence(BaseModel):
    fact: str
    value: object = None


class Reason(BaseModel):
    code: str
    rule: str
    kind: Literal["signal", "blocker", "note"]
    forces: VerdictKind | None = None
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    remedy: str | None = None
    cites: list[str] = Field(default_factory=list)
    passages: list[dict] = Field(default_factory=list)  # filled by the knowledge layer
    lifts: list[dict] = Field(default_factory=list)  # filled by the what-would-change layer


class PlanStep(BaseModel):
    step: str


class Verdict(BaseModel):
    account: str
    product: str
    change: str
    motion: Motion
    verdict: VerdictKind
    reasons: list[Reason]
    plan: list[str] = Field(default_factory=list)
    sponsor: str | None = None
    priority: str | None = None
    priority_source: str | None = None
    amount: float | None = None
    pitch_to: str | None = None
    unknown_facts: list[str] = Field(default_factory=list)
    ruleset_version: str
    today: dt.date
    facts: dict = Field(default_factory=dict)
    separate_plays: list["Verdict"] = Field(default_factory=list)
    # Names the user typed that were read as a known name a typo apart; the answer states them.
    name_notes: list[str] = Field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    def blockers(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.kind == "blocker"]

    def signals(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.kind == "signal"]
