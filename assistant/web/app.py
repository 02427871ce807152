"""The app factory: `create_app(settings) -> FastAPI`, settings injected, one Coach per worker.

    from assistant.web.app import create_app
    app = create_app(Settings())          # uvicorn --factory assistant.web.app:app_from_environment

Routers: one file per resource under assistant/web/api/ (JSON under /api/v1) and one per page
under assistant/web/pages/. Every route calls `Coach` and renders its result models.

Slack: when the settings carry a Slack signing secret (`slack_signing_secret`, added by the
Slack layer), `create_app` imports `assistant.slack.http` and calls
`mount(app, settings, coach)`, which adds its routes (e.g. POST /slack/events) to this app.
The import happens only then, so the web app never loads slack-bolt otherwise.
"""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from assistant.config import Settings
from assistant.web import errors, security
from assistant.web.middleware import CoachMiddleware

WEB_DIR = Path(__file__).resolve().parent
API_PREFIX = "/api/v1"
log = logging.getLogger("assistant.web")


def check_settings(settings: Settings) -> None:
    """Refuse settings a deployment must not run with (raises InsecureSettings, or a CoachError
    for Slack answer processes this platform cannot start)."""
    security.check_secret(settings)
    if _slack_configured(settings):
        from assistant.slack.workers import check_can_fork

        check_can_fork(settings.slack_processes)


def _slack_configured(settings: Settings) -> bool:
    secret = getattr(settings, "slack_signing_secret", None)
    return bool(secret.get_secret_value() if hasattr(secret, "get_secret_value") else secret)


def create_app(settings: Settings | None = None, *, coach=None) -> FastAPI:
    settings = settings or Settings()
    check_settings(settings)
    if coach is None:
        from assistant.coach import Coach

        coach = Coach(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from starlette.concurrency import run_in_threadpool

        from assistant.conversation.warm import limit_threads

        limit_threads(settings.embedding_threads)  # a server: requests run side by side already
        await run_in_threadpool(coach.open)  # migrate and load the demo before the first request
        if settings.warm_up:  # uvicorn accepts requests only once this is done
            await run_in_threadpool(lambda: coach.warm_up(meaning=True))
        for warm_up in app.state.warm_ups:  # e.g. the Slack answer processes (forked from this warm one)
            await run_in_threadpool(warm_up)
        # What start-up loaded (the model, the rules, every module) lives as long as the process:
        # out of the garbage collector's sight, a full collection no longer walks it (it stalled
        # requests for up to a second with the embedding model loaded).
        gc.collect()
        gc.freeze()
        yield
        for close in app.state.closers:  # e.g. the Slack Web API client's HTTP session
            await close()
        # Graceful shutdown: uvicorn has stopped accepting and drained requests; release the pool.
        coach.close()

    app = FastAPI(title="Expansion Coach", version="1",
                  description="Which expansion plays are allowed for an account, why, and how to say it. "
                              "Bodies are the service API's result models (docs/schema/).",
                  docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.coach = coach
    app.state.warm_ups = []  # callables the lifespan runs before the server takes requests
    app.state.closers = []  # coroutine functions the lifespan awaits when the server stops
    app.state.secret_key = security.secret_key(settings)
    app.state.templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    app.state.templates.env.globals["static_version"] = "1"
    errors.install(app)
    app.add_middleware(CoachMiddleware, max_body_bytes=settings.max_body_bytes)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    if _slack_configured(settings):
        from assistant.slack.http import mount  # provided by the Slack layer (issue 13)

        # Before the other routes: a request is matched against the routes in order, and Slack's
        # ack is the one with a deadline.
        mount(app, settings, coach)
    from assistant.web import routes

    routes.include(app, API_PREFIX)
    app.openapi = lambda: _openapi(app)
    return app


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, with its default 422 body replaced by ours (the one the app sends)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                response = operation.get("responses", {}).get("422")
                if response is not None:
                    response["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
                    response["description"] = "Invalid input: the error names the field"
        for unused in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(unused, None)
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory` (what `coach serve` runs in each worker)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return create_app(Settings())
