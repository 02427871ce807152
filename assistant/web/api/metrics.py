"""GET /api/v1/metrics: expansion revenue, NRR, GRR and what followed each expansion."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query

from assistant.results import MetricsResult
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep

router = APIRouter(tags=["portfolio"])


@router.get("/metrics", response_model=MetricsResult, summary="Expansion metrics paired with retention")
def metrics(coach: CoachDep, user: CurrentUser, viewer: ViewerDep,
            start: dt.date | None = Query(None, description="First day (default: a year before `end`)"),
            end: dt.date | None = Query(None, description="Last day (default: today)"),
            owner: str | None = Query(None, max_length=200), today: dt.date | None = None) -> MetricsResult:
    return coach.metrics(start=start, end=end, owner=owner, today=today, user=user.name, viewer=viewer)
