"""Slack benchmark: how fast Slack gets its ack, and how long until the answer is in place.

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_slack.py [--rounds 10] [--concurrency 20] [--write benchmarks/RESULTS-slack.md]

A real uvicorn process serves the web app with the Slack app mounted at POST /slack/events, on
127.0.0.1 on a free port, started as `coach serve` starts it (no access log); a mock Slack Web
API (tests/slack/mock_slack.py) runs in a third process on another free port and records when
each answer arrives. The demo portfolio in a temporary data directory, the template drafter (no
LLM), the default two worker processes for answers.

1. Request to ack: `--concurrency` slash commands sent at once, `--rounds` times, each signed
   for real; the time from writing a command's bytes to the last byte of its HTTP response
   (Slack's 3-second ack). Timed with benchmarks/wire_client.py: connections opened and
   requests signed before the clock starts, so the client's own work is not counted (see that
   module). Target: p95 < 100 ms. For comparison the same commands timed with httpx's
   AsyncClient, which counts its own per-request work in every latency.
2. Time to the full answer: from sending the command to the answer replacing "Thinking…"
   (the response_url call with blocks), under the same concurrent load; and, one at a time, a
   mention answered in its thread (chat.update) and a "Draft talk track" click.
3. For comparison, GET /healthz of the same server with the same concurrency: the floor this
   machine sets for any request at that load.
Loopback only. The results (with the load average before and after the run) go to --write
(default benchmarks/RESULTS-slack.md), replacing the file.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
import urllib.request
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from assistant.coach import Coach  # noqa: E402
from assistant.config import Settings  # noqa: E402
from benchmarks.bench_plan import _children, _pss_kib  # noqa: E402
from benchmarks.wire_client import Pool, build  # noqa: E402
from tests.slack.mock_slack import Call  # noqa: E402
from tests.support.servers import stop  # noqa: E402


class RemoteMock:
    """The mock Slack Web API (tests/slack/mock_slack.py) in its own process, so that neither the
    server nor this client shares a GIL with it; calls are read over GET /_calls. Its clock,
    time.monotonic, is the system's monotonic clock, the same in every process."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.slack.mock_slack"], cwd=ROOT,
                                         env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        self.root = self.url.removesuffix("/api/")
        self.calls: list[Call] = []

    def response_url(self, name: str) -> str:
        return f"{self.root}/respond/{name}"

    def sent(self) -> list[Call]:
        with urllib.request.urlopen(f"{self.root}/_calls?since={len(self.calls)}") as response:
            rows = json.loads(response.read())
        self.calls += [Call(r["path"], r["method"], r["body"], {}, r["status"], r["response"], r["at"]) for r in rows]
        return [c for c in self.calls if c.status == 200]

    def close(self) -> None:
        stop(self.process, timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

SECRET = "bench-signing-secret"
USER = "UBENCH001"
QUESTIONS = ["should I pitch Data Quality to Acme?", "what can I sell to Delta Retail?",
             "should I upsell more capacity of Data Platform to Acme?", "what can I sell to Juniper Clinics?"]
_ids = itertools.count(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def signed(body: str, content_type: str) -> dict:
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Server:
    """`uvicorn --factory assistant.web.app:app_from_environment` in its own process, as
    `coach serve` runs it: the benchmark's client and mock Slack API do not share its GIL."""

    def __init__(self, env: dict, port: int, *, startup_s: float = 300):
        self.port, self.startup_s = port, startup_s
        self.command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
                        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
        self.env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}

    def __enter__(self):
        # Its log goes to a file: an unread pipe would fill up and stall the server.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.command, env=self.env, stdout=subprocess.DEVNULL, stderr=self.log)
        try:
            self._wait_until_listening()
        except BaseException:  # `with` calls __exit__ only after __enter__ returned: stop it here
            self.__exit__()
            raise
        return self

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + self.startup_s  # the web worker and the answer processes warm up first
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"the server exited: {self.log.read().decode()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"the server did not listen on port {self.port} within {self.startup_s:.0f} s")

    def __exit__(self, *exc):
        stop(self.process, timeout=15)
        self.log.close()


def command_form(mock: RemoteMock, text: str) -> tuple[str, str]:
    trigger = f"bench{next(_ids)}"
    form = urlencode({"command": "/coach", "text": text, "user_id": USER, "channel_id": "CBENCH",
                      "team_id": "T0TEAM", "trigger_id": trigger, "response_url": mock.response_url(trigger)})
    return form, trigger


async def command(http: httpx.AsyncClient, mock: RemoteMock, text: str) -> tuple[float, str]:
    form, trigger = command_form(mock, text)
    start = time.monotonic()
    response = await http.post("/slack/events", content=form, headers=signed(form, "application/x-www-form-urlencoded"))
    response.raise_for_status()
    return start, trigger


async def timed_command(http: httpx.AsyncClient, mock: RemoteMock, text: str) -> tuple[float, float, str]:
    start, trigger = await command(http, mock, text)
    return time.monotonic() - start, start, trigger


async def wait_for(mock: RemoteMock, predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in mock.sent():
            if predicate(call):
                return call
        await asyncio.sleep(0.02)
    raise TimeoutError("no answer arrived")


async def measure(base_url: str, mock: RemoteMock, rounds: int, concurrency: int) -> dict:
    acks: list[float] = []
    answers: list[float] = []
    httpx_acks: list[float] = []
    # Idle connections are dropped on this side before uvicorn's 5-second keep-alive ends, so a
    # request never goes out on a connection the server is closing.
    limits = httpx.Limits(keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http, Pool(base_url) as pool:
        await command(http, mock, QUESTIONS[0])  # warm-up: rules, store, auth.test
        await wait_for(mock, lambda c: c.method == "respond" and c.body.get("blocks"))
        for _ in range(rounds):
            # All commands of a round are signed before any is sent; the answers are read from
            # when the mock API recorded them (its clock is this machine's monotonic clock).
            forms = [command_form(mock, QUESTIONS[i % len(QUESTIONS)]) for i in range(concurrency)]
            raw = [build("POST", "/slack/events", pool.host, signed(form, "application/x-www-form-urlencoded"),
                         form.encode()) for form, _ in forms]
            replies = await pool.burst(raw)
            if any(reply.status != 200 for reply in replies):
                raise SystemExit(f"an ack failed: {[reply.status for reply in replies]}")
            acks += [reply.seconds for reply in replies]
            for reply, (_, trigger) in zip(replies, forms):
                call = await wait_for(mock, lambda c, t=trigger: c.path.endswith(f"/{t}") and c.body.get("blocks"))
                answers.append(call.at - reply.started)
        for _ in range(rounds):  # the same load timed with httpx, for comparison with earlier runs
            sent = await asyncio.gather(*(timed_command(http, mock, QUESTIONS[i % len(QUESTIONS)])
                                          for i in range(concurrency)))
            httpx_acks += [ack for ack, _, _ in sent]
            for _, _, trigger in sent:
                await wait_for(mock, lambda c, t=trigger: c.path.endswith(f"/{t}") and c.body.get("blocks"))
        floor: list[float] = []
        for _ in range(rounds):  # the same server's cheapest route, for the machine's floor
            replies = await pool.burst([build("GET", "/healthz", pool.host) for _ in range(concurrency)])
            floor += [reply.seconds for reply in replies]
        single = {}
        channel = "CBENCHTHREAD"
        body = json.dumps({"type": "event_callback", "team_id": "T0TEAM", "event_id": "EvBench1",
                           "event": {"type": "app_mention", "user": USER, "channel": channel,
                                     "ts": f"{time.time():.6f}", "text": "<@UBOTCOACH> " + QUESTIONS[2]}})
        start = time.monotonic()
        await http.post("/slack/events", content=body, headers=signed(body, "application/json"))
        update = await wait_for(mock, lambda c: c.method == "chat.update" and c.body.get("channel") == channel)
        single["mention to answer in thread"] = update.at - start
        value = next(e["value"] for b in update.blocks if b["type"] == "actions" for e in b["elements"]
                     if e["action_id"] == "coach_draft")
        payload = {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": USER},
                   "channel": {"id": channel}, "response_url": mock.response_url("benchclick"),
                   "container": {"type": "message", "is_ephemeral": False},
                   "message": {"ts": update.body["ts"], "thread_ts": update.body["ts"]},
                   "actions": [{"type": "button", "action_id": "coach_draft", "value": value}]}
        form = urlencode({"payload": json.dumps(payload)})
        start = time.monotonic()
        await http.post("/slack/events", content=form, headers=signed(form, "application/x-www-form-urlencoded"))
        draft = await wait_for(mock, lambda c: c.method == "chat.update" and c.body.get("channel") == channel
                               and c is not update)
        single["Draft talk track click to talk track"] = draft.at - start
    return {"acks": acks, "answers": answers, "single": single, "floor": floor, "httpx_acks": httpx_acks}


def memory_mib(pid: int) -> dict:
    """PSS of the web worker and of its answer processes (multiprocessing's helpers left out)."""
    answer = [p for p in _children(pid) if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]
    return {"web": round(_pss_kib(pid) / 1024), "answer_processes": [round(_pss_kib(p) / 1024) for p in answer]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--write", default=str(ROOT / "benchmarks" / "RESULTS-slack.md"))
    args = parser.parse_args()

    load_before = Path("/proc/loadavg").read_text().split()[:3]
    with RemoteMock() as mock, tempfile.TemporaryDirectory() as data:
        env = {"COACH_DATA_DIR": data, "COACH_SLACK_BOT_TOKEN": "xoxb-bench", "COACH_SLACK_SIGNING_SECRET": SECRET,
               "COACH_SLACK_API_URL": mock.url, "COACH_WEB_BASE_URL": "https://coach.example.com",
               "COACH_SECRET_KEY": "bench-secret-key-bench-secret-key-0123"}
        coach = Coach(Settings(data_dir=Path(data)))  # the store, the demo book and the linked user
        coach.add_user("Jordan Blake", "am")
        coach.link_slack("Jordan Blake", USER)
        coach.store.close()
        port = free_port()
        with Server(env, port) as server:
            result = asyncio.run(measure(f"http://127.0.0.1:{port}", mock, args.rounds, args.concurrency))
            result["memory"] = memory_mib(server.process.pid)

    load_after = Path("/proc/loadavg").read_text().split()[:3]
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    spread = lambda v: f"p50 {ms(statistics.median(v))}, p95 {ms(percentile(v, 0.95))}, max {ms(max(v))}"  # noqa: E731
    acks, answers = result["acks"], result["answers"]
    rows = [
        ("request to ack, %d concurrent slash commands x %d rounds" % (args.concurrency, args.rounds),
         spread(acks), "p95 < 100 ms"),
        ("for comparison: GET /healthz, same concurrency and rounds", spread(result["floor"]), ""),
        ("request to the full answer (replaces \"Thinking…\"), same load", spread(answers), ""),
        ("request to ack, same load, timed with httpx.AsyncClient (its own work counted)",
         spread(result["httpx_acks"]), ""),
        *[(name + ", alone", ms(value), "") for name, value in result["single"].items()],
        ("memory (PSS) after the run: the web worker, then each answer process",
         " + ".join(f"{m} MiB" for m in [result["memory"]["web"], *result["memory"]["answer_processes"]]), ""),
    ]
    table = "\n".join(["| what | figure | target |", "| --- | --- | --- |",
                       *[f"| {a} | {b} | {c} |" for a, b, c in rows]])
    command_line = "PYTHONPATH=. .venv/bin/python benchmarks/bench_slack.py" + "".join(
        f" --{name} {value}" for name, value in (("rounds", args.rounds), ("concurrency", args.concurrency))
        if value != parser.get_default(name))
    text = (f"# Slack benchmark\n\n`{command_line}` on {platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}; load average (1, 5, 15 min) "
            f"{' '.join(load_before)} before the run and {' '.join(load_after)} after it.\n"
            f"uvicorn on 127.0.0.1 (no access log, as `coach serve`), mock Slack Web API on 127.0.0.1 in its own "
            f"process, template drafter, demo portfolio, {Settings().slack_processes} answer worker processes. "
            f"Acks and /healthz are timed on the wire (benchmarks/wire_client.py).\n\n{table}\n")
    Path(args.write).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
