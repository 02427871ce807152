"""Results over a book: `Coach.plan` and `Coach.metrics`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assistant.results.base import Result
from assistant.results.verdicts import Blocker


class PlanBestPlay(Result):
    product: str
    change: str
    motion: str
    verdict: str
    signals: list[str]


PlanBlocker = Blocker  # the name before the plan and the review shared one model


class PlanEntry(Result):
    rank: int  # position in the whole book by signal density, 1 = densest
    account: str
    owner: str | None = None
    score: float
    layers: dict[str, int]  # signals counted per density layer
    signals: list[str]
    annual_value: float | None = None
    pitch_plays: int
    best_play: PlanBestPlay | None = None
    blockers: list[Blocker] = Field(default_factory=list)


class PlanDensity(Result):
    layers: list[str]
    weights: list[float]


class PlanResult(Result):
    today: dt.date
    owner: str | None = None
    ruleset_version: str
    book_size: int
    focus_size: int
    density: PlanDensity
    focus: list[PlanEntry]  # the next 90 days of expansion
    later: list[PlanEntry]  # a play to pitch, below the focus cut
    blocked: list[PlanEntry]  # no play to pitch: blockers and remedies, never pushed

    def sections(self) -> list[tuple[str, list[PlanEntry]]]:
        return [("focus", self.focus), ("later", self.later), ("blocked", self.blocked)]


class MetricsPeriod(Result):
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


class MetricsRevenue(Result):
    starting_arr: float | None
    ending_arr: float | None
    expansion: float | None
    cohort_expansion: float | None
    contraction: float | None
    churned: float | None
    new_logo: float | None
    nrr: float | None
    grr: float | None
    cohort_accounts: int
    churned_accounts: int


class StatusTotal(Result):
    count: int
    amount: float | None


class PlayStats(Result):
    won: int
    lost: int
    deferred: int
    won_amount: float | None
    win_rate: float | None


class ExpansionFollowUp(Result):
    account: str
    date: dt.date
    product: str | None = None
    amount: float
    status: Literal["retained", "pending", "dissatisfied", "churned"]
    churn_date: dt.date | None = None
    churn_in_window: bool
    nps_drop: bool
    below_floor: bool
    escalation: bool


class MetricsResult(Result):
    period: MetricsPeriod
    as_of: dt.date
    owner: str | None = None
    followup_window_days: int
    revenue: MetricsRevenue
    expansion_by_status: dict[str, StatusTotal]
    plays: dict[str, PlayStats]  # by motion
    expansions: list[ExpansionFollowUp]
