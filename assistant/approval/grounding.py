"""Which numbers a draft may use: the facts on record and what follows directly from them.

Derivations stay inside groups of facts that belong together (an outcome's target and
achieved value; a contract's capacity and use; the spend on the account and the proposed
amount), so "a difference or ratio of two facts" means something to the customer and an
invented figure rarely collides with one by chance.
"""

from __future__ import annotations

import datetime as dt
import re
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
    # A derived figure grounds a mention only in a sentence naming one of these (empty: anywhere).
    topics: tuple[str, ...] = ()


# Which fact kinds a mention of each kind may match, and the factor applied to the mention
# first (92% is 0.92 of a share; 40% over target is a ratio change of 0.4).
_MATCHES = {
    "money": (("money", 1.0),),
    "percent": (("percent", 1.0), ("share", 0.01), ("ratio", 0.01)),
    "multiplier": (("ratio", 1.0),),
    "duration": (("days", 1.0),),
    "year": (("year", 1.0),),
    "plain": tuple((kind, 1.0) for kind in ("money", "share", "ratio", "percent", "count", "days",
                                             "score", "year")),
}


def _outcome_kind(unit: str | None, vocabulary: Vocabulary, reader: NumberReader) -> tuple[str, float]:
    unit = (unit or "").strip().casefold()
    if unit in {u.casefold() for u in vocabulary.money_units}:
        return "money", 1.0
    if unit in {u.casefold() for u in vocabulary.percent_units}:
        return "percent", 1.0
    if unit in reader.durations:
        return "days", reader.durations[unit]
    return "count", 1.0


def _pair(out: list[Quantity], a: Quantity, b: Quantity, topics: tuple[str, ...], *, sums: bool = False) -> None:
    """Difference and ratio of two facts of one group (both orders), and the relative change."""
    for x, y in permutations((a, b)):
        label = f"{x.source} vs {y.source}"
        out.append(Quantity(x.value - y.value, x.kind, f"{label} (difference)", topics=topics))
        if y.value:
            ratio = x.value / y.value
            out.append(Quantity(ratio, "ratio", f"{label} (ratio)", topics=topics))
            out.append(Quantity(ratio - 1.0, "ratio", f"{label} (change)", topics=topics))
    if sums:
        out.append(Quantity(a.value + b.value, a.kind, f"{a.source} + {b.source}", topics=topics))


def _topics(vocabulary: Vocabulary, group: str, *names: str | None) -> tuple[str, ...]:
    """Whole words or phrases, normalized like the sentence they are looked up in."""
    words = [*vocabulary.derivation_topics.get(group, []), *(n for n in names if n)]
    return tuple(dict.fromkeys(_words(w) for w in words if w and w.strip()))


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _days_between(start: dt.date, end: dt.date) -> float:
    return float((end - start).days)


def grounded_quantities(verdict: Verdict, account: Account, vocabulary: Vocabulary,
                        reader: NumberReader) -> list[Quantity]:
    today = verdict.today
    out: list[Quantity] = []
    spend: list[Quantity] = []
    years = {today.year, today.year + 1}
    spend_topics = _topics(vocabulary, "spend")
    for owned in account.owns:
        name = owned.product
        capacity_topics = _topics(vocabulary, "capacity", name, owned.tier)
        counts = {}
        for field in ("capacity", "used", "ceiling", "volume"):
            value = getattr(owned, field)
            if value is not None:
                counts[field] = Quantity(float(value), "count", f"{name} {field}")
                out.append(counts[field])
        for a, b in (("used", "capacity"), ("volume", "ceiling")):
            if a in counts and b in counts:
                _pair(out, counts[a], counts[b], capacity_topics)
                if counts[b].value:
                    share = counts[a].value / counts[b].value
                    out.append(Quantity(share, "share", f"{name} {a}/{b}"))
                    out.append(Quantity(1.0 - share, "share", f"{name} headroom", topics=capacity_topics))
        if owned.annual_value is not None:
            spend.append(Quantity(float(owned.annual_value), "money", f"{name} annual value"))
        if owned.since:
            out.append(Quantity(_days_between(owned.since, today), "days", f"{name} owned since"))
            years.add(owned.since.year)
        if "capacity" in counts and account.usage.organic_new_users_90d is not None:
            organic = Quantity(float(account.usage.organic_new_users_90d), "count", "organic new users")
            _pair(out, organic, counts["capacity"], _topics(vocabulary, "organic"))
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
            words = outcome.metric.split()
            _pair(out, *pair, _topics(vocabulary, "outcome", outcome.metric, words[-1] if words else None))
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
        _pair(out, a, b, spend_topics, sums=True)
    # Only the customer's own figures ground a number: never the policy's thresholds ("above the
    # 85% saturation point"), the motion plan's figures, or the days to the vendor's quarter end.
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

    def source_of(self, mention: Mention, sentence: str | None = None) -> Quantity | None:
        """The fact behind a stated figure; a derived fact only when `sentence` names its topic."""
        said = f" {_words(sentence)} " if sentence is not None else None
        for kind, factor in _MATCHES[mention.kind]:
            stated, precision = mention.value * factor, mention.precision * factor
            for fact in self.by_kind.get(kind, ()):
                if fact.topics and said is not None and not any(f" {t} " in said for t in fact.topics):
                    continue
                if self._close(stated, precision, fact.value):
                    return fact
        return None
