"""A real `coach serve`-style server with Slack on holds the embedding model's weights once: its
Slack answer processes are forked from the warm web worker and share the weights' pages instead
of loading a copy of their own (benchmarks/bench_memory.py measures how much that saves)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from assistant.knowledge.embeddings import default_model_dir
from assistant.store import Store
from tests.slack.conftest import SECRET, block_text, sign, unique
from tests.slack.mock_slack import MockSlack
from tests.support.load import scaled
from tests.support.meaning_vectors import seed_meaning_vectors
from tests.support.servers import free_port, server_process
from tests.web.conftest import make_world, server_env

pytestmark = pytest.mark.slow
JORDAN = "UJORDAN01"
# The answer processes' lower CPU priority (COACH_SLACK_WORKER_NICE, checked in test_http_app.py) is
# left out here: on a busy machine it starved them of the CPU, and a framework question's first
# answer (Chroma opened, the index built) or a model load timed these tests out.
NOT_NICE = 0


def _weights_bytes() -> int:
    folder = default_model_dir()
    return sum(f.stat().st_size for pattern in ("*.safetensors", "*.bin") for f in folder.glob(pattern))


def _memory(pid: int) -> dict[str, int]:
    """Bytes by kind from /proc/PID/smaps_rollup: Private_* is this process's alone, Shared_Dirty
    is memory written before a fork and still shared with the parent (copy-on-write)."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        if value.strip().endswith("kB"):
            found[name] = int(value.split()[0]) * 1024
    return found


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    kids = {int(k) for task in tasks.iterdir() for k in (task / "children").read_text().split()}
    return sorted(k for k in kids if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes())


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_answer_processes_share_the_web_workers_model_and_answer(tmp_path, meaning_vectors):
    mock = MockSlack()
    world = make_world(tmp_path / "data", meaning_vectors, warm_up=True)
    store = Store(world.settings)
    store.users.link_slack("Jordan Blake", JORDAN)
    store.close()
    port = free_port()
    env = {**server_env(world.settings), "COACH_SLACK_BOT_TOKEN": "xoxb-test", "COACH_SLACK_SIGNING_SECRET": SECRET,
           "COACH_SLACK_API_URL": mock.url, "COACH_SLACK_PROCESSES": "2", "COACH_EMBEDDING_THREADS": "1",
           "COACH_SLACK_WORKER_NICE": str(NOT_NICE)}
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    try:
        with server_process(command, f"http://127.0.0.1:{port}/healthz", tmp_path / "server.log", startup_s=scaled(300),
                            env=env) as process:
            answer_processes = _children(process.pid)
            assert len(answer_processes) == 2
            weights = _weights_bytes()
            assert weights > 10_000_000  # the MiniLM weights file
            for pid in answer_processes:
                memory = _memory(pid)
                # Warm, and no copy of its own: all it holds alone is smaller than the weights, and
                # it shares at least that much of what the web worker loaded before the fork.
                private = memory["Private_Clean"] + memory["Private_Dirty"]
                assert private < weights, f"answer process {pid} holds {private >> 20} MiB of its own"
                assert memory["Shared_Dirty"] >= weights

            # A question answered from the framework: the model encodes it (and Chroma is opened) in
            # an answer process, after the fork.
            trigger = unique("trigger")
            form = urlencode({"command": "/coach", "text": "what does the framework say about bundling?",
                              "user_id": JORDAN, "channel_id": "C0GENERAL", "team_id": "T0TEAM",
                              "trigger_id": trigger, "response_url": mock.response_url(trigger)})
            stamp = str(int(time.time()))
            ack = httpx.post(f"http://127.0.0.1:{port}/slack/events", content=form, timeout=30,
                             headers={"Content-Type": "application/x-www-form-urlencoded",
                                      "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": sign(form, stamp)})
            assert ack.status_code == 200
            deadline = time.monotonic() + scaled(120)
            while not (answered := [c for c in mock.sent("respond") if c.path.endswith(trigger) and c.blocks]):
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()[-3000:]
                time.sleep(0.1)
            text = block_text(answered[0].blocks)
            assert "bundl" in text.casefold() and "warning" not in text.casefold()
            for pid in answer_processes:
                assert _memory(pid)["Shared_Dirty"] >= weights  # answering read the weights, never copied them

            # Killed outright (the OOM killer), the web worker leaves no answer process behind
            # holding memory and its inherited copy of the listening socket.
            process.kill()
            process.wait()
            deadline = time.monotonic() + scaled(30)
            while alive := [pid for pid in answer_processes if _running(pid)]:
                assert time.monotonic() < deadline, f"answer processes {alive} outlived their web worker"
                time.sleep(0.2)
    finally:
        mock.close()


def _encode_in_worker() -> int:
    """Run in an answer process: encode with the inherited model; torch's thread count."""
    import torch

    from assistant.knowledge.embeddings import load_model

    load_model(default_model_dir()).encode(["a question long enough for torch to split the work " * 8] * 4)
    return torch.get_num_threads()


def test_a_forked_answer_process_encodes_on_one_torch_thread_even_when_the_web_process_uses_more(tmp_path,
                                                                                                 meaning_vectors):
    """OpenMP's thread pool does not survive a fork: an answer process forked from a web process
    that ran torch on 2 threads would wait forever on its first parallel op with 2 threads. (torch's
    thread count is OpenMP's, kept per thread: the forking thread's is what the child inherits.)"""
    import torch
    from fastapi.testclient import TestClient

    from assistant.config import Settings
    from assistant.web.app import create_app

    before = torch.get_num_threads()
    seed_meaning_vectors(tmp_path, meaning_vectors)  # (the warm-up still loads the model)
    settings = Settings(data_dir=tmp_path, load_demo=True, secret_key="w" * 40, warm_up=True, embedding_threads=2,
                        slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url="http://127.0.0.1:9/api/",
                        slack_processes=1, slack_worker_nice=NOT_NICE)
    app = create_app(settings)
    runner = app.state.slack.slack_coach.run
    try:
        with TestClient(app):  # the lifespan: warm with 2 threads, then fork
            assert runner.pool.submit(_encode_in_worker).result(timeout=scaled(120)) == 1
    finally:
        for worker in list((getattr(runner.pool, "_processes", None) or {}).values()):
            worker.kill()  # a hung worker must not hang the test session
        torch.set_num_threads(before)
