"""Socket Mode: the same app over a WebSocket. A local WebSocket server on 127.0.0.1 plays
Slack's side: apps.connections.open (on the mock Web API) hands out its URL, it says hello,
delivers an app_mention envelope and expects the envelope's ack back."""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import time

import pytest

from aiohttp import web

from assistant.slack.directory import StorePeople
from assistant.slack.socket import run_socket_mode, socket_handler
from tests.slack.conftest import block_text, unique, valid


@pytest.mark.parametrize("processes", [0, 1])
def test_a_mention_over_socket_mode_is_acked_and_answered_in_its_thread(slack_settings, coach, people, mock_slack,
                                                                        processes):
    """With threads (the handler alone), and as `coach slack --socket` runs it: answer processes
    forked before it connects, stopped when it stops."""
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
        settings = slack_settings.model_copy(update={"slack_app_token": "xapp-1-A0COACH-1-secret",
                                                     "slack_processes": processes})
        if processes:
            running = asyncio.create_task(run_socket_mode(settings, coach, StorePeople(coach)))
        else:
            handler = socket_handler(settings, coach, StorePeople(coach))
            await handler.connect_async()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                update = next((c for c in mock_slack.sent("chat.update") if c.body.get("channel") == channel), None)
                if update is not None and acks:
                    assert len(multiprocessing.active_children()) == processes
                    return update
                await asyncio.sleep(0.05)
            raise AssertionError(f"no answer over Socket Mode (acks: {acks})")
        finally:
            if processes:
                running.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await running
                assert multiprocessing.active_children() == []  # the answer processes stopped with it
            else:
                await handler.close_async()
            await runner.cleanup()

    update = asyncio.run(scenario())
    assert {"envelope_id": "env-1"}.items() <= acks[0].items()
    assert "Data Quality" in block_text(valid(update.blocks))
