"""Expansion metrics from the store's history, paired with retention and satisfaction.

Inputs are plain rows with the store's column names, so the functions work on any iterable:
  contract events  account, date, kind (new | expansion | contraction | churn), product, amount
                   (amount is >= 0: the kind gives the direction)
  play outcomes    account, product, change, outcome (won | lost | deferred), date, amount
  health history   account, date, nps, csat, open_escalations

Contract value. Every (account, product) has an annual contract value, replayed in date order:
  new, expansion   value += amount
  contraction      value -= amount, never below 0 (no product named: taken from the account's
                   products in the order they were first booked)
  churn            value = 0 for the product named, or for every product of the account when none
                   is named; what is lost is what the history says was there (the row's amount
                   is not used)
ARR_a(d) is the sum of account a's values over the events dated before day d.

A period runs from `start` to `end`, both days included. The cohort is the accounts with
ARR_a(start) > 0.
  starting ARR        S   = sum over the cohort of S_a = ARR_a(start)
  ending ARR          E_a = ARR_a(end + 1 day)
  NRR                     = sum over the cohort of E_a / S
  GRR                     = sum over the cohort of min(E_a, S_a) / S   (expansion cannot offset a loss)
  expansion revenue       = amounts of `expansion` events in the period, plus `new` events of
                            accounts that already had ARR (a new product bought by a customer);
                            (a cohort account buying again after churning in the period counts
                            too); other `new` events are new-logo revenue, kept apart
For the cohort, S + expansion - contraction - churned ARR = sum of E_a (tests check this).

Follow-up of every expansion in the period (window = followup.window_days after its date, from
rules/portfolio.yaml; the expansion's own day is the baseline; rows dated after `as_of` are
not known yet and are ignored):
  churned       the account churned at any date after the expansion: its revenue is shown
                apart and never counted as a success (`churn_in_window` says if within the window)
  dissatisfied  within the window: an NPS reading at least nps_drop_points below the last reading
                on or before the expansion; an NPS or CSAT reading below the policy floor
                (nps_floor, csat_floor in parameters.yaml); or a reading with open escalations
  pending       nothing of the above yet, but the window has not ended by `as_of`
  retained      nothing of the above and the window has ended: the expansion counts as success
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from assistant.portfolio.parameters import PortfolioParams

STATUSES = ("retained", "pending", "dissatisfied", "churned")


def _key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _in_scope(rows: Iterable[dict], accounts: set[str] | None) -> dict[str, list[dict]]:
    """Rows grouped by account (casefolded), each group in date order (stable for equal dates)."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        key = _key(row["account"])
        if accounts is None or key in accounts:
            grouped[key].append(row)
    for group in grouped.values():
        group.sort(key=lambda r: r["date"])
    return grouped


@dataclass
class _Ledger:
    """One account's contract values by product, replayed event by event."""

    values: dict = field(default_factory=dict)  # product (None = unspecified) -> value, in booking order

    @property
    def total(self) -> float:
        return sum(self.values.values())

    def apply(self, event: dict) -> float:
        """Apply the event; returns the value it added (>= 0) or removed (< 0)."""
        kind, product, amount = event["kind"], event.get("product"), float(event.get("amount") or 0.0)
        before = self.total
        if kind in ("new", "expansion"):
            self.values[product] = self.values.get(product, 0.0) + amount
        elif kind == "contraction":
            for key in ([product] if product is not None else list(self.values)):
                take = min(amount, self.values.get(key, 0.0))
                if key in self.values:
                    self.values[key] -= take
                amount -= take
        elif kind == "churn":
            for key in ([product] if product is not None else list(self.values)):
                if key in self.values:
                    self.values[key] = 0.0
        return self.total - before


@dataclass
class Expansion:
    account: str
    date: dt.date
    product: str | None
    amount: float
    status: str = "retained"
    churn_in_window: bool = False
    churn_date: dt.date | None = None
    nps_drop: bool = False
    below_floor: bool = False
    escalation: bool = False


@dataclass
class Revenue:
    starting_arr: float = 0.0
    ending_arr: float = 0.0            # of the cohort
    retained_arr: float = 0.0          # sum of min(E_a, S_a)
    expansion: float = 0.0             # all accounts in scope
    cohort_expansion: float = 0.0
    contraction: float = 0.0           # cohort
    churned: float = 0.0               # cohort: ARR lost to churn
    new_logo: float = 0.0
    cohort_accounts: int = 0
    churned_accounts: int = 0          # cohort accounts that churned in the period

    @property
    def nrr(self) -> float | None:
        return self.ending_arr / self.starting_arr if self.starting_arr else None

    @property
    def grr(self) -> float | None:
        return self.retained_arr / self.starting_arr if self.starting_arr else None


@dataclass
class PlayStats:
    won: int = 0
    lost: int = 0
    deferred: int = 0
    won_amount: float = 0.0

    @property
    def win_rate(self) -> float | None:
        decided = self.won + self.lost
        return self.won / decided if decided else None


