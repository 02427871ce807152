"""The changes an account manager could make true, applied to copies of an account and play.

Both `--what-if NAME=VALUE` and the lift search use these, so a suggested lift can always be
replayed as a what-if. A change works on the underlying account or play (never the fact
tree), so derived facts (utilization, alignment, days to the quarter end) stay consistent.
Ranges, steps and wording live in rules/lifts.yaml; value domains come from the domain
models (Literal types), the catalog and the account's own records.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from dataclasses import dataclass
from typing import Callable

from assistant.domain import (Account, Catalog, Health, Outcome, Ownership, Play, Product, Renewal,
                              Stakeholder, StrategicEvent)
from assistant.policy.calendar import next_quarter_end
from assistant.errors import CoachError
from assistant.policy.lift_config import LiftConfig


class NotApplicable(CoachError):
    """The change makes no sense for this account or play (e.g. utilization of an unowned product)."""


@dataclass
class Target:
    """A (copied) account and play being changed, with what is needed to interpret them."""

    account: Account
    play: Play
    catalog: Catalog | None
    config: LiftConfig
    today: dt.date | None = None

    def product(self) -> Product | None:
        return self.catalog.find(self.play.product) if self.catalog is not None else None

    def owned(self) -> Ownership | None:
        product = self.product()
        if product is not None:
            return self.account.ownership(product)
        key = self.play.product.strip().casefold()
        return next((o for o in self.account.owns if o.product.strip().casefold() == key), None)

    def pitch_person(self) -> Stakeholder:
        person = self.account.stakeholder(self.play.pitch_to)
        if person is None:
            raise NotApplicable(f"the play's contact '{self.play.pitch_to or '-'}' is not a stakeholder on record")
        return person


@dataclass(frozen=True)
class Mutator:
    name: str
    kind: str  # number | bool | enum | date | name | text
    aliases: tuple[str, ...]
    read: Callable[[Target], object]
    apply: Callable[[Target, object], None]
    choices: Callable[[Target], list] | None = None  # lift candidates for non-numeric kinds
    describe: Callable[[Target, Target], dict] | None = None  # extra text context (before, after)
    domain: tuple | None = None  # allowed values for enum kinds


def literal_values(model, field_name: str) -> tuple:
    """The values of a Literal-typed model field (derived, so the domain has one source)."""
    def walk(tp):
        if typing.get_origin(tp) is typing.Literal:
            return list(typing.get_args(tp))
        return [v for arg in typing.get_args(tp) for v in walk(arg)]
    return tuple(walk(model.model_fields[field_name].annotation))


def _units(value: float, capacity: float) -> int:
    # round first: 0.6 * 500 is 300.00000000000006, which must not become 301
    return math.ceil(round(value * capacity, 6))


def _nearest_first(domain: tuple, current) -> list:
    """Other values of an ordered domain, the smallest move first (high -> medium before low)."""
    if current not in domain:
        return list(domain)
    at = domain.index(current)
    return sorted((v for v in domain if v != current), key=lambda v: abs(domain.index(v) - at))


# --- usage -------------------------------------------------------------------------------

def _owned_with_capacity(t: Target) -> Ownership:
    owned = t.owned()
    if owned is None:
        raise NotApplicable(f"{t.account.name} does not own {t.play.product}; "
                            "use min_utilization or max_utilization for the owned products")
    if not owned.capacity:
        raise NotApplicable(f"the capacity of {owned.product} is not recorded")
    return owned


def _set_utilization(t: Target, value) -> None:
    owned = _owned_with_capacity(t)
    owned.used = _units(value, owned.capacity)


def _set_used(t: Target, value) -> None:
    _owned_with_capacity(t).used = value


def _describe_units(before: Target, after: Target) -> dict:
    old, new = _owned_with_capacity(before), _owned_with_capacity(after)
    product = before.product()
    return {"capacity": old.capacity, "more": (new.used or 0) - (old.used or 0),
            "unit": (product.unit if product and product.unit else "units")}


def _owned_having(account: Account, field: str, what: str) -> list[Ownership]:
    """The owned products with `field` recorded; NotApplicable saying `what` is missing otherwise."""
    owned = [o for o in account.owns if getattr(o, field)]
    if not owned:
        raise NotApplicable(f"no owned product of {account.name} has {what}")
    return owned


def _measured(account: Account) -> list[Ownership]:
    return _owned_having(account, "capacity", "a recorded capacity")


def _read_min_util(t: Target):
    values = [o.utilization for o in _measured(t.account) if o.utilization is not None]
    return min(values) if values else None


def _set_min_util(t: Target, value) -> None:
    # every product below the new minimum comes up to it; if none was below, the least used comes down
    owned = _measured(t.account)
    for o in owned:
        if o.utilization is None or o.utilization < value:
            o.used = _units(value, o.capacity)
    least = min(owned, key=lambda o: o.utilization)
    if least.utilization > value:
        least.used = _units(value, least.capacity)


def _describe_min_util(before: Target, after: Target) -> dict:
    pairs = list(zip(before.account.owns, after.account.owns))
    moved = [(b, a) for b, a in pairs if b.capacity and b.used != a.used]
    detail = "; ".join(f"{b.product}: {b.used or 0:,.0f} → {a.used:,.0f} of {b.capacity:,.0f}" for b, a in moved)
    return {"more": sum(a.used - (b.used or 0) for b, a in moved), "detail": detail}


def _read_max_util(t: Target):
    values = [o.utilization for o in _measured(t.account) if o.utilization is not None]
    return max(values) if values else None


def _cap_at(owned: list[Ownership], value, share: Callable[[Ownership], float | None],
            set_share: Callable[[Ownership, float], None]) -> None:
    """A new maximum share: every product above it comes down to it; if none reached it, the most
    used goes up to it (utilization of capacity, or volume of the contract ceiling)."""
    for o in owned:
        if share(o) is not None and share(o) > value:
            set_share(o, value)
    top = max(owned, key=lambda o: share(o) or 0)
    if (share(top) or 0) < value:
        set_share(top, value)


def _set_used_share(o: Ownership, value) -> None:
    o.used = _units(value, o.capacity)


def _set_max_util(t: Target, value) -> None:
    _cap_at(_measured(t.account), value, lambda o: o.utilization, _set_used_share)


def _describe_moved(before: Target, after: Target) -> dict:
    moved = [b.product for b, a in zip(before.account.owns, after.account.owns) if b != a]
    return {"detail": " and ".join(moved) or "the owned products"}


def _owned_with_ceiling(t: Target) -> Ownership:
    owned = t.owned()
    if owned is None or not owned.ceiling:
        raise NotApplicable(f"no contract ceiling is recorded for {t.play.product}")
    return owned


def _set_ceiling_share(t: Target, value) -> None:
    owned = _owned_with_ceiling(t)
    owned.volume = _units(value, owned.ceiling)


def _describe_ceiling(before: Target, after: Target) -> dict:
    old, new = _owned_with_ceiling(before), _owned_with_ceiling(after)
    return {"ceiling": old.ceiling, "more": (new.volume or 0) - (old.volume or 0)}


def _ceilinged(account: Account) -> list[Ownership]:
    return _owned_having(account, "ceiling", "a contract ceiling")


def _read_max_ceiling(t: Target):
    values = [o.ceiling_share for o in _ceilinged(t.account) if o.ceiling_share is not None]
    return max(values) if values else None


def _set_volume_share(o: Ownership, value) -> None:
    o.volume = _units(value, o.ceiling)


def _set_max_ceiling(t: Target, value) -> None:
    _cap_at(_ceilinged(t.account), value, lambda o: o.ceiling_share, _set_volume_share)


def _adjacent_feature(t: Target) -> str:
    if t.catalog is None:
        raise NotApplicable("adjacent features come from the catalog; pass the catalog with the what-ifs")
    product = t.product()
    if product is None or not product.adjacent_features:
        raise NotApplicable(f"the catalog lists no features adjacent to {t.play.product}")
    usage = {k.casefold(): v for k, v in t.account.usage.adjacent_features.items()}
    # the most used adjacent feature carries the signal; with none recorded, the first one
    return max(product.adjacent_features, key=lambda f: usage.get(f.casefold(), -1.0))


def _read_adjacent(t: Target):
    feature = _adjacent_feature(t).casefold()
    return next((v for k, v in t.account.usage.adjacent_features.items() if k.casefold() == feature), None)


def _set_adjacent(t: Target, value) -> None:
    feature = _adjacent_feature(t)
    usage = t.account.usage.adjacent_features
    key = next((k for k in usage if k.casefold() == feature.casefold()), feature)
    usage[key] = value


def _set_organic(t: Target, value) -> None:
    t.account.usage.organic_new_users_90d = value


# --- outcomes, strategy, needs -------------------------------------------------------------

def _outcome(t: Target, *, want_unmet: bool = False) -> Outcome:
    """The outcome a change applies to: the played product's first, else any; a stand-in if none."""
    product = t.play.product.casefold()
    pool = [o for o in t.account.outcomes if not want_unmet or not o.met]
    pool.sort(key=lambda o: 0 if (o.product or "").casefold() == product else 1 if not o.product else 2)
    if pool:
        return pool[0]
    outcome = Outcome(metric=t.config.placeholder("outcome"))
    t.account.outcomes.append(outcome)
    return outcome


