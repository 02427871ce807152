"""`page(request, name, context)`: a template with what every page needs (user, CSRF token)."""

from __future__ import annotations

from fastapi import Request

from assistant.access import SEE_POLICY


def page(request: Request, name: str, context: dict | None = None, *, status_code: int = 200, headers=None):
    user = getattr(request.state, "user", None)
    base = {"user": user, "csrf_token": getattr(request.state, "csrf_token", None),
            "sees_policy": user is not None and user.role in SEE_POLICY}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **(context or {})},
                                                        status_code=status_code, headers=headers)
