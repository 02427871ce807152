"""Socket Mode: the same Slack app over a WebSocket the app opens (no public URL needed),
with an app-level token (xapp-...). `coach slack --socket` runs it until interrupted."""

from __future__ import annotations

from assistant.errors import CoachError


def check_socket_settings(settings) -> None:
    token = settings.slack_app_token or ""
    if not token.startswith("xapp-"):
        raise CoachError("Socket Mode needs an app-level token: set COACH_SLACK_APP_TOKEN=xapp-... "
                         "(Slack app settings, Basic Information, App-Level Tokens, scope connections:write)")
    if not settings.slack_bot_token:
        raise CoachError("the Slack app needs COACH_SLACK_BOT_TOKEN=xoxb-... (OAuth & Permissions)")
    from assistant.slack.workers import check_can_fork

    check_can_fork(settings.slack_processes)


def socket_handler(settings, coach, people, *, client=None):
    """The Slack app behind a Socket Mode connection (not yet connected)."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from assistant.slack.app import build_app

    check_socket_settings(settings)
    return AsyncSocketModeHandler(build_app(settings, coach, people, client=client), settings.slack_app_token)


async def run_socket_mode(settings, coach, people) -> None:
    import asyncio

    handler = socket_handler(settings, coach, people)
    runner = handler.app.slack_coach.run
    await asyncio.to_thread(runner.start)  # warm, then fork the answer processes (workers.py)
    try:
        await handler.start_async()  # until interrupted
    finally:
        await asyncio.to_thread(runner.close)
        await handler.app.client.aclose()  # the Web API client's HTTP session
