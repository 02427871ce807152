"""Web benchmark: /api/v1/ask under load, worker memory, and the portfolio page of a big book.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_web.py [--seconds 20] [--clients 8] [--accounts 1000]
        [--write benchmarks/RESULTS-web.md]

1. The demo portfolio, a manager with an API token, the template drafter (no LLM configured).
   `coach serve`'s app (uvicorn, the same factory, no access log) with 1 worker, then 2 workers,
   on a loopback port; each worker loads the rules and the conversation's embedding model before
   it takes requests (the app's warm-up). 8 clients, each with its own keep-alive connection and
   chat session, post a rotation of questions (verdicts, follow-ups, plays, drafts) to
   /api/v1/ask for a fixed time after a warm-up. The clients are asyncio tasks of
   benchmarks/wire_client.py in this process (a separate process from the server): each
   latency runs from writing the request to the last byte of the answer, without a client
   library's own work. Reported: requests/s, p50/p95/p99 latency, errors, and the memory (PSS,
   the fair share of pages shared between processes) of each worker and of the whole tree.
2. A 1,000-account generated book (benchmarks/generate_book.py), one worker: the portfolio page
   (the quarterly plan, filters and charts rendered as HTML) for a manager's whole book: the
   first fetch (computes the plan), then repeated fetches (the plan cached per data version,
   rule-set version, book and day): p50/p95.
The results, with the command and the load average before and after, replace --write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import platform
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_plan import _children, _pss_kib  # noqa: E402
from benchmarks.generate_book import TODAY as BOOK_TODAY, generate_accounts, generate_catalog  # noqa: E402
from benchmarks.wire_client import Connection, build  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

DEMO_TODAY = "2026-11-16"
PASSWORD = "benchmark password"
QUESTIONS = [
    "should I pitch Data Quality to Acme?", "why?", "should we upsell more seats to delta retail?", "why not?",
    "what can I sell to Borealis?", "draft it", "should I pitch DQ to acme?", "who is the sponsor?",
]


def _settings_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update({"COACH_DATA_DIR": str(data_dir), "COACH_SECRET_KEY": "bench-" + "k7" * 20,
                "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    return env


def prepare(data_dir: Path, *, accounts: int | None) -> str:
    """A store (the demo, or `accounts` generated ones), a manager and their API token."""
    from assistant.config import Settings
    from assistant.demo.loader import open_store

    settings = Settings(data_dir=data_dir, load_demo=accounts is None)
    store = open_store(settings)
    if accounts is not None:
        store.replace_catalog(generate_catalog())
        chunk = []
        for account in generate_accounts(accounts, seed=7):
            chunk.append(account)
            if len(chunk) == 1000:
                store.import_accounts(chunk)
                chunk = []
        if chunk:
            store.import_accounts(chunk)
    store.users.add("Bench Manager", "manager", PASSWORD)
    token, _ = store.users.create_token("Bench Manager", ttl=dt.timedelta(days=1))
    store.close()
    return token


def _is_helper(pid: int) -> bool:
    """multiprocessing's resource tracker, which uvicorn's supervisor starts beside its workers."""
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class Server:
    def __init__(self, data_dir: Path, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(data_dir / f"uvicorn-{workers}.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment", "--host",
             "127.0.0.1", "--port", str(self.port), "--workers", str(workers), "--log-level", "warning",
             "--no-access-log"], env=_settings_env(data_dir), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300  # each worker loads the embedding model first
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    if len(_children(self.proc.pid)) >= workers or workers == 1:
                        return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"the server did not start; see {self.log.name}")

    def memory_mib(self) -> dict:
        kids = _children(self.proc.pid)
        workers = [p for p in kids if _pss_kib(p) > 0 and not _is_helper(p)]
        per_worker = [_pss_kib(p) / 1024 for p in workers] or [_pss_kib(self.proc.pid) / 1024]
        total = (_pss_kib(self.proc.pid) + sum(_pss_kib(p) for p in kids)) / 1024
        return {"per_worker_pss_mib": [round(m) for m in per_worker], "tree_pss_mib": round(total)}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def load(url: str, token: str, *, clients: int, seconds: float, warmup_s: float) -> dict:
    """`clients` closed loops (one request in flight each) for `warmup_s` + `seconds`; only the
    last `seconds` are recorded."""
    import asyncio

    host = url.removeprefix("http://")
    latencies: list[float] = []
    errors = [0]

    async def client(index: int, stop_at: float, record_from: float) -> None:
        connection = await Connection.open(url)
        session, turn = None, index
        try:
            while time.monotonic() < stop_at:
                question = QUESTIONS[turn % len(QUESTIONS)]
                turn += 1
                body = json.dumps({"question": question, "today": DEMO_TODAY,
                                   **({"session_id": session} if session else {})}).encode()
                reply = await connection.send(build("POST", "/api/v1/ask", host, {
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json"}, body))
                if reply.status == 200:
                    session = json.loads(reply.body)["session_id"]
                if reply.started >= record_from:
                    latencies.append(reply.seconds)
                    errors[0] += reply.status != 200
        finally:
            await connection.close()

    async def run() -> float:
        began = time.monotonic()
        record_from, stop_at = began + warmup_s, began + warmup_s + seconds
        await asyncio.gather(*(client(i, stop_at, record_from) for i in range(clients)))
        return time.monotonic() - record_from

    wall = asyncio.run(run())
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1) if ordered else float("nan")

    return {"requests": len(ordered), "errors": errors[0], "req_per_s": round(len(ordered) / wall, 1),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99)}


def portfolio(url: str, token: str, *, repeats: int) -> dict:
    """The portfolio page for a manager (the whole book); a session cookie like a browser's."""
    import re

    times = []
    with httpx.Client(base_url=url, timeout=300, follow_redirects=False) as http:
        form = http.get("/signin")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        http.post("/signin", data={"name": "Bench Manager", "password": PASSWORD, "csrf_token": csrf, "next": "/"})
        for index in range(repeats + 1):
            started = time.perf_counter()
            response = http.get("/portfolio", params={"today": BOOK_TODAY.isoformat()})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text[:300]
            if index:
                times.append(elapsed)
            else:
                first = elapsed  # computes the plan
    ordered = sorted(times)
    return {"repeats": repeats, "first_ms": round(first * 1000), "p50_ms": round(statistics.median(ordered) * 1000),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000),
            "html_kib": round(len(response.content) / 1024)}


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def write_results(path: Path, args, results: dict, command: str) -> str:
    rows = []
    for workers, run in results["ask"].items():
        memory = " + ".join(f"{m} MiB" for m in run["per_worker_pss_mib"])  # the tree adds the supervisor
        rows.append(f"| {workers} | {run['requests']} | {run['req_per_s']} | {run['p50_ms']} ms | {run['p95_ms']} ms | "
                    f"{run['p99_ms']} ms | {run['errors']} | {memory} (tree {run['tree_pss_mib']} MiB) |")
    page = results["portfolio"]
    text = f"""# bench_web.py: results

`{command}` on {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs,
{results['started']}; load average (1, 5, 15 min) {results['load_before']} before the run and
{results['load_after']} after it.

## /api/v1/ask, {args.clients} concurrent clients, template drafter, demo portfolio

Each client keeps its own keep-alive connection and chat session and cycles through
{len(QUESTIONS)} questions (verdicts, "why?", "why not?", the plays of an account, "draft it",
the sponsor); SQLite store (WAL), bearer-token auth, uvicorn as `coach serve` runs it. Each
worker loaded the rules and the embedding model before taking requests. {args.seconds:g} s
recorded after a {args.warmup:g} s warm-up; latency from writing the request to the last byte
of the answer (benchmarks/wire_client.py, in the benchmark's own process).

| workers | requests | req/s | p50 | p95 | p99 | errors | memory per worker (PSS) |
| --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Target: at least 50 req/s with p95 under 250 ms.

## Portfolio page, {page['accounts']:,} generated accounts, one worker, a manager's whole book

| first fetch (computes the plan) | then, {page['repeats']} fetches: p50 | p95 | HTML |
| --- | --- | --- | --- |
| {page['first_ms']:,} ms | {page['p50_ms']:,} ms | {page['p95_ms']:,} ms | {page['html_kib']} KiB |

The plan is cached per (data version, rule-set version, book, day): any import or other write
to the data, by any worker, makes the next fetch compute it again (as the first fetch did).
"""
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--write", default=str(ROOT / "benchmarks" / "RESULTS-web.md"))
    args = parser.parse_args()
    command = "PYTHONPATH=. .venv/bin/python benchmarks/bench_web.py" + "".join(
        f" --{name} {' '.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in vars(args).items() if name != "write" and value != parser.get_default(name))
    results = {"ask": {}, "cpus": os.cpu_count(), "load_before": _loadavg(), "started": time.strftime("%Y-%m-%d %H:%M")}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        demo_dir = Path(folder) / "demo"
        token = prepare(demo_dir, accounts=None)
        for workers in args.workers:
            server = Server(demo_dir, workers)
            try:
                run = load(server.url, token, clients=args.clients, seconds=args.seconds, warmup_s=args.warmup)
                run.update(server.memory_mib())
            finally:
                server.stop()
            results["ask"][f"{workers}"] = run
            print(f"/api/v1/ask, {workers} worker(s), {args.clients} clients: {json.dumps(run)} "
                  f"(load {_loadavg()})", flush=True)
        book_dir = Path(folder) / "book"
        token = prepare(book_dir, accounts=args.accounts)
        server = Server(book_dir, 1)
        try:
            results["portfolio"] = portfolio(server.url, token, repeats=args.repeats)
            results["portfolio"]["accounts"] = args.accounts
        finally:
            server.stop()
        print(f"portfolio page, {args.accounts} accounts: {json.dumps(results['portfolio'])}", flush=True)
    results["load_after"] = _loadavg()
    print(write_results(Path(args.write), args, results, command))


if __name__ == "__main__":
    main()
