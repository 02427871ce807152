"""Which numbers a draft may use: the facts on record and what follows directly from them.

Derivations stay inside groups of facts that belong together (an outcome's target and
achieved value; a contract's capacity and use; the spend on the account and the proposed
amount), so "a difference or ratio of two facts" means something to the customer and an
invented figure rarely collides with one by chance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import permutations

from assistant.approval.numbers import Mention, NumberReader
from assistant.approval.spec import Vocabulary
from assistant.domain import Account, Verdict


@dataclass(frozen=True)
class Quantity:
    value: float
    kind: str  # money | share | ratio | percent | count | days | score | year | param
    source: str
    anchor: bool = False  # an outcome's achieved value: what an outcome anchor states


# Which fact kinds a mention of each kind may match, and the factor applied to the mention
# first (92% is 0.92 of a share; 40% over target is a ratio change of 0.4).
_MATCHES = {
    "money": (("money", 1.0),),
    "percent": (("percent", 1.0), ("share", 0.01), ("ratio", 0.01), ("param", 0.01)),
    "multiplier": (("ratio", 1.0),),
    "duration": (("days", 1.0),),
    "year": (("year", 1.0),),
    "plain": tuple((kind, 1.0) for kind in ("money", "share", "ratio", "percent", "count", "days",
                                             "score", "year", "param")),
}


# A figure in the motion plan text, by the kind of fact it is.
_PLAN_KINDS = {"money": "money", "percent": "percent", "duration": "days", "year": "year"}


def _outcome_kind(unit: str | None, vocabulary: Vocabulary, reader: NumberReader) -> tuple[str, float]:
    unit = (unit or "").strip().casefold()
    if unit in {u.casefold() for u in vocabulary.money_units}:
        return "money", 1.0
    if unit in {u.casefold() for u in vocabulary.percent_units}:
        return "percent", 1.0
    if unit in reader.durations:
        return "days", reader.durations[unit]
    return "count", 1.0


def _pair(out: list[Quantity], a: Quantity, b: Quantity, *, sums: bool = False) -> None:
    """Difference and ratio of two facts of one group (both orders), and the relative change."""
    for x, y in permutations((a, b)):
        label = f"{x.source} vs {y.source}"
        out.append(Quantity(x.value - y.value, x.kind, f"{label} (difference)"))
        if y.value:
            ratio = x.value / y.value
            out.append(Quantity(ratio, "ratio", f"{label} (ratio)"))
            out.append(Quantity(ratio - 1.0, "ratio", f"{label} (change)"))
    if sums:
        out.append(Quantity(a.value + b.value, a.kind, f"{a.source} + {b.source}"))


def _days_between(start: dt.date, end: dt.date) -> float:
    return float((end - start).days)


def _numbers(tree, prefix: str = "") -> list[tuple[str, float]]:
    """Every numeric leaf of the verdict's fact tree (booleans are not numbers)."""
    found = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _numbers(value, f"{prefix}{key}.")
    elif isinstance(tree, (int, float)) and not isinstance(tree, bool):
        found.append((prefix.rstrip("."), float(tree)))
    return found


