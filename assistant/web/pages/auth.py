"""Sign-in and sign-out. The sign-in form is protected by a double-submit CSRF cookie (there is
no session yet); sign-out is a form post carrying the session's CSRF token."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from assistant.errors import SignInFailed, UserLocked
from assistant.web import security
from assistant.web.deps import PageUser, client_source, session_secret
from assistant.web.errors import ApiError
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)
SIGNIN_CSRF_COOKIE = "coach_signin_csrf"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no //evil.example)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _signin_form(request: Request, *, error: str | None = None, status_code: int = 200, name: str = ""):
    token = secrets.token_urlsafe(32)
    response = page(request, "signin.html", {"signin_csrf": token, "error": error, "name": name,
                                             "next": _safe_next(request.query_params.get("next"))},
                    status_code=status_code)
    response.set_cookie(SIGNIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.settings.production, path="/signin")
    return response


@router.get("/signin")
async def signin_page(request: Request):
    return _signin_form(request)


@router.post("/signin")
async def signin(request: Request, name: Annotated[str, Form(max_length=200)],
                 password: Annotated[str, Form(max_length=1000)],
                 csrf_token: Annotated[str, Form(max_length=200)] = "",
                 next: Annotated[str, Form(max_length=2000)] = "/"):
    if not security.csrf_ok(request.cookies.get(SIGNIN_CSRF_COOKIE), csrf_token):
        raise ApiError(403, "csrf_failed", "The sign-in form is out of date; reload the page and try again.")
    coach, settings = request.app.state.coach, request.app.state.settings
    try:
        _, secret = await run_in_threadpool(coach.sign_in, name, password, via="web",
                                            session_ttl_s=settings.web_session_ttl_s, source=client_source(request))
    except SignInFailed as exc:
        status = 429 if isinstance(exc, UserLocked) else 401
        return _signin_form(request, error=str(exc), status_code=status, name=name)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(security.SESSION_COOKIE, security.sign(request.app.state.secret_key, secret),
                        max_age=settings.web_session_ttl_s, httponly=True, samesite="lax",
                        secure=settings.production, path="/")
    response.delete_cookie(SIGNIN_CSRF_COOKIE, path="/signin")
    return response


@router.post("/signout")
async def signout(request: Request, user: PageUser):
    secret = session_secret(request)
    if secret:
        await run_in_threadpool(request.app.state.coach.sign_out, secret, via="web")
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response
