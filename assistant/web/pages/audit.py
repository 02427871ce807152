"""The audit page: who asked what, the answer, which drafts were rejected and why, with the
rule-set version; filters by user, account and date. An AM sees their own entries."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from assistant.web.deps import CoachDep, PageViewer
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100


def _summary(entry: dict) -> dict:
    """What a person reads in one row; a talk track's text stays in the JSON export, not here."""
    payload = entry.get("payload") or {}
    answer = payload.get("answer") if isinstance(payload.get("answer"), dict) else {}
    verdict = payload.get("verdict") if isinstance(payload.get("verdict"), dict) else answer.get("verdict") or {}
    return {
        "question": payload.get("question") if isinstance(payload.get("question"), str) else None,
        "answer": (answer.get("text") or "").split("\n", 1)[0] or None,
        "account": verdict.get("account") or payload.get("account") or (answer.get("entities") or {}).get("account"),
        "verdict": verdict.get("verdict") if isinstance(verdict, dict) else verdict,
        "rejected": [f.get("code") or f.get("check") or str(f) for f in payload.get("failures") or []
                     if isinstance(f, dict)] if payload.get("approved") is False else [],
        "drafter": payload.get("drafter"),
    }


@router.get("/audit")
async def audit_page(request: Request, coach: CoachDep, viewer: PageViewer,
                     user: str | None = Query(None, max_length=200), account: str | None = Query(None, max_length=200),
                     start: dt.date | None = None, end: dt.date | None = None,
                     kind: str | None = Query(None, max_length=100)):
    entries = await run_in_threadpool(lambda: coach.audit_log(
        user=user or None, account=account or None, start=start, end=end, kinds=(kind,) if kind else (),
        limit=PAGE_SIZE, viewer=viewer))
    rows = [{**e, **_summary(e)} for e in entries]
    # The kind filter offers the kinds on record (as `coach audit list --kind` checks them): a new
    # kind of entry is offered once it is logged, with no list here or in the template to keep.
    kinds = await run_in_threadpool(coach.audit_kinds)
    if kind and kind not in kinds:
        kinds = sorted([*kinds, kind])  # (the one asked for stays selected)
    return page(request, "audit.html", {"rows": rows, "kinds": kinds, "filters": {
        "user": user or "", "account": account or "", "start": start or "", "end": end or "", "kind": kind or ""}})