def _set_outcome_met(t: Target, value) -> None:
    if value:
        if not any(o.met for o in t.account.outcomes):
            _outcome(t, want_unmet=True).met = True
    else:
        for o in t.account.outcomes:
            o.met = False


def _describe_outcome(before: Target, after: Target) -> dict:
    changed = next((a for b, a in zip(before.account.outcomes, after.account.outcomes) if b.met != a.met), None)
    if changed is None:
        return {"metric": None}
    return {"metric": changed.metric, "target": changed.target, "achieved": changed.achieved, "unit": changed.unit}


def _outcome_flag(flag: str) -> tuple[Callable, Callable]:
    def read(t: Target):
        return any(getattr(o, flag) for o in t.account.outcomes)

    def apply(t: Target, value) -> None:
        if value:
            setattr(_outcome(t), flag, True)
        else:
            for o in t.account.outcomes:
                setattr(o, flag, False)
    return read, apply


def _add_strategy(t: Target, value) -> None:
    t.account.strategy.append(StrategicEvent(kind=value))


def _strategy_choices(t: Target) -> list:
    present = {e.kind for e in t.account.strategy}
    return [k for k in literal_values(StrategicEvent, "kind") if k not in present]


def _unlinked_event(t: Target) -> StrategicEvent:
    """The first strategic event on record as relating to something the played product does not serve."""
    product = t.product()
    if product is None:
        raise NotApplicable("a strategic link is judged against the catalog; pass the catalog with the what-ifs")
    event = next((e for e in t.account.strategy if e.link_to(product) == []), None)
    if event is None:
        raise NotApplicable(f"no strategic event of {t.account.name} is on record as relating to something "
                            f"other than {product.name}")
    return event


