"""Plain ASGI middleware: a request id, a body-size limit, security headers and one structured
log line per request (method, path, status, duration, user; never a query string, a header
value, a body or a talk track)."""

from __future__ import annotations

import json
import logging
import secrets
import time

request_log = logging.getLogger("assistant.web.request")

# Pages and the API load nothing from elsewhere; /docs uses the vendored Swagger UI.
_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy", _CSP.encode()),
]


def _too_large(limit: int) -> bytes:
    return json.dumps({"error": {"code": "too_large",
                                 "message": f"The request body is larger than {limit} bytes."}}).encode()


class CoachMiddleware:
    def __init__(self, app, max_body_bytes: int):
        self.app, self.max_body_bytes = app, max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = secrets.token_hex(6)
        scope.setdefault("state", {})["request_id"] = request_id
        started, status = time.perf_counter(), [500]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []), *_HEADERS, (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
                await self._reject(send_with_headers)
                return
            if length is None and scope["method"] in ("POST", "PUT", "PATCH"):
                body = await self._read_limited(receive)
                if body is None:
                    await self._reject(send_with_headers)
                    return
                receive = _replay(body)
            await self.app(scope, receive, send_with_headers)
        finally:
            state = scope.get("state", {})
            request_log.info(json.dumps({
                "request_id": request_id, "method": scope["method"], "path": scope["path"],
                "status": status[0], "ms": round((time.perf_counter() - started) * 1000, 1),
                "user": state.get("user_name"),
            }))

    async def _read_limited(self, receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(chunks)

    async def _reject(self, send) -> None:
        body = _too_large(self.max_body_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes):
    sent = [False]

    async def receive():
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
