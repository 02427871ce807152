"""A local mock of Slack's Web API on 127.0.0.1 (a free port): records every call and answers
like Slack does. Also serves response_url endpoints (`/respond/<id>`), which slash commands and
buttons answer through. `fail_next(method, status, retry_after)` makes the next call of a
method fail, e.g. with a rate limit (429 and Retry-After)."""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER, BOT_ID, TEAM = "UBOTCOACH", "BBOTCOACH", "T0TEAM"


@dataclass
class Call:
    path: str
    method: str  # the Web API method (chat.postMessage) or "respond"
    body: dict
    headers: dict
    status: int = 200
    response: dict = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    @property
    def blocks(self) -> list[dict]:
        blocks = self.body.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks


class MockSlack:
    def __init__(self):
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._failures: dict[str, list[tuple[int, int]]] = {}
        self.socket_url: str | None = None  # what apps.connections.open answers (Socket Mode tests)
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # GET /_calls?since=N: the calls recorded from the Nth on (benchmarks)
                since = int(self.path.partition("since=")[2] or 0)
                with mock._lock:
                    rows = [{"path": c.path, "method": c.method, "body": c.body, "status": c.status,
                             "response": c.response, "at": c.at} for c in mock.calls[since:]]
                data = json.dumps(rows).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                status, payload, extra = mock._answer(self.path, body, dict(self.headers))
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if not isinstance(payload, str) else "text/plain")
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/respond/{name}"

    def fail_next(self, method: str, status: int = 429, retry_after: int = 1) -> None:
        self._failures.setdefault(method, []).append((status, retry_after))

    def _answer(self, path: str, body: dict, headers: dict):
        method = "respond" if path.startswith("/respond/") else path.removeprefix("/api/")
        with self._lock:
            failures = self._failures.get(method)
            if failures:
                status, retry_after = failures.pop(0)
                self.calls.append(Call(path, method, body, headers, status))
                return status, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}
            call = Call(path, method, body, headers)
            self.calls.append(call)
            if method == "respond":
                return 200, "ok", {}
            if method == "auth.test":
                call.response = {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": TEAM,
                                 "user": "coach", "team": "Northwind", "url": "https://northwind.slack.com/"}
            elif method in ("chat.postMessage", "chat.update"):
                ts = body.get("ts") or f"1700000000.{next(self._ts):06d}"
                call.response = {"ok": True, "channel": body.get("channel"), "ts": ts, "message": {"ts": ts}}
            elif method == "apps.connections.open":
                call.response = {"ok": True, "url": self.socket_url}
            else:
                call.response = {"ok": True}
            return 200, call.response, {}

    # -- reading what was sent -----------------------------------------------------------------
    def sent(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if (method is None or c.method == method) and c.status == 200]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":  # a mock in its own process (benchmarks): prints its URL, serves until killed
    import sys

    served = MockSlack()
    print(served.url, flush=True)
    try:
        served.thread.join()
    except KeyboardInterrupt:
        sys.exit(0)
