"""The Slack Web API client with one HTTP session per process (per event loop).

slack_sdk's AsyncWebClient opens a new aiohttp session, and so a new connection pool, for every
call unless it is given one, and a session can only be made inside a running event loop. This
client makes its session at its first call, inside the running loop, and keeps it for every
later call (connections stay open between calls); `aclose()` closes it when the app stops.

The session is kept apart from the client's public `session` attribute on purpose: Bolt copies
that attribute into a client per request and deep-copies the request for lazy listeners, which
fails on a live session ("cannot pickle 'socket' object"). So every call of this client (the
answers, updates and home tabs the app posts) shares the session; Bolt's own per-request calls
(the cached auth.test) make their own, as before.
"""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient
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
