"""/docs (Swagger UI, vendored) and /openapi.json, for signed-in users and token holders only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.web.deps import CurrentUser, PageUser
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
async def openapi(request: Request, user: CurrentUser):
    return JSONResponse(request.app.openapi())


@router.get("/docs")
async def docs(request: Request, user: PageUser):
    return page(request, "docs.html")