def _link_strategy(t: Target, value) -> None:
    event = _unlinked_event(t)
    event.relates_to = [*(event.relates_to or []), value]


def _describe_link(before: Target, after: Target) -> dict:
    event = _unlinked_event(before)
    return {"event": event.detail or event.kind, "kind": event.kind.replace("_", " ")}


def _product_name_choices(t: Target) -> list:
    product = t.product()
    return [product.name] if product else [t.play.product]


# --- health and renewal ---------------------------------------------------------------------

def _field(obj_name: str, attr: str) -> tuple[Callable, Callable]:
    def read(t: Target):
        return getattr(getattr(t.account, obj_name), attr)

    def apply(t: Target, value) -> None:
        setattr(getattr(t.account, obj_name), attr, value)
    return read, apply


# --- the play -------------------------------------------------------------------------------

def _play_field(attr: str) -> tuple[Callable, Callable]:
    def read(t: Target):
        return getattr(t.play, attr)

    def apply(t: Target, value) -> None:
        setattr(t.play, attr, value)
    return read, apply


def _read_date(t: Target):
    return t.play.proposed_date or t.today


def _describe_date(before: Target, after: Target) -> dict:
    vendor = before.catalog.vendor if before.catalog else None
    if vendor is None or vendor.fiscal_quarter_end is None or _read_date(before) is None:
        return {"quarter_end": None, "later": True}
    old, new = _read_date(before), after.play.proposed_date
    return {"quarter_end": next_quarter_end(vendor.fiscal_quarter_end, old), "later": new > old}


def _other_stakeholders(t: Target, current: str | None) -> list:
    key = (current or "").casefold()
    return [p.name for p in t.account.stakeholders if p.name.casefold() != key]


def _read_saw(t: Target):
    return t.pitch_person().saw_original_outcome


def _set_saw(t: Target, value) -> None:
    t.pitch_person().saw_original_outcome = value


def _read_asked(t: Target):
    person = t.pitch_person()
    names = {n.casefold() for n in (t.product().names() if t.product() else [t.play.product])}
    return any(a.casefold() in names for a in person.asked_about)


