"""One total deadline for a draft: connect, send, every byte of every reply, and all re-asks.

An HTTP client's timeout is per read, so a server that drips one byte a second holds a request
for as long as it likes. `DeadlineTransport` wraps httpx's transport: each request gets at most
the time left as its connect/read/write timeouts, and the reply body is cut off with a
ReadTimeout as soon as the deadline passes, however slowly the bytes arrive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx


@dataclass
class Deadline:
    """When the current draft must be done (time.monotonic()); None means no limit."""

    at: float | None = None

    def left(self) -> float | None:
        return None if self.at is None else self.at - time.monotonic()

    def passed(self) -> bool:
        left = self.left()
        return left is not None and left <= 0


class _CutOff(httpx.SyncByteStream):
    def __init__(self, inner, deadline: Deadline, request: httpx.Request):
        self.inner, self.deadline, self.request = inner, deadline, request

    def __iter__(self):
        for chunk in self.inner:
            if self.deadline.passed():
                raise httpx.ReadTimeout("the draft's total deadline passed while the reply was arriving",
                                        request=self.request)
            yield chunk

    def close(self) -> None:
        self.inner.close()


class DeadlineTransport(httpx.BaseTransport):
    def __init__(self, deadline: Deadline, inner: httpx.BaseTransport | None = None):
        self.deadline = deadline
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        left = self.deadline.left()
        if left is not None:
            if left <= 0:
                raise httpx.ConnectTimeout("the draft's total deadline passed before the request", request=request)
            given = request.extensions.get("timeout") or {}
            request.extensions["timeout"] = {key: min(left, given.get(key) or left)
                                             for key in ("connect", "read", "write", "pool")}
        response = self.inner.handle_request(request)
        if left is not None:
            response.stream = _CutOff(response.stream, self.deadline, request)
        return response

    def close(self) -> None:
        self.inner.close()
