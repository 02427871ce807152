"""The Slack Web API client with one HTTP session per process (per event loop).

slack_sdk's AsyncWebClient opens a new aiohttp session, and so a new connection pool, for every
call unless it is given one, and a session can only be made inside a running event loop. This
client makes its session at its first call, inside the running loop, and keeps it for every
later call (connections stay open between calls); `aclose()` closes it when the app stops.

The session is kept apart from the client's public `session` attribute on purpose: Bolt copies
that attribute into a client per request and deep-copies the request for lazy listeners, which
fails on a live session ("cannot pickle 'socket' object"). So every call of this client (the
answers, updates and home tabs the app posts) shares the session. Bolt's `respond` (slack-bolt
1.30, context/respond/async_respond.py) takes no session and opens one per call: the app posts
to a response_url with `SharedSessionRespond` instead, over the same session. What still opens
its own is Bolt's client per request (app/async_app.py `_init_context`), which the app uses for
one call per process only (auth.test, whose result Bolt caches).
"""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient, WebhookResponse
from slack_sdk.web.async_internal_utils import _request_with_session  # what AsyncWebClient._request calls


class SharedSessionWebClient(AsyncWebClient):
    _shared: aiohttp.ClientSession | None = None
    _loop: asyncio.AbstractEventLoop | None = None

    def shared_session(self) -> aiohttp.ClientSession:
        """This process's session in the running loop, made at the first call."""
        loop = asyncio.get_running_loop()
        if self._shared is None or self._shared.closed or self._loop is not loop:
            # A session belongs to the loop it was made in (`asyncio.run` twice makes two loops).
            self._shared = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
            self._loop = loop
        return self._shared

    async def _request(self, *, http_verb, api_url, req_args):
        return await _request_with_session(current_session=self.session or self.shared_session(),
                                           timeout=self.timeout, logger=self._logger, http_verb=http_verb,
                                           api_url=api_url, req_args=req_args, retry_handlers=self.retry_handlers)

    async def aclose(self) -> None:
        session = self._shared
        if session is not None and not session.closed and self._loop is asyncio.get_running_loop():
            await session.close()
        self._shared, self._loop = None, None


class SharedSessionRespond:
    """`respond` for one response_url (a slash command's, a button's), as Bolt's AsyncRespond is
    called, over `client`'s shared session when it has one."""

    def __init__(self, client: AsyncWebClient, response_url: str | None):
        self.client, self.response_url = client, response_url

    async def __call__(self, text: str = "", blocks: list | None = None, **message) -> WebhookResponse:
        if not self.response_url:
            raise ValueError("respond is unsupported here as there is no response_url")
        shared = getattr(self.client, "shared_session", None)
        webhook = AsyncWebhookClient(url=self.response_url, timeout=self.client.timeout,
                                     session=shared() if shared is not None else None)
        return await webhook.send(text=text, blocks=blocks, **message)
