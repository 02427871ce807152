"""FastAPI dependencies: the coach, the settings and who is asking (no `from __future__ import
annotations` here: FastAPI reads these annotations at run time).

    @router.get("/accounts/{name}")
    def get_account(name: str, coach: CoachDep, viewer: ViewerDep) -> ...

API routes accept a bearer token (`Authorization: Bearer coach_...`) or the browser's session
cookie; a cookie-authenticated request that changes something must carry the session's CSRF
token (header X-CSRF-Token). Pages accept the session cookie only and send a signed-out browser
to the sign-in page.
"""


from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from assistant.access import IMPORT_DATA, MANAGE_USERS, SEE_POLICY, Viewer
from assistant.config import Settings
from assistant.errors import TokenRejected
from assistant.results.users import SignedIn, UserRecord
from assistant.web import security
from assistant.web.errors import ApiError, SignInRequired

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def get_coach(request: Request):
    return request.app.state.coach


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


CoachDep = Annotated[object, Depends(get_coach)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def client_source(request: Request) -> str | None:
    """Where a request came from (the peer's address), for the audit of failed sign-ins."""
    return request.client.host if request.client is not None else None


def _signed_in(request: Request, secret: str, kind: str):
    return run_in_threadpool(request.app.state.coach.signed_in, secret, kind, source=client_source(request))


def session_secret(request: Request) -> str | None:
    return security.unsign(request.app.state.secret_key, request.cookies.get(security.SESSION_COOKIE))


async def _session(request: Request) -> SignedIn | None:
    secret = session_secret(request)
    if secret is None:
        return None
    try:
        return await _signed_in(request, secret, "session")
    except TokenRejected:
        return None


def _remember(request: Request, found: SignedIn, *, session: bool) -> UserRecord:
    request.state.user_name = found.user.name
    request.state.user = found.user
    request.state.csrf_token = found.csrf_token if session else None
    return found.user


async def api_user(request: Request) -> UserRecord:
    """The user of a bearer token or of the session cookie; 401 otherwise."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, "unauthorized", "Use 'Authorization: Bearer <token>' (`coach tokens create USER`).",
                           headers={"WWW-Authenticate": "Bearer"})
        try:
            found = await _signed_in(request, value.strip(), "api")
        except TokenRejected as exc:
            raise ApiError(401, f"token_{exc.reason.replace(' ', '_')}", str(exc),
                           headers={"WWW-Authenticate": "Bearer"}) from None
        return _remember(request, found, session=False)
    found = await _session(request)
    if found is None:
        raise ApiError(401, "unauthorized", "Sign in, or send 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": "Bearer"})
    if request.method not in SAFE_METHODS and not security.csrf_ok(found.csrf_token,
                                                                     request.headers.get(security.CSRF_HEADER)):
        raise ApiError(403, "csrf_failed", "Missing or wrong X-CSRF-Token header for a signed-in browser request.")
    return _remember(request, found, session=True)


async def page_user(request: Request) -> UserRecord:
    """The signed-in user of a page; a form post must carry the session's CSRF token."""
    found = await _session(request)
    if found is None:
        if request.method in SAFE_METHODS:
            raise SignInRequired()
        raise ApiError(401, "unauthorized", "Your session has ended; sign in again.")
    if request.method not in SAFE_METHODS:
        given = request.headers.get(security.CSRF_HEADER)
        if given is None and "form" in request.headers.get("content-type", ""):
            given = (await request.form()).get(security.CSRF_FIELD)
        if not security.csrf_ok(found.csrf_token, given if isinstance(given, str) else None):
            raise ApiError(403, "csrf_failed", "The form is out of date (missing or wrong CSRF token); "
                                               "reload the page and try again.")
    return _remember(request, found, session=True)


CurrentUser = Annotated[UserRecord, Depends(api_user)]
PageUser = Annotated[UserRecord, Depends(page_user)]


def _viewer(user: CurrentUser) -> Viewer:
    return Viewer.of(user)


def _page_viewer(user: PageUser) -> Viewer:
    return Viewer.of(user)


ViewerDep = Annotated[Viewer, Depends(_viewer)]
PageViewer = Annotated[Viewer, Depends(_page_viewer)]


def _needs(roles: tuple[str, ...], what: str, base):
    def dependency(request: Request, viewer: base) -> Viewer:
        request.app.state.coach.require(viewer, roles, what, asked=f"{request.method} {request.url.path}")
        return viewer

    return Annotated[Viewer, Depends(dependency)]


PolicyViewer = _needs(SEE_POLICY, "see the policy", ViewerDep)
PolicyPageViewer = _needs(SEE_POLICY, "see the policy", PageViewer)
ImportViewer = _needs(IMPORT_DATA, "import data", ViewerDep)
AdminViewer = _needs(MANAGE_USERS, "manage users", ViewerDep)
