"""GET /api/v1/audit: who asked what, the answer, rejected drafts and why, with the rule-set
version. An AM reads only their own entries."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query
from pydantic import BaseModel

from assistant.web.deps import CoachDep, ViewerDep

router = APIRouter(tags=["audit"])


class AuditEntry(BaseModel):
    id: int
    at: str
    kind: str
    user: str | None = None
    session_id: str | None = None
    ruleset_version: str | None = None
    payload: dict


class AuditPage(BaseModel):
    entries: list[AuditEntry]


@router.get("/audit", response_model=AuditPage, summary="The audit log, newest first")
def audit(coach: CoachDep, viewer: ViewerDep, user: str | None = Query(None, max_length=200),
          account: str | None = Query(None, max_length=200), start: dt.date | None = None,
          end: dt.date | None = Query(None, description="Last day included"),
          kind: list[str] = Query(default_factory=list, max_length=10),
          limit: int = Query(50, ge=1, le=500)) -> AuditPage:
    entries = coach.audit_log(user=user, account=account, start=start, end=end, kinds=kind, limit=limit,
                              viewer=viewer)
    return AuditPage(entries=[AuditEntry(**e) for e in entries])
