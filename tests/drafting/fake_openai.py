"""A tiny OpenAI-compatible chat server on 127.0.0.1, in a thread, for the LLM failure paths.

Each POST to /v1/chat/completions takes the next behavior from a script: a reply text (with an
optional finish reason), an HTTP status, or a hang longer than the client's timeout. Request
bodies are kept so tests can check what the real LangChain/openai client sent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    content: str
    finish_reason: str = "stop"


@dataclass
class Status:
    code: int
    body: str = '{"error": {"message": "internal error", "type": "server_error"}}'


@dataclass
class Hang:
    seconds: float


@dataclass
class Drip:
    """A 200 reply whose body arrives one byte every `every_s` seconds: each read is quick, so
    only a total deadline (not a per-read timeout) ends it."""

    content: str
    every_s: float = 0.2


@dataclass
class FakeOpenAI:
    script: list = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def next_behavior(self):
        if not self.script:
            return Status(599, '{"error": {"message": "unexpected call: nothing scripted"}}')
        return self.script.pop(0)


def _completion(content: str, finish_reason: str) -> str:
    return json.dumps({
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    })


def _handler(fake: FakeOpenAI):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _send(self, code: int, body: str) -> None:
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing to deliver

        def _drip(self, behavior: Drip) -> None:
            data = _completion(behavior.content, "stop").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(behavior.every_s)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up: the deadline worked

        def do_GET(self):
            self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}))

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            fake.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            behavior = fake.next_behavior()
            if isinstance(behavior, Hang):
                time.sleep(behavior.seconds)
                behavior = Reply("{}")
            if isinstance(behavior, Status):
                self._send(behavior.code, behavior.body)
                return
            if isinstance(behavior, Drip):
                self._drip(behavior)
                return
            self._send(200, json.dumps({
                "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": behavior.content},
                             "finish_reason": behavior.finish_reason}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }))

    return Handler


def start() -> FakeOpenAI:
    fake = FakeOpenAI()
    fake.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.server.daemon_threads = True
    threading.Thread(target=fake.server.serve_forever, daemon=True).start()
    return fake