def grounded_quantities(verdict: Verdict, account: Account, vocabulary: Vocabulary,
                        reader: NumberReader) -> list[Quantity]:
    today = verdict.today
    out: list[Quantity] = []
    spend: list[Quantity] = []
    years = {today.year, today.year + 1}
    for owned in account.owns:
        name = owned.product
        counts = {}
        for field in ("capacity", "used", "ceiling", "volume"):
            value = getattr(owned, field)
            if value is not None:
                counts[field] = Quantity(float(value), "count", f"{name} {field}")
                out.append(counts[field])
        for a, b in (("used", "capacity"), ("volume", "ceiling")):
            if a in counts and b in counts:
                _pair(out, counts[a], counts[b])
                if counts[b].value:
                    share = counts[a].value / counts[b].value
                    out.append(Quantity(share, "share", f"{name} {a}/{b}"))
                    out.append(Quantity(1.0 - share, "share", f"{name} headroom"))
        if owned.annual_value is not None:
            spend.append(Quantity(float(owned.annual_value), "money", f"{name} annual value"))
        if owned.since:
            out.append(Quantity(_days_between(owned.since, today), "days", f"{name} owned since"))
            years.add(owned.since.year)
        if "capacity" in counts and account.usage.organic_new_users_90d is not None:
            organic = Quantity(float(account.usage.organic_new_users_90d), "count", "organic new users")
            _pair(out, organic, counts["capacity"])
    if account.usage.organic_new_users_90d is not None:
        out.append(Quantity(float(account.usage.organic_new_users_90d), "count", "organic new users"))
        out.append(Quantity(90.0, "days", "organic growth window"))
    for feature, share in account.usage.adjacent_features.items():
        out.append(Quantity(float(share), "share", f"{feature} share"))
        out.append(Quantity(1.0 - float(share), "share", f"{feature} remaining share"))
    for outcome in account.outcomes:
        kind, scale = _outcome_kind(outcome.unit, vocabulary, reader)
        pair = [Quantity(float(v) * scale, kind, f"{outcome.metric} {label}", anchor=label == "achieved")
                for label, v in (("achieved", outcome.achieved), ("target", outcome.target)) if v is not None]
        out.extend(pair)
        if len(pair) == 2:
            _pair(out, *pair)
    for field in ("nps", "csat"):
        value = getattr(account.health, field)
        if value is not None:
            out.append(Quantity(float(value), "score", field))
    if account.health.open_escalations is not None:
        out.append(Quantity(float(account.health.open_escalations), "count", "open escalations"))
    if account.renewal.date:
        out.append(Quantity(float((account.renewal.date - today).days), "days", "days to renewal"))
        years.add(account.renewal.date.year)
    years.update(event.date.year for event in account.strategy if event.date)
    if verdict.amount is not None:
        spend.append(Quantity(float(verdict.amount), "money", "proposed amount"))
    out.extend(spend)
    for a, b in ((a, b) for i, a in enumerate(spend) for b in spend[i + 1:]):
        _pair(out, a, b, sums=True)
    # The policy's thresholds ("above the 85% saturation point"). The other verdict facts are the
    # account's, already above; the days to the vendor's quarter end are deliberately not a
    # customer figure.
    for path, value in _numbers(verdict.facts.get("params", {}), "params."):
        out.append(Quantity(value, "param", path))
    # The motion plan is policy text the drafter may quote ("about 30 days").
    for step in verdict.plan:
        for mention in reader.read(step):
            kind = _PLAN_KINDS.get(mention.kind, "count")
            out.append(Quantity(mention.value, kind, f"plan: {mention.text}"))
    out.extend(Quantity(float(y), "year", "year on record") for y in years)
    return out


class Grounding:
    """The quantities of one verdict, indexed by kind, and the tolerance rule of the rule file."""

    def __init__(self, quantities: list[Quantity], relative_tolerance: float, rounding_tolerance: float):
        self.by_kind: dict[str, list[Quantity]] = defaultdict(list)
        for quantity in quantities:
            self.by_kind[quantity.kind].append(quantity)
        self.relative = relative_tolerance
        self.rounding = rounding_tolerance

    def _close(self, stated: float, precision: float, fact: float) -> bool:
        stated, fact = abs(stated), abs(fact)  # "-20" and "minus 20" are the same figure
        diff = abs(stated - fact)
        slack = 1e-9 * max(stated, fact, 1.0)  # float noise: 1.2 * 1e6 is not exactly 1,200,000
        if diff <= self.relative * fact + slack:
            return True
        # Rounded as a person would say it: within half a unit of the last stated digit,
        # but never further from the fact than the rounding tolerance allows.
        return diff <= min(precision / 2.0, self.rounding * fact) + slack

    def source_of(self, mention: Mention) -> Quantity | None:
        for kind, factor in _MATCHES[mention.kind]:
            stated, precision = mention.value * factor, mention.precision * factor
            for fact in self.by_kind.get(kind, ()):
                if self._close(stated, precision, fact.value):
                    return fact
        return None
