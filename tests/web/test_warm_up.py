"""Servers load the conversation's embedding model before they take requests (`warm_up`), so
no question pays for the load and each process holds one model."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from tests.support.servers import free_port, server_process
from tests.support.meaning_vectors import seed_meaning_vectors
from tests.web.conftest import bearer, make_world, server_env

pytestmark = pytest.mark.slow


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def _maps_a_model_runtime(pid: int) -> bool:
    """ONNX Runtime runs the model (assistant/knowledge/encoder.py), or torch where it cannot."""
    maps = _maps(pid)
    return "onnxruntime" in maps or "libtorch" in maps


def test_the_app_lifespan_loads_the_model_before_the_first_request(tmp_path, meaning_vectors):
    from fastapi.testclient import TestClient

    from assistant.knowledge.embeddings import default_model_dir, model_is_loaded
    from assistant.web.app import create_app

    seed_meaning_vectors(tmp_path, meaning_vectors)  # (the examples' vectors: the model is loaded all the same)
    seeded = tmp_path / "cache" / meaning_vectors.name
    written = seeded.stat().st_mtime_ns
    settings = Settings(data_dir=tmp_path, load_demo=True, secret_key="w" * 40, warm_up=True)
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan; no request has been made
        assert model_is_loaded(default_model_dir())
        assert seeded.stat().st_mtime_ns == written  # the examples were read, not embedded and written again
        coach = app.state.coach
        assert {"ruleset", "draft_checks", "wording"} <= set(coach.__dict__)
        import torch

        assert torch.get_num_threads() == settings.embedding_threads == 1  # a server: one thread each


def test_a_real_server_has_the_model_loaded_when_it_first_answers(tmp_path, meaning_vectors):
    """uvicorn binds its socket only after the lifespan: the first /healthz answer comes from a
    process that already maps the model's runtime (nothing but the embedding model loads it)."""
    world = make_world(tmp_path / "data", meaning_vectors, warm_up=True)
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    log = tmp_path / "server.log"
    with server_process(command, f"http://127.0.0.1:{port}/healthz", log, startup_s=180,
                        env=server_env(world.settings)) as process:
        assert _maps_a_model_runtime(process.pid)
        answer = httpx.post(f"http://127.0.0.1:{port}/api/v1/ask", headers=bearer(world, "Jordan Blake"),
                            json={"question": "should I pitch Data Quality to Acme?", "today": "2026-11-16"},
                            timeout=60)
        assert answer.status_code == 200 and answer.json()["verdict"]["verdict"]


def test_without_warm_up_a_server_does_not_load_the_model(tmp_path):
    world = make_world(tmp_path / "data", warm_up=False)
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    with server_process(command, f"http://127.0.0.1:{port}/healthz", tmp_path / "server.log", startup_s=60,
                        env=server_env(world.settings)) as process:
        assert not _maps_a_model_runtime(process.pid)
