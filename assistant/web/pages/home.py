"""The start page: the chat."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from assistant.web.deps import PageUser

router = APIRouter(include_in_schema=False)


@router.get("/")
async def home(user: PageUser):
    return RedirectResponse("/chat", status_code=303)
