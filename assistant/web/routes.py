"""Which routers the app has: health, sign-in, docs, the JSON API and the pages."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

# One module per resource; each has `router`.
API_MODULES = ("me",)
PAGE_MODULES = ("auth", "docs", "home", "chat")


def include(app: FastAPI, api_prefix: str) -> None:
    from assistant.web import health

    app.include_router(health.router)
    for name in API_MODULES:
        module = importlib.import_module(f"assistant.web.api.{name}")
        app.include_router(module.router, prefix=api_prefix)
    for name in PAGE_MODULES:
        module = importlib.import_module(f"assistant.web.pages.{name}")
        app.include_router(module.router)