def _set_asked(t: Target, value) -> None:
    person = t.pitch_person()
    name = t.product().name if t.product() else t.play.product
    if value and not _read_asked(t):
        person.asked_about.append(name)
    elif not value:
        names = {n.casefold() for n in (t.product().names() if t.product() else [name])}
        person.asked_about = [a for a in person.asked_about if a.casefold() not in names]


def _read_new_executive(t: Target):
    return t.play.pitch_to if t.account.stakeholder(t.play.pitch_to) is None else None


def _add_new_executive(t: Target, value) -> None:
    """An executive the AM names by a title that is on no record ("their new CCO"): pitched to,
    with no view of the first deal's outcome and nothing asked, since the record shows neither."""
    name = t.config.placeholder("new_executive", title=value)
    if t.account.stakeholder(name) is None:
        t.account.stakeholders.append(Stakeholder(name=name, title=value, roles=["executive"],
                                                  saw_original_outcome=False))
    t.play.pitch_to = name


def _describe_person(before: Target, after: Target) -> dict:
    return {"person": before.play.pitch_to}


# --- alignment ------------------------------------------------------------------------------

def _served(t: Target) -> list:
    product = t.product()
    return list(product.serves) if product else []


def _read_exec_priority(t: Target):
    product = t.product()
    return [p for person in t.account.stakeholders if person.has_role("executive", "budget_owner")
            for p in person.priorities if product and product.serves_priority(p)]


def _add_exec_priority(t: Target, value) -> None:
    # the priority goes to an executive on record (a budget owner if none), else to a stand-in executive
    people = t.account.stakeholders
    person = next((p for p in people if p.has_role("executive")), None) or \
        next((p for p in people if p.has_role("budget_owner")), None)
    if person is None:
        person = Stakeholder(name=t.config.placeholder("executive"), roles=["executive"])
        people.append(person)
    if not person.states_priority(value):
        person.priorities.append(value)


def _priority_choices(t: Target) -> list:
    stated = [p for person in t.account.stakeholders for p in person.priorities]
    seen, out = set(), []
    for value in _served(t) + stated:
        if value.casefold() not in seen and value.casefold() != (t.play.advances_priority or "").casefold():
            seen.add(value.casefold())
            out.append(value)
    return out


def _read_champion_team(t: Target):
    return [p.team for p in t.account.stakeholders if p.has_role("champion") and p.team]


def _add_champion(t: Target, value) -> None:
    person = next((p for p in t.account.stakeholders if p.works_in([value])), None)
    if person is None:
        person = Stakeholder(name=t.config.placeholder("champion", team=value), team=value, roles=[])
        t.account.stakeholders.append(person)
    if "champion" not in person.roles:
        person.roles.append("champion")


def _team_choices(t: Target) -> list:
    product = t.product()
    return list(product.used_by) if product else []


def _sponsor_choices(t: Target) -> list:
    return [p.name for p in t.account.stakeholders
            if p.roles and p.name.casefold() != (t.play.sponsor or "").casefold()]


