"""A demo world with four users, the app in-process (TestClient) and as a real uvicorn server."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.demo.loader import open_store
from tests.support.meaning_vectors import seed_meaning_vectors
from tests.support.servers import free_port, server_process

PASSWORD = "a long enough password"
# name -> role; the AMs own demo accounts (Acme Corp is Jordan's, Evergreen Media is Maya's).
PEOPLE = {"Jordan Blake": "am", "Maya Lindqvist": "am", "Morgan Reyes": "manager", "Ada Admin": "admin"}
SECRET = "test-secret-key-" + "x1y2z3w4" * 4


@dataclass
class World:
    settings: Settings
    tokens: dict  # user name -> API token secret


def make_world(data_dir: Path, vectors: Path | None = None, **overrides) -> World:
    """`vectors`: the session's example vectors (the `meaning_vectors` fixture), for a world a server
    warms up in: copied in, so that it does not embed every example again."""
    # No warm-up of the embedding model in these worlds (tests/web/test_warm_up.py checks it).
    settings = Settings(data_dir=data_dir, load_demo=True, database_url=None, secret_key=SECRET,
                        **{"warm_up": False, **overrides})
    if vectors is not None:
        seed_meaning_vectors(data_dir, vectors)
    store = open_store(settings)  # with the demo portfolio
    tokens = {}
    for name, role in PEOPLE.items():
        store.users.add(name, role, PASSWORD)
        tokens[name], _ = store.users.create_token(name, ttl=dt.timedelta(days=1))
    store.close()
    return World(settings, tokens)


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    return make_world(tmp_path_factory.mktemp("web") / "data")


@pytest.fixture(scope="session")
def app(world):
    from assistant.web.app import create_app

    return create_app(world.settings)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def bearer(world: World, name: str) -> dict:
    return {"Authorization": f"Bearer {world.tokens[name]}"}


def expired_and_revoked_tokens(settings: Settings, name: str) -> tuple[str, str]:
    """Two API tokens of `name`: one already expired, one revoked (the secrets)."""
    from assistant.store import Store

    store = Store(settings)
    try:
        expired, _ = store.users.create_token(name, ttl=dt.timedelta(microseconds=1))
        revoked, info = store.users.create_token(name, ttl=dt.timedelta(days=1))
        store.users.revoke_token(info.id)
    finally:
        store.close()
    return expired, revoked


def sign_in(client, name: str, password: str = PASSWORD, *, follow: bool = False):
    """Fill and post the sign-in form as a browser would; returns the response."""
    form = client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    return client.post("/signin", data={"name": name, "password": password, "csrf_token": token, "next": "/"},
                       follow_redirects=follow)


def csrf_of(client) -> str:
    """The session's CSRF token, as a page carries it."""
    page = client.get("/chat")
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


def server_env(settings: Settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update({"COACH_DATA_DIR": str(settings.data_dir), "COACH_LOAD_DEMO": "true",
                "COACH_SECRET_KEY": settings.secret_key.get_secret_value(), "COACH_WARM_UP": str(settings.warm_up).lower(),
                "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    return env


@pytest.fixture(scope="session")
def server(world, tmp_path_factory) -> str:
    """The app served by a real uvicorn process on a free loopback port; yields its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("uvicorn") / "server.log"
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port)]
    with server_process(command, f"http://127.0.0.1:{port}/healthz", log, startup_s=60,
                        env=server_env(world.settings)):
        yield f"http://127.0.0.1:{port}"


def route_table(app) -> list[tuple[str, str]]:
    """(method, path) of every route, including those of included routers (FastAPI keeps those
    behind an include context since 0.16x)."""
    found = []

    def walk(routes, prefix: str) -> None:
        for route in routes:
            context = getattr(route, "include_context", None)
            if context is not None:
                walk(context.included_router.routes, prefix + context.prefix)
            elif getattr(route, "path", None) is not None:
                for method in sorted(getattr(route, "methods", None) or {"GET"}):
                    found.append((method, prefix + route.path))

    walk(app.routes, "")
    return found
