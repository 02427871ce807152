"""The QBR talk track of one account, as JSON or as Markdown."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from assistant.talk_tracks.qbr import QbrResult
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep

router = APIRouter(tags=["qbr"])


@router.get("/accounts/{name}/qbr", response_model=QbrResult, summary="The QBR talk track")
def qbr(name: str, coach: CoachDep, user: CurrentUser, viewer: ViewerDep, today: dt.date | None = None) -> QbrResult:
    return coach.qbr(name, today=today, user=user.name, viewer=viewer)


@router.get("/accounts/{name}/qbr.md", response_model=None, summary="The QBR as Markdown",
            responses={200: {"content": {"text/markdown": {"schema": {"type": "string"}}}}})
def qbr_markdown(name: str, coach: CoachDep, user: CurrentUser, viewer: ViewerDep,
                 today: dt.date | None = None) -> PlainTextResponse:
    result = coach.qbr(name, today=today, user=user.name, viewer=viewer)
    filename = "".join(c if c.isalnum() else "-" for c in result.account).strip("-") or "account"
    return PlainTextResponse(result.markdown, media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="qbr-{filename}.md"'})
