"""One error shape for the API, `{"error": {"code", "message", "field"?}}`, and the handlers that
turn the project's errors into it. No stack trace ever reaches a client: unexpected errors are
logged with a request id, and the client gets the id only.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import CoachError

log = logging.getLogger("assistant.web")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None
    candidates: list[str] | None = None  # an unknown name: the closest known ones


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by routes and dependencies for an error with a status and a code."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None,
                 candidates: list[str] | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.field, self.candidates, self.headers = field, candidates, headers


class SignInRequired(Exception):
    """A page was asked for without a session: send the browser to the sign-in page."""


def error_response(status: int, code: str, message: str, *, field: str | None = None,
                   candidates: list[str] | None = None, headers: dict | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, field=field, candidates=candidates))
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    return (not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")
            and getattr(request.app.state, "templates", None) is not None)


def respond(request: Request, status: int, code: str, message: str, **kwargs) -> Response:
    """JSON for the API and for programs; an error page for a browser on a page."""
    if _wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "code": code, "message": message,
                                    "candidates": kwargs.get("candidates")},
            status_code=status, headers=kwargs.get("headers"))
    return error_response(status, code, message, **kwargs)


# CoachError subclasses by name -> (status, code). By name, so this module need not import every
# layer's error module; an unlisted CoachError is a 400 with the class name as its code.
_COACH_ERRORS = {
    "UnknownAccount": (404, "unknown_account"),
    "UnknownStakeholder": (404, "unknown_stakeholder"),
    "UnknownUser": (404, "unknown_user"),
    "NotYourAccount": (403, "not_your_account"),
    "NotAllowed": (403, "forbidden"),
    "SignInFailed": (401, "sign_in_failed"),
    "UserLocked": (429, "locked_out"),
    "StoreUnavailable": (503, "store_unavailable"),
    "ImportProblem": (422, "import_failed"),
}


def coach_error_status(exc: CoachError) -> tuple[int, str]:
    for cls in type(exc).__mro__:
        if cls.__name__ in _COACH_ERRORS:
            return _COACH_ERRORS[cls.__name__]
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        return 400, code
    name = type(exc).__name__
    return 400, "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "body"


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": ("body",), "msg": "invalid request"}
    field = _field(tuple(first.get("loc", ())))
    if first.get("type") == "json_invalid":
        return respond(request, 422, "malformed_json", "The request body is not valid JSON.", field="body")
    message = "; ".join(f"{_field(tuple(e.get('loc', ())))}: {e.get('msg')}" for e in errors[:5])
    return respond(request, 422, "invalid_input", message, field=field)


async def on_api_error(request: Request, exc: ApiError) -> Response:
    return respond(request, exc.status, exc.code, exc.message, field=exc.field, candidates=exc.candidates,
                   headers=exc.headers)


async def on_coach_error(request: Request, exc: CoachError) -> Response:
    status, code = coach_error_status(exc)
    candidates = getattr(exc, "candidates", None)
    return respond(request, status, code, str(exc), candidates=list(candidates) if candidates else None)


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden",
             413: "too_large"}
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return respond(request, exc.status_code, codes.get(exc.status_code, "http_error"), message,
                   headers=getattr(exc, "headers", None))


async def on_sign_in_required(request: Request, exc: SignInRequired) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/signin?next={quote(target, safe='/')}", status_code=303)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    request_id = getattr(request.state, "request_id", "-")
    log.error("unhandled error", exc_info=exc, extra={"request_id": request_id, "path": request.url.path})
    return respond(request, 500, "internal_error", f"Something went wrong on our side (request {request_id}); "
                                                 "it has been logged.")


def install(app) -> None:
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(CoachError, on_coach_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(SignInRequired, on_sign_in_required)
    app.add_exception_handler(Exception, on_unexpected)
