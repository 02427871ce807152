"""HTTP mode: the Slack app at POST /slack/events in the web app (`coach serve`).

The web app factory calls `mount(app, settings, coach)` when Slack is configured. The async
request handler keeps the event loop free: Slack gets its ack within its 3-second limit while
answers are computed in lazy listeners.
"""

from __future__ import annotations

import asyncio
from functools import partial

from fastapi import Request  # at module level: FastAPI resolves the route's annotations here

from assistant.errors import CoachError

EVENTS_PATH = "/slack/events"


def mount(app, settings, coach, *, people=None, client=None):
    """Add POST /slack/events to the FastAPI `app`; returns the Bolt AsyncApp."""
    from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler

    from assistant.slack.app import build_app
    from assistant.slack.directory import StorePeople

    missing = [name for name, value in (("COACH_SLACK_BOT_TOKEN", settings.slack_bot_token),
                                        ("COACH_SLACK_SIGNING_SECRET", settings.slack_signing_secret)) if not value]
    if missing:
        raise CoachError(f"the Slack app needs {' and '.join(missing)} (see README, Slack app)")
    slack_app = build_app(settings, coach, people or StorePeople(coach), client=client)
    handler = AsyncSlackRequestHandler(slack_app)

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request):
        """Slack's events, slash commands and button clicks (signed by Slack)."""
        return await handler.handle(request)

    app.state.slack = slack_app
    # Before the server takes requests, after the web process's own warm-up: the answer worker
    # processes are forked from it, sharing its model (web/app.py lifespan); stopped at shutdown,
    # letting running answers finish.
    runner = slack_app.slack_coach.run
    warm_ups = getattr(app.state, "warm_ups", None)
    if warm_ups is not None:
        warm_ups.append(runner.start)
    closers = getattr(app.state, "closers", None)
    if closers is not None:
        closers.append(partial(asyncio.to_thread, runner.close))
        if hasattr(slack_app.client, "aclose"):
            closers.append(slack_app.client.aclose)  # the Web API client's one HTTP session
    return slack_app
