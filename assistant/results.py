"""The typed results `Coach` returns: the public contract every interface renders.

The CLI prints them (text, tables, `--json`), the web API returns them as JSON, the Slack app
turns them into blocks. They carry data only, no terminal concerns; their JSON Schemas are in
docs/schema/. Models defined by the layer that builds them (the Answer of a conversation turn,
the talk-track models of the approval gate, the QBR) are re-exported here lazily, so that
`coach check` does not pay for importing the drafting layer.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from assistant.domain import Verdict
from assistant.strict import StrictModel


class Result(StrictModel):
    """Base of the results defined here: an unknown field is a bug, not data."""

    model_config = ConfigDict(populate_by_name=True)


# -- check and plays ------------------------------------------------------------------------
class WhatIf(Result):
    changes: list[str]  # as given, e.g. "utilization=0.9"
    verdict: Verdict  # the verdict on the changed facts (the store is not touched)


class CheckResult(Result):
    verdict: Verdict
    headline: str  # what the verdict means, e.g. "run the play now" (prompts/wording.yaml)
    what_if: WhatIf | None = None


class PlaysResult(Result):
    account: str
    today: dt.date
    plays: list[Verdict]  # best first; `facts` left out (see `check` for a play's facts)


# -- portfolio ------------------------------------------------------------------------------
class PlanBestPlay(Result):
    product: str
    change: str
    motion: str
    verdict: str
    signals: list[str]


class PlanBlocker(Result):
    code: str
    message: str
    remedy: str | None = None


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
    blockers: list[PlanBlocker] = Field(default_factory=list)


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


# -- policy ---------------------------------------------------------------------------------
class ScenarioOutcome(Result):
    path: str
    scenario_id: str
    passed: bool
    problems: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    verdict: str | None = None
    codes: list[str] = Field(default_factory=list)
    drafts_checked: bool = False
    drafts_unchecked: bool = False  # the file has drafts: but draft approval was not available


class PolicyTestResult(Result):
    scenarios: list[ScenarioOutcome]
    passed: int
    failed: int


class PlayMove(Result):
    account: str
    owner: str | None = None
    product: str
    change: str
    motion: str
    before: str
    after: str
    appeared: list[str]
    disappeared: list[str]
    direction: Literal["stricter", "looser", "same"]


class PolicyDiffResult(Result):
    current_version: str
    proposed_version: str
    today: dt.date | None = None
    accounts: int
    plays: int
    moved: int
    stricter: int
    looser: int
    reasons_only: int
    accounts_moved: list[str]
    verdicts_before: dict[str, int]
    verdicts_after: dict[str, int]
    codes_appeared: dict[str, int]
    codes_disappeared: dict[str, int]
    moves: list[PlayMove]  # verdict changed
    reason_changes: list[PlayMove]  # same verdict, different reason codes
    errors: list[str]
    seconds: float


# -- knowledge and data ---------------------------------------------------------------------
class SearchPassage(Result):
    doc: str
    section_id: str
    title: str
    text: str
    score: float
    source: str


class SearchResult(Result):
    query: str
    mode: str
    passages: list[SearchPassage]


class ImportResult(Result):
    kind: Literal["accounts", "catalog", "contract", "outcomes", "health"]
    file: str
    total: int  # records in the file
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored (history rows are never imported twice)
    warnings: list[str] = Field(default_factory=list)


class KnowledgeSync(Result):
    docs: list[str] = Field(default_factory=list)
    embedded: int = 0
    unchanged: int = 0
    deleted: int = 0


class KnowledgeDocument(Result):
    name: str
    source: str
    kind: str
    path: str
    sections: int
    added_at: str


# -- lazily re-exported: defined by the layer that builds them ------------------------------
_LAZY = {
    "Answer": ("assistant.conversation.answer", "Answer"),
    "TalkTrack": ("assistant.talk_tracks.gate", "TalkTrack"),
    "NoDraft": ("assistant.talk_tracks.gate", "NoDraft"),
    "DraftResult": ("assistant.talk_tracks.gate", "DraftResult"),
    "QbrResult": ("assistant.talk_tracks.qbr", "QbrResult"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'assistant.results' has no attribute {name!r}")
