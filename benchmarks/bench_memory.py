"""Serving memory: what `coach serve` with Slack on holds, per process and in total.

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_memory.py [--workers 1] [--slack-processes 2] [--write FILE]

The server is started as the README says (`coach serve`, HTTP mode: COACH_SLACK_BOT_TOKEN,
COACH_SLACK_SIGNING_SECRET, COACH_WEB_BASE_URL), here as `python -m assistant.cli.main serve` so
that this checkout's code runs, on 127.0.0.1 on a free port, over the demo portfolio in a
temporary data directory, the template drafter, with a mock Slack Web API
(tests/slack/mock_slack.py) in its own process. The server takes requests once it is warm (the
rules and the embedding model loaded). Then a few questions: slash commands (answered in the
Slack answer processes, each command signed for real, waited for until its answer arrives) and
JSON API questions (answered in the web worker), so every process has done real work.

Then psutil's memory_full_info of every process of the server's tree, once warm and again after
the questions: RSS, PSS (shared pages split between the processes that map them) and USS (pages
only that process maps: what killing it would free). The total PSS is what the tree costs the
machine. The weights live in anonymous memory, so an answer process's USS tells whether it holds
a copy of its own (hundreds of MiB) or shares its web worker's (copy-on-write after a fork).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psutil  # noqa: E402

from tests.support.servers import stop  # noqa: E402

from assistant.coach import Coach  # noqa: E402
from assistant.config import Settings  # noqa: E402
from benchmarks.bench_slack import QUESTIONS, SECRET, USER, RemoteMock, command, free_port, wait_for  # noqa: E402

MIB = 1024 * 1024
# Framework questions open Chroma and encode with the model, in an answer process and in the web worker.
SLACK_QUESTIONS = [*QUESTIONS, "what does the framework say about bundling?"]
API_QUESTIONS = ["should I pitch Data Quality to Acme?", "what can I sell to Gale Logistics?",
                 "why not more capacity for Acme?", "what does the framework say about cross-selling?"]


def serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    command_line = [sys.executable, "-m", "assistant.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port),
                    "--workers", str(workers), "--log-level", "warning"]
    log = tempfile.TemporaryFile()  # an unread pipe would fill up and stall the server
    process = subprocess.Popen(command_line, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL, stderr=log)
    process.log = log
    return process


def wait_ready(process: subprocess.Popen, port: int, timeout_s: float = 600) -> float:
    """Seconds until /healthz answers (the server binds, or takes requests, only once warm)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if process.poll() is not None:
            process.log.seek(0)
            raise RuntimeError(f"the server exited: {process.log.read().decode()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("the server did not answer /healthz")


async def ask_questions(base_url: str, mock: RemoteMock, token: str, rounds: int) -> dict:
    """Slack commands (each waited for until its answer replaces "Thinking…") and API questions."""
    timings = {"slack": [], "api": []}
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as http:
        for _ in range(rounds):
            started = await asyncio.gather(*(command(http, mock, q) for q in SLACK_QUESTIONS))
            for start, trigger in started:
                call = await wait_for(mock, lambda c, t=trigger: c.path.endswith(f"/{t}") and c.body.get("blocks"),
                                      timeout=120)
                timings["slack"].append(call.at - start)
            for question in API_QUESTIONS:
                start = time.monotonic()
                reply = await http.post("/api/v1/ask", json={"question": question},
                                        headers={"Authorization": f"Bearer {token}"})
                reply.raise_for_status()
                timings["api"].append(time.monotonic() - start)
    return timings


def tree_memory(pid: int, workers: int) -> list[dict]:
    """One row per process of the tree: pid, parent, role, threads, RSS, PSS, USS (MiB)."""
    root = psutil.Process(pid)
    rows = []
    for process in [root, *root.children(recursive=True)]:
        try:
            info = process.memory_full_info()
            cmdline = process.cmdline()
            rows.append({"pid": process.pid, "ppid": process.ppid(), "threads": process.num_threads(),
                         "rss": info.rss / MIB, "pss": info.pss / MIB, "uss": info.uss / MIB,
                         "cmd": " ".join(cmdline)[-80:], "torch": _maps_torch(process.pid)})
        except psutil.NoSuchProcess:
            continue
    _name_roles(rows, pid, workers)
    return rows


def _maps_torch(pid: int) -> bool:
    try:
        return "libtorch" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _name_roles(rows: list[dict], root: int, workers: int) -> None:
    """`coach serve` runs uvicorn in its own process with one worker; with several, that process
    supervises spawned web workers. A web worker's children are its Slack answer processes
    (and multiprocessing's helpers)."""
    web = {root} if workers == 1 else {r["pid"] for r in rows if r["ppid"] == root and not _helper(r)}
    for row in rows:
        if _helper(row):
            row["role"] = "multiprocessing helper"
        elif row["pid"] in web:
            row["role"] = "web worker"
        elif row["pid"] == root:
            row["role"] = "supervisor"
        elif row["ppid"] in web:
            row["role"] = "answer process"
        else:
            row["role"] = "other"


def _helper(row: dict) -> bool:
    return "resource_tracker" in row["cmd"] or "forkserver" in row["cmd"]


def _left_behind(pids: list[int]) -> list[int]:
    """Processes of the tree still running once the server has exited after SIGTERM; killed here."""
    time.sleep(2.0)
    alive = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
                process.kill()
        except psutil.NoSuchProcess:
            continue
    return alive


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workers", type=int, default=1, help="web workers (coach serve --workers)")
    parser.add_argument("--slack-processes", type=int, default=None, help="COACH_SLACK_PROCESSES (default: the setting's)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of questions before measuring")
    parser.add_argument("--write", default=None, help="write the results (Markdown) to this file")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    parser.add_argument("--server-log", default=None, help="keep the server's log in this file")
    args = parser.parse_args()

    load_before = os.getloadavg()
    mock = RemoteMock()
    try:
        with tempfile.TemporaryDirectory() as data:
            env = {"COACH_DATA_DIR": data, "COACH_SLACK_BOT_TOKEN": "xoxb-bench",
                   "COACH_SLACK_SIGNING_SECRET": SECRET, "COACH_SLACK_API_URL": mock.url,
                   "COACH_WEB_BASE_URL": "https://coach.example.com",
                   "COACH_SECRET_KEY": "bench-secret-key-bench-secret-key-0123", "HF_HUB_OFFLINE": "1",
                   "ANONYMIZED_TELEMETRY": "False"}
            if args.slack_processes is not None:
                env["COACH_SLACK_PROCESSES"] = str(args.slack_processes)
            coach = Coach(Settings(data_dir=Path(data)))  # the store, the demo book, the linked user
            coach.add_user("Jordan Blake", "am")
            coach.link_slack("Jordan Blake", USER)
            token = coach.create_token("Jordan Blake", days=1).secret
            coach.store.close()
            port = free_port()
            server = serve(env, port, args.workers)
            try:
                ready_s = wait_ready(server, port)
                warm = tree_memory(server.pid, args.workers)
                timings = asyncio.run(ask_questions(f"http://127.0.0.1:{port}", mock, token, args.rounds))
                time.sleep(1.0)  # let the answer processes finish relaying
                rows = tree_memory(server.pid, args.workers)
            finally:
                tree = [p.pid for p in psutil.Process(server.pid).children(recursive=True)] if server.poll() is None else []
                stop(server, timeout=30)
                left_behind = _left_behind(tree)
                if args.server_log:
                    server.log.seek(0)
                    Path(args.server_log).write_bytes(server.log.read())
                server.log.close()
    finally:
        mock.close()
    load_after = os.getloadavg()

    slack_processes = args.slack_processes if args.slack_processes is not None else Settings().slack_processes
    fmt = lambda v: f"{v:.0f}"  # noqa: E731
    table = ["| process | pid | threads | torch mapped | RSS MiB | PSS MiB | USS MiB | PSS when warm |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    warm_pss = {r["pid"]: r["pss"] for r in warm}
    for row in rows:
        table.append(f"| {row['role']} | {row['pid']} | {row['threads']} | {'yes' if row['torch'] else 'no'} | "
                     f"{fmt(row['rss'])} | {fmt(row['pss'])} | {fmt(row['uss'])} | "
                     f"{fmt(warm_pss[row['pid']]) if row['pid'] in warm_pss else '-'} |")
    total = {k: sum(r[k] for r in rows) for k in ("rss", "pss", "uss")}
    table.append(f"| **total** | | | | {fmt(total['rss'])} | **{fmt(total['pss'])}** | {fmt(total['uss'])} | "
                 f"{fmt(sum(warm_pss.values()))} |")
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    spread = lambda v: f"p50 {ms(percentile(v, 0.5))}, p95 {ms(percentile(v, 0.95))}, n={len(v)}"  # noqa: E731
    text = (f"# Serving memory\n\n`PYTHONPATH=. .venv/bin/python benchmarks/bench_memory.py --workers {args.workers} "
            f"--slack-processes {slack_processes}` on {platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}; load average (1, 5, 15 min) "
            f"{' '.join(f'{x:.2f}' for x in load_before)} before and {' '.join(f'{x:.2f}' for x in load_after)} after.\n"
            f"`coach serve` with Slack on (HTTP mode), {args.workers} web worker(s), COACH_SLACK_PROCESSES="
            f"{slack_processes}; ready (warm) after {ready_s:.1f} s; then {args.rounds} rounds of "
            f"{len(SLACK_QUESTIONS)} concurrent slash commands and {len(API_QUESTIONS)} API questions "
            f"(Slack command to answer {spread(timings['slack'])}; API ask {spread(timings['api'])}; "
            f"timed with httpx, for orientation only: bench_slack.py and bench_web.py time latency).\n\n"
            + "\n".join(table) + f"\n\nAfter SIGTERM to the server: {len(left_behind)} of its processes still running "
            f"2 s after it exited{' (killed by the benchmark)' if left_behind else ''}.\n\nPSS splits shared pages between the processes that map them, so the total "
            "PSS is what the tree costs the machine; USS is what killing one process would free.\n")
    print(text)
    if args.json:
        print(json.dumps({"rows": rows, "total": total, "load": [load_before, load_after]}, indent=1))
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
