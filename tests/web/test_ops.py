"""Operations: request logs without secrets or talk tracks, `coach serve`, PostgreSQL, shutdown."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from tests.store.test_postgres import pg_url  # noqa: F401 - starts a real PostgreSQL server
from tests.support.servers import free_port
from tests.web.conftest import PASSWORD, bearer, server_env, sign_in

TODAY = "2026-11-16"


def test_request_logs_are_structured_and_hold_no_secret_or_talk_track(client, world, caplog):
    caplog.set_level(logging.INFO, logger="assistant.web.request")
    headers = bearer(world, "Jordan Blake")
    draft = client.post("/api/v1/accounts/Acme Corp/draft", headers=headers,
                        json={"product": "Data Platform", "change": "more_capacity", "today": TODAY}).json()
    sign_in(client, "Jordan Blake")
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.web.request"]
    assert any('"path": "/api/v1/accounts/Acme Corp/draft"' in line and '"user": "Jordan Blake"' in line
               and '"status": 200' in line for line in lines)
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert world.tokens["Jordan Blake"] not in everything and PASSWORD not in everything
    assert draft["text"] and draft["text"][:40] not in everything


@pytest.mark.slow
def test_coach_serve_starts_answers_and_stops_gracefully(world, tmp_path):
    port = free_port()
    coach = Path(sys.executable).with_name("coach")
    command = [str(coach), "serve", "--port", str(port)] if coach.exists() else \
        [sys.executable, "-m", "assistant.cli.main", "serve", "--port", str(port)]
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen(command, env=server_env(world.settings), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.3)
        # A request in flight when the server is told to stop still gets its answer. Its body goes out in
        # two halves, and the second only once the server has logged that it is shutting down: so the
        # request was certainly in flight then, however fast this machine answers.
        result = {}
        http = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=bearer(world, "Morgan Reyes"), timeout=60)
        body = json.dumps({"question": "should I pitch DQ to acme?", "today": TODAY}).encode()
        shutting_down = threading.Event()

        def body_in_two_halves():
            yield body[: len(body) // 2]
            shutting_down.wait(60)
            yield body[len(body) // 2:]

        def in_flight_request():
            result["response"] = http.post("/api/v1/ask", content=body_in_two_halves(),
                                           headers={"Content-Type": "application/json"})

        thread = threading.Thread(target=in_flight_request)
        thread.start()
        time.sleep(0.3)  # the first half is on its way; nothing here depends on how long that takes
        proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        while "Shutting down" not in (tmp_path / "serve.log").read_text():
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.05)
        assert thread.is_alive()  # still waiting for its answer when the server began to stop
        shutting_down.set()
        thread.join(60)
        response = result["response"]
        assert response.status_code == 200 and response.json()["verdict"]["verdict"] == "pitch", response.status_code
        # uvicorn re-raises the signal after its graceful shutdown, so the status says SIGTERM.
        assert proc.wait(timeout=30) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in (tmp_path / "serve.log").read_text()
        http.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()


def test_serve_refuses_a_production_start_without_a_secret_key(world, tmp_path):
    env = server_env(world.settings)
    env.pop("COACH_SECRET_KEY")
    env["COACH_PRODUCTION"] = "true"
    done = subprocess.run([sys.executable, "-m", "assistant.cli.main", "serve", "--port", str(free_port())],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "COACH_SECRET_KEY" in done.stderr


def test_the_api_on_postgresql(pg_url, tmp_path):  # noqa: F811
    from fastapi.testclient import TestClient

    from assistant.store import Store, schema
    from assistant.web.app import create_app

    settings = Settings(data_dir=tmp_path, database_url=pg_url, load_demo=True, secret_key="p" * 8 + "q" * 40)
    store = Store(settings)
    with store.engine.begin() as conn:  # the module's server is shared with other tests
        conn.execute(schema.users.delete())
    store.close()
    store = Store(settings)
    store.users.add("Jordan Blake", "am", PASSWORD)
    store.users.add("Maya Lindqvist", "am", PASSWORD)
    store.close()
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["store"]["dialect"] == "postgresql"
        assert sign_in(client, "Jordan Blake").status_code == 303
        answer = client.post("/api/v1/ask", json={"question": "should I pitch DQ to acme?", "today": TODAY},
                             headers={"x-csrf-token": "unused"})
        assert answer.status_code == 403  # a cookie-authenticated POST needs the session's CSRF token
        page = client.get("/chat")
        import re

        token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
        answer = client.post("/api/v1/ask", json={"question": "should I pitch DQ to acme?", "today": TODAY},
                             headers={"x-csrf-token": token})
        assert answer.status_code == 200 and answer.json()["verdict"]["verdict"] == "pitch"
        sign_in(client, "Maya Lindqvist")
        assert client.get("/api/v1/accounts/Acme Corp").status_code == 403
