"""The Slack Web API client keeps one HTTP session for every call of the process (slack_sdk's
client would open one per call), against the mock Slack API on 127.0.0.1."""

from __future__ import annotations

import asyncio

import aiohttp

from assistant.slack.app import web_client


def test_one_http_session_serves_every_call(slack_settings, mock_slack, monkeypatch):
    opened, real = [], aiohttp.ClientSession

    def counted(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(aiohttp, "ClientSession", counted)
    client = web_client(slack_settings)

    async def three_calls():
        await client.auth_test()
        await client.chat_postMessage(channel="C0GENERAL", text="one")
        await client.chat_postMessage(channel="C0GENERAL", text="two")
        session = client.shared_session()
        await client.aclose()
        return session

    session = asyncio.run(three_calls())
    assert opened == [session] and session.closed
    # A new event loop (a second `asyncio.run`) gets a session of its own, closed the same way.
    asyncio.run(three_calls())
    assert len(opened) == 2 and all(s.closed for s in opened)
