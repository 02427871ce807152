"""A minimal HTTP/1.1 client for the latency benchmarks: connections over asyncio streams
(opened before timing), requests built (and signed) before the clock starts, timed from the write of the
request's bytes to the last byte of the response.

Why not httpx for the timing: with 20 requests in flight, httpx's own per-request work (a few
milliseconds of Python each) queues up in the client's event loop and is counted in every
latency, so the figure says more about the client than about the server. This client does
almost nothing per request, so what it measures is the server (and the machine).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    started: float  # time.monotonic() when the request's bytes were written
    seconds: float  # from the first byte written to the last byte read


def build(method: str, path: str, host: str, headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str) -> "Connection":
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer)

    async def send(self, raw: bytes) -> Reply:
        started = time.monotonic()
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" not in headers:
            raise RuntimeError(f"no Content-Length in the response ({status_line})")
        body = await self.reader.readexactly(int(headers["content-length"]))
        return Reply(int(status_line.split()[1]), headers, body, started, time.monotonic() - started)

    async def close(self) -> None:
        self.writer.close()
        try:
            await self.writer.wait_closed()
        except OSError:
            pass


class Pool:
    """One connection per request of a burst, opened before the burst's clock starts (fresh for
    each burst: the server closes idle keep-alive connections after a few seconds)."""

    def __init__(self, url: str):
        self.url = url
        self.host = urlsplit(url).netloc

    async def __aenter__(self) -> "Pool":
        return self

    async def __aexit__(self, *exc) -> None:
        return None

    async def burst(self, requests: list[bytes]) -> list[Reply]:
        """All requests in flight at once, each on its own connection."""
        connections = [await Connection.open(self.url) for _ in requests]
        try:
            return list(await asyncio.gather(*(c.send(r) for c, r in zip(connections, requests))))
        finally:
            for connection in connections:
                await connection.close()
