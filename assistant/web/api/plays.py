"""Plays and checks on one account: every sensible play, or one play with what-ifs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from assistant.results import CheckResult, PlaysResult
from assistant.web.api.common import CheckRequest, play_options
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep

router = APIRouter(tags=["plays"])


@router.get("/accounts/{name}/plays", response_model=PlaysResult, summary="Every play for the account, best first")
def plays(name: str, coach: CoachDep, user: CurrentUser, viewer: ViewerDep, today: dt.date | None = None,
          what_if: Annotated[list[str], Query(max_length=20, description="Changed fact, e.g. timing_reason=quota "
                                              "(repeat for several)")] = []) -> PlaysResult:
    """With `what_if`, every play's verdict on the changed facts too (the store is not touched)."""
    return coach.plays(name, what_ifs=what_if, today=today, user=user.name, viewer=viewer)


@router.post("/accounts/{name}/check", response_model=CheckResult, summary="Should this play be run? (with what-ifs)")
def check(name: str, body: CheckRequest, coach: CoachDep, user: CurrentUser, viewer: ViewerDep) -> CheckResult:
    """The verdict with reasons, evidence, cited passages, the plan and what would lift each
    blocker; with `what_ifs`, the verdict on the changed facts too (the store is not touched)."""
    return coach.check(name, body.product, today=body.today, user=user.name, viewer=viewer, **play_options(body))