@dataclass
class ExpansionMetrics:
    start: dt.date
    end: dt.date
    as_of: dt.date
    owner: str | None
    window_days: int
    revenue: Revenue
    expansions: list[Expansion]
    plays: dict[str, PlayStats]        # by motion: upsell | cross_sell | unknown

    def revenue_by_status(self) -> dict[str, float]:
        out = {status: 0.0 for status in STATUSES}
        for expansion in self.expansions:
            out[expansion.status] += expansion.amount
        return out

    def count_by_status(self) -> dict[str, int]:
        out = {status: 0 for status in STATUSES}
        for expansion in self.expansions:
            out[expansion.status] += 1
        return out


def revenue(events: dict[str, list[dict]], start: dt.date, end: dt.date) -> tuple[Revenue, list[Expansion]]:
    """Revenue figures for the period and the expansions booked in it (follow-up not yet set)."""
    out = Revenue()
    expansions: list[Expansion] = []
    for rows in events.values():
        ledger, start_arr, churned_here = _Ledger(), None, False
        for event in rows:
            if event["date"] >= start and start_arr is None:
                start_arr = ledger.total
            if event["date"] > end:
                break
            had_arr = ledger.total > 0
            change = ledger.apply(event)
            if event["date"] < start:
                continue
            cohort = start_arr > 0
            kind = event["kind"]
            # A product bought by an existing customer (or a cohort account coming back) is expansion.
            if kind == "expansion" or (kind == "new" and (had_arr or cohort)):
                amount = float(event.get("amount") or 0.0)
                expansions.append(Expansion(event["account"], event["date"], event.get("product"), amount))
                out.expansion += amount
                out.cohort_expansion += amount if cohort else 0.0
            elif kind == "new":
                out.new_logo += change
            elif cohort and kind == "contraction":
                out.contraction -= change
            elif cohort and kind == "churn":
                out.churned -= change
                churned_here = True
        start_arr = ledger.total if start_arr is None else start_arr
        if start_arr > 0:
            end_arr = ledger.total
            out.cohort_accounts += 1
            out.churned_accounts += churned_here
            out.starting_arr += start_arr
            out.ending_arr += end_arr
            out.retained_arr += min(end_arr, start_arr)
    return out, expansions


def follow_up(expansion: Expansion, churn_dates: list[dt.date], readings: list[dict], as_of: dt.date,
              params: PortfolioParams) -> Expansion:
    """Set the expansion's status from what happened after it (see the module docstring)."""
    window_end = expansion.date + dt.timedelta(days=params.followup.window_days)
    later = [d for d in churn_dates if d > expansion.date]
    if later:
        expansion.churn_date = later[0]
        expansion.churn_in_window = later[0] <= window_end
    baseline = None
    for reading in readings:
        if reading["date"] <= expansion.date:
            baseline = reading.get("nps") if reading.get("nps") is not None else baseline
            continue
        if reading["date"] > window_end:
            break
        nps, csat = reading.get("nps"), reading.get("csat")
        if nps is not None and baseline is not None and nps <= baseline - params.followup.nps_drop_points:
            expansion.nps_drop = True
        if (nps is not None and nps < params.nps_floor) or (csat is not None and csat < params.csat_floor):
            expansion.below_floor = True
        if (reading.get("open_escalations") or 0) > 0:
            expansion.escalation = True
    if expansion.churn_date is not None:
        expansion.status = "churned"
    elif expansion.nps_drop or expansion.below_floor or expansion.escalation:
        expansion.status = "dissatisfied"
    elif window_end > as_of:
        expansion.status = "pending"
    else:
        expansion.status = "retained"
    return expansion


def _motion(change: str | None) -> str:
    if change is None:
        return "unknown"
    return "cross_sell" if change == "new_product" else "upsell"


def play_stats(outcomes: dict[str, list[dict]], start: dt.date, end: dt.date) -> dict[str, PlayStats]:
    stats: dict[str, PlayStats] = {}
    for rows in outcomes.values():
        for row in rows:
            if not start <= row["date"] <= end:
                continue
            entry = stats.setdefault(_motion(row.get("change")), PlayStats())
            setattr(entry, row["outcome"], getattr(entry, row["outcome"]) + 1)
            if row["outcome"] == "won":
                entry.won_amount += float(row.get("amount") or 0.0)
    return stats


def compute_metrics(contract_events: Iterable[dict], play_outcomes: Iterable[dict], health_history: Iterable[dict],
                    start: dt.date, end: dt.date, as_of: dt.date, params: PortfolioParams, *,
                    accounts: Iterable[str] | None = None, owner: str | None = None) -> ExpansionMetrics:
    """All metrics for the period; `accounts` limits them to those names (one owner's book)."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    scope = {_key(name) for name in accounts} if accounts is not None else None
    events = _in_scope(contract_events, scope)
    health = _in_scope(health_history, scope)
    figures, expansions = revenue(events, start, end)
    for expansion in expansions:
        key = _key(expansion.account)
        # Only what had happened by `as_of` counts: a later row is not known yet on that day.
        churns = [e["date"] for e in events.get(key, []) if e["kind"] == "churn" and e["date"] <= as_of]
        readings = [h for h in health.get(key, []) if h["date"] <= as_of]
        follow_up(expansion, churns, readings, as_of, params)
    expansions.sort(key=lambda e: (e.date, _key(e.account)))
    return ExpansionMetrics(start=start, end=end, as_of=as_of, owner=owner,
                            window_days=params.followup.window_days, revenue=figures, expansions=expansions,
                            plays=play_stats(_in_scope(play_outcomes, scope), start, end))
