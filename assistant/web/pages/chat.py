"""The chat page: ask in plain words, follow up in the same session; each answer is a card."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.web.deps import PageUser
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)


@router.get("/chat")
async def chat_page(request: Request, user: PageUser):
    return page(request, "chat.html", {"session_id": ""})