def _registry() -> dict[str, Mutator]:
    sentiment, risk = literal_values(Health, "sentiment"), literal_values(Renewal, "risk")
    timing = literal_values(Play, "timing_reason")
    nps, csat, esc = _field("health", "nps"), _field("health", "csat"), _field("health", "open_escalations")
    sent, renewal_risk, renewal_date = _field("health", "sentiment"), _field("renewal", "risk"), _field("renewal", "date")
    public, case = _outcome_flag("public_attribution"), _outcome_flag("case_study")
    timing_rw, date_rw, tied_rw = _play_field("timing_reason"), _play_field("proposed_date"), _play_field("tied_to_renewal")
    pitch_rw, sponsor_rw, prio_rw = _play_field("pitch_to"), _play_field("sponsor"), _play_field("advances_priority")
    items = [
        Mutator("utilization", "number", ("product.utilization",),
                lambda t: _owned_with_capacity(t).utilization, _set_utilization, describe=_describe_units),
        Mutator("used", "number", ("product.used",),
                lambda t: _owned_with_capacity(t).used, _set_used, describe=_describe_units),
        Mutator("min_utilization", "number", ("account.min_utilization",), _read_min_util, _set_min_util,
                describe=_describe_min_util),
        Mutator("max_utilization", "number", ("account.max_utilization",), _read_max_util, _set_max_util,
                describe=_describe_moved),
        Mutator("ceiling_share", "number", ("product.ceiling_share",),
                lambda t: _owned_with_ceiling(t).ceiling_share, _set_ceiling_share, describe=_describe_ceiling),
        Mutator("max_ceiling_share", "number", ("account.max_ceiling_share",), _read_max_ceiling, _set_max_ceiling,
                describe=_describe_moved),
        Mutator("adjacent_share", "number", ("product.adjacent_share",), _read_adjacent, _set_adjacent,
                describe=lambda b, a: {"feature": _adjacent_feature(b)}),
        Mutator("organic_new_users_90d", "number", ("organic", "account.organic_new_users_90d"),
                lambda t: t.account.usage.organic_new_users_90d, _set_organic),
        Mutator("nps", "number", ("health.nps",), *nps),
        Mutator("csat", "number", ("health.csat",), *csat),
        Mutator("open_escalations", "number", ("escalations", "health.open_escalations"), *esc),
        Mutator("sentiment", "enum", ("health.sentiment",), *sent,
                choices=lambda t: _nearest_first(sentiment, t.account.health.sentiment), domain=sentiment),
        Mutator("renewal.risk", "enum", ("risk", "renewal_risk"), *renewal_risk,
                choices=lambda t: _nearest_first(risk, t.account.renewal.risk), domain=risk),
        Mutator("renewal.date", "date", ("renewal_date",), *renewal_date),
        Mutator("outcome_met", "bool", ("outcomes_met", "account.outcomes_met"),
                lambda t: any(o.met for o in t.account.outcomes), _set_outcome_met,
                choices=lambda t: [True], describe=_describe_outcome),
        Mutator("public_attribution", "bool", ("account.public_attribution",), *public, choices=lambda t: [True]),
        Mutator("case_study", "bool", ("account.case_study",), *case, choices=lambda t: [True]),
        Mutator("strategy", "enum", ("account.strategy",), lambda t: [e.kind for e in t.account.strategy],
                _add_strategy, choices=_strategy_choices, domain=literal_values(StrategicEvent, "kind")),
        Mutator("strategy_link", "text", ("relates_to", "strategy.relates_to"),
                lambda t: list(_unlinked_event(t).relates_to or []), _link_strategy,
                choices=_served, describe=_describe_link),
        Mutator("need", "text", ("needs_expressed", "expressed_need"), lambda t: list(t.account.needs_expressed),
                lambda t, v: t.account.needs_expressed.append(v), choices=_product_name_choices),
        Mutator("timing_reason", "enum", ("play.timing_reason",), *timing_rw,
                choices=lambda t: [v for v in timing if v != t.play.timing_reason], domain=timing),
        Mutator("proposed_date", "date", ("play.proposed_date", "date"), _read_date, date_rw[1],
                describe=_describe_date),
        Mutator("tied_to_renewal", "bool", ("play.tied_to_renewal",), *tied_rw,
                choices=lambda t: [not t.play.tied_to_renewal]),
        Mutator("pitch_to", "name", ("play.pitch_to",), *pitch_rw,
                choices=lambda t: _other_stakeholders(t, t.play.pitch_to)),
        Mutator("sponsor", "name", ("play.sponsor",), *sponsor_rw, choices=_sponsor_choices),
        Mutator("advances_priority", "text", ("priority", "play.advances_priority"), *prio_rw,
                choices=_priority_choices),
        Mutator("saw_original_outcome", "bool", ("pitch_to.saw_original_outcome",), _read_saw, _set_saw,
                choices=lambda t: [not _read_saw(t)], describe=_describe_person),
        Mutator("asked_about", "bool", ("pitch_to.asked_about",), _read_asked, _set_asked,
                choices=lambda t: [not _read_asked(t)], describe=_describe_person),
        Mutator("executive_priority", "text", ("exec_priority",), _read_exec_priority, _add_exec_priority,
                choices=_served),
        Mutator("champion_team", "text", ("champion",), _read_champion_team, _add_champion, choices=_team_choices),
        Mutator("new_executive", "text", ("pitch_to.new_executive",), _read_new_executive, _add_new_executive),
    ]
    return {m.name: m for m in items}


MUTATORS: dict[str, Mutator] = _registry()
_BY_ALIAS: dict[str, Mutator] = {alias: m for m in MUTATORS.values() for alias in (m.name, *m.aliases)}


def find_mutator(name: str) -> Mutator | None:
    return _BY_ALIAS.get(name.strip().casefold())
