"""GET /api/v1/plan: the quarterly plan (your book for an AM)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query

from assistant.results import PlanResult
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep

router = APIRouter(tags=["portfolio"])


@router.get("/plan", response_model=PlanResult, summary="The quarterly plan: focus, later, blocked")
def plan(coach: CoachDep, user: CurrentUser, viewer: ViewerDep, owner: str | None = Query(None, max_length=200),
         today: dt.date | None = None) -> PlanResult:
    # One process: forking worker processes from a threaded web worker is not safe.
    return coach.plan(owner=owner, today=today, workers=1, user=user.name, viewer=viewer)
