"""The chat page: ask in plain words, follow up in the same session; each answer is a card.

The verdict card comes back at once. When the verdict is `pitch` and the answer carries no talk
track yet, the card holds a "drafting…" placeholder that asks for the draft in a second request
(htmx, `hx-trigger="load"`), so an LLM that takes seconds never freezes the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool

from assistant.access import Viewer
from assistant.errors import CoachError
from assistant.web.deps import CoachDep, PageUser
from assistant.web.pages.render import page
from assistant.web.sessions import own_session

router = APIRouter(include_in_schema=False)


@router.get("/chat")
async def chat_page(request: Request, user: PageUser):
    return page(request, "chat.html", {"session_id": ""})


@router.post("/chat/ask")
async def chat_ask(request: Request, user: PageUser, coach: CoachDep,
                   question: Annotated[str, Form(min_length=1, max_length=2000)],
                   session_id: Annotated[str, Form(max_length=100)] = "",
                   today: Annotated[dt.date | None, Form()] = None):
    session = own_session(user, session_id or None)
    context = {"question": question, "session_id": session, "answer": None, "refused": None}
    try:
        answer = await run_in_threadpool(
            coach.ask, question, session_id=session, user=user.name, today=today, viewer=Viewer.of(user))
    except CoachError as exc:
        context["error"] = str(exc)
    else:
        if getattr(answer, "refusal", None) is not None:  # another AM's account: its words, nothing of it
            context["refused"] = answer.text
        else:
            context["answer"] = answer
    context["reason_labels"] = _labels(context["answer"])
    template = "_answer.html" if request.headers.get("hx-request") else "chat.html"
    if template == "chat.html":  # without JavaScript: the whole page with this one answer
        context["answers"] = [context]
    return page(request, template, context)


@router.post("/chat/draft")
async def chat_draft(request: Request, user: PageUser, coach: CoachDep,
                     account: Annotated[str, Form(max_length=200)], product: Annotated[str, Form(max_length=200)],
                     change: Annotated[str | None, Form(max_length=40)] = None,
                     pitch_to: Annotated[str | None, Form(max_length=200)] = None,
                     amount: Annotated[float | None, Form(ge=0)] = None,
                     session_id: Annotated[str, Form(max_length=100)] = "",
                     today: Annotated[dt.date | None, Form()] = None):
    """The talk track for a card's play (slow with an LLM: the card asked for it after showing)."""
    try:
        result = await run_in_threadpool(
            coach.draft, account, product, change=change or None, pitch_to=pitch_to or None, amount=amount,
            today=today, user=user.name, viewer=Viewer.of(user), session_id=own_session(user, session_id or None))
    except CoachError as exc:
        return page(request, "_talk_track.html", {"error": str(exc), "track": None, "uid": "x"})
    uid = f"tt-{abs(hash((account, product, change, id(result)))) % 10**8}"
    return page(request, "_talk_track.html", {"track": result.model_dump(mode="json"), "uid": uid})


def _labels(answer) -> dict:
    if answer is None:
        return {}
    return {r.get("code"): r.get("label") for r in answer.reasons if isinstance(r, dict)}
