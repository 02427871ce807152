"""Which routers the app has: health, sign-in, docs, the JSON API and the pages."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

# One module per resource; each has `router`.
API_MODULES = ("me", "ask", "accounts", "plays", "drafts", "qbr", "plan", "metrics", "knowledge",
               "policy", "audit")
PAGE_MODULES = ("auth", "docs", "home", "chat", "accounts", "portfolio", "policy", "audit")


def _errors(*statuses: int) -> dict:
    from assistant.web.errors import ErrorBody

    return {status: {"model": ErrorBody} for status in statuses}


def include(app: FastAPI, api_prefix: str) -> None:
    from assistant.web import health

    app.include_router(health.router)
    for name in API_MODULES:
        module = importlib.import_module(f"assistant.web.api.{name}")
        # Every API route can answer with the error shape: signed out, not allowed, unknown name,
        # bad input, too large, a failed dependency.
        app.include_router(module.router, prefix=api_prefix,
                           responses=_errors(400, 401, 403, 404, 413, 422, 429, 503))
    for name in PAGE_MODULES:
        module = importlib.import_module(f"assistant.web.pages.{name}")
        app.include_router(module.router)
