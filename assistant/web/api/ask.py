"""POST /api/v1/ask: one conversation turn; pass the returned session_id to follow up."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import Field

from assistant.conversation.answer import Answer
from assistant.web.api.common import Strict
from assistant.web.deps import CoachDep, CurrentUser, ViewerDep
from assistant.web.errors import ApiError
from assistant.web.sessions import own_session

router = APIRouter(tags=["ask"])


class AskRequest(Strict):
    question: str = Field(min_length=1, max_length=2000, examples=["should I pitch Data Quality to Acme?"])
    session_id: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9_-]+$",
                                   description="From an earlier answer, to follow up (\"why not?\", \"draft it\")")
    today: dt.date | None = None


@router.post("/ask", response_model=Answer, summary="Ask in plain words (with follow-ups in a session)")
def ask(body: AskRequest, coach: CoachDep, user: CurrentUser, viewer: ViewerDep) -> Answer:
    """The answer's first sentence states the verdict; reasons, cited passages, the plan or the
    remedies, and (for "draft it") the approved talk track come with it. An account in another
    AM's book is a 403 `not_your_account`."""
    answer = coach.ask(body.question, session_id=own_session(user, body.session_id), user=user.name,
                       today=body.today, viewer=viewer)
    refusal = getattr(answer, "refusal", None)
    if refusal is not None:  # the same status as every other route that names the account
        raise ApiError(403, refusal.code, refusal.message)
    return answer
