"""The caches (store reads per data version, the quarterly plan) under a real uvicorn with two
worker processes: an import through one worker is seen by every later request, whichever
worker answers it."""

from __future__ import annotations

import sys

import httpx
import pytest

from tests.support.servers import free_port, server_process
from tests.web.conftest import bearer, make_world, server_env

pytestmark = pytest.mark.slow
TODAY = "2026-11-16"


def test_an_import_is_seen_by_both_workers_at_once(tmp_path):
    world = make_world(tmp_path / "data")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:app_from_environment",
               "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--no-access-log"]
    manager, admin = bearer(world, "Morgan Reyes"), bearer(world, "Ada Admin")

    def reads(times: int = 12) -> list[tuple]:
        """Each on a new connection, so the two workers share them."""
        found = []
        for _ in range(times):
            account = httpx.get(f"{url}/api/v1/accounts/Acme Corp", headers=manager, timeout=60).json()
            plan = httpx.get(f"{url}/api/v1/plan", params={"today": TODAY}, headers=manager, timeout=60).json()
            found.append((account["health"].get("nps"), plan["book_size"]))
        return found

    with server_process(command, f"{url}/healthz", tmp_path / "server.log", startup_s=120,
                        env=server_env(world.settings)):
        before = reads()
        assert len(set(before)) == 1  # both workers, the same (now cached) answer
        nps, book = before[0]
        acme = httpx.get(f"{url}/api/v1/accounts/Acme Corp", headers=manager, timeout=60).json()
        acme["health"]["nps"] = (nps or 0) + 7
        imported = httpx.post(f"{url}/api/v1/accounts/import", headers=admin, timeout=60, json={"accounts": [
            acme, {"name": "Zeta Freight", "owner": "Jordan Blake"}]})
        assert imported.status_code == 200, imported.text
        assert set(reads()) == {((nps or 0) + 7, book + 1)}
