"""POST /api/v1/accounts/{name}/draft: an approved talk track, or why there is none."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.talk_tracks.gate import DraftResult
from assistant.web.api.common import PlayRequest, play_options
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep

router = APIRouter(tags=["drafts"])


@router.post("/accounts/{name}/draft", response_model=DraftResult, summary="Draft a talk track (approved or none)")
def draft(name: str, body: PlayRequest, coach: CoachDep, user: CurrentUser, viewer: ViewerDep):
    """`kind: talk_track` (approved, with who drafted it) or `kind: no_draft` (the verdict is not
    pitch: why, and the remedies to work on first)."""
    return coach.draft(name, body.product, today=body.today, user=user.name, viewer=viewer, **play_options(body))
