"""Results about the policy itself: `Coach.policy_test` and `Coach.policy_diff`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assistant.results.base import Result


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
