"""Socket Mode: the same app over a WebSocket. A local WebSocket server on 127.0.0.1 plays
Slack's side: apps.connections.open (on the mock Web API) hands out its URL, it says hello,
delivers an app_mention envelope and expects the envelope's ack back."""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web

from assistant.slack.directory import StorePeople
from assistant.slack.socket import socket_handler
from tests.slack.conftest import block_text, unique, valid


def test_a_mention_over_socket_mode_is_acked_and_answered_in_its_thread(slack_settings, coach, people, mock_slack):
    channel, event_id = unique("CSOCKET"), unique("EvSocket")
    acks: list[dict] = []

    async def link(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        await ws.send_json({"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                            "retry_attempt": 0, "retry_reason": "",
                            "payload": {"type": "event_callback", "team_id": "T0TEAM", "event_id": event_id,
                                        "event": {"type": "app_mention", "user": "UJORDAN01", "channel": channel,
                                                  "ts": str(time.time()),
                                                  "text": "<@UBOTCOACH> should I pitch Data Quality to Acme?"}}})
        async for message in ws:
            acks.append(json.loads(message.data))
        return ws

    async def scenario():
        server = web.Application()
        server.router.add_get("/link", link)
        runner = web.AppRunner(server)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        mock_slack.socket_url = f"ws://127.0.0.1:{port}/link"
        settings = slack_settings.model_copy(update={"slack_app_token": "xapp-1-A0COACH-1-secret"})
        handler = socket_handler(settings, coach, StorePeople(coach))
        await handler.connect_async()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                update = next((c for c in mock_slack.sent("chat.update") if c.body.get("channel") == channel), None)
                if update is not None and acks:
                    return update
                await asyncio.sleep(0.05)
            raise AssertionError(f"no answer over Socket Mode (acks: {acks})")
        finally:
            await handler.close_async()
            await runner.cleanup()

    update = asyncio.run(scenario())
    assert {"envelope_id": "env-1"}.items() <= acks[0].items()
    assert "Data Quality" in block_text(valid(update.blocks))
