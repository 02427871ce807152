"""Refused sign-ins and refused questions are audited: who (or which name was tried), why, and
where, never a password or a token; `coach audit list` finds them by kind, user and account."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.web.conftest import PASSWORD, bearer, expired_and_revoked_tokens, make_world, sign_in

TODAY = "2026-11-16"
WRONG = "not the password at all"


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """A world where each kind of failure happened once, through the real app; its settings."""
    from fastapi.testclient import TestClient

    from assistant.web.app import create_app

    world = make_world(tmp_path_factory.mktemp("audit-refusals") / "data", max_failed_signins=2)
    expired, revoked = expired_and_revoked_tokens(world.settings, "Morgan Reyes")
    with TestClient(create_app(world.settings), raise_server_exceptions=False) as client:
        assert sign_in(client, "Nobody Known", WRONG).status_code == 401
        assert [sign_in(client, "Maya Lindqvist", WRONG).status_code for _ in range(2)] == [401, 429]
        assert sign_in(client, "Maya Lindqvist", PASSWORD).status_code == 429  # locked: even the right one
        for secret in (expired, revoked, "coach_" + "x" * 40):
            assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
        jordan = bearer(world, "Jordan Blake")
        assert client.get("/api/v1/policy", headers=jordan).status_code == 403
        assert client.post("/api/v1/accounts/Evergreen Media/check", json={"product": "Data Platform",
                                                                           "today": TODAY},
                           headers=jordan).status_code == 403
        assert client.get("/api/v1/plan", params={"owner": "Maya Lindqvist", "today": TODAY},
                          headers=jordan).status_code == 403
    return world, (expired, revoked)


def _entries(settings, *options) -> list[dict]:
    from assistant.cli.main import app

    env = {"COACH_DATA_DIR": str(settings.data_dir), "COACH_LOAD_DEMO": "true", "COACH_DATABASE_URL": None}
    result = CliRunner().invoke(app, ["audit", "list", "--json", "--limit", "500", *options], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_failed_sign_ins_say_which_name_was_tried_and_why(audited):
    world, _ = audited
    failed = _entries(world.settings, "--kind", "sign_in.failed")
    by_password = [(e["user"], e["payload"]["reason"]) for e in failed if e["payload"]["method"] == "password"]
    assert sorted(by_password) == sorted([("Nobody Known", "unknown user"), ("Maya Lindqvist", "wrong password"),
                                          ("Maya Lindqvist", "wrong password, now locked out"),
                                          ("Maya Lindqvist", "locked out")])
    maya = _entries(world.settings, "--kind", "sign_in", "--user", "maya lindqvist")
    assert len(maya) == 3 and all(e["payload"]["via"] == "web" and e["payload"]["name"] == "Maya Lindqvist"
                                  for e in maya)


def test_refused_tokens_say_whose_they_were_and_why(audited):
    world, _ = audited
    tokens = [e for e in _entries(world.settings, "--kind", "sign_in.failed")
              if e["payload"]["method"] == "api token"]
    assert sorted((e["user"] or "", e["payload"]["reason"]) for e in tokens) == [
        ("", "not valid"), ("Morgan Reyes", "expired"), ("Morgan Reyes", "revoked")]


def test_no_password_or_token_reaches_the_audit_log(audited):
    world, secrets = audited
    everything = json.dumps(_entries(world.settings))
    for secret in (PASSWORD, WRONG, *secrets, *world.tokens.values(), "coach_" + "x" * 40):
        assert secret not in everything


def test_access_refusals_say_who_asked_what_and_why(audited):
    world, _ = audited
    refused = _entries(world.settings, "--kind", "refused", "--user", "Jordan Blake")
    asked = {(e["payload"]["asked"], e["payload"]["reason"]) for e in refused}
    assert asked == {("GET /api/v1/policy", "forbidden"), ("check", "not_your_account"),
                     ("plan", "forbidden")}
    assert all(e["payload"]["role"] == "am" for e in refused)
    evergreen = _entries(world.settings, "--kind", "refused", "--account", "Evergreen Media")
    assert [e["payload"]["asked"] for e in evergreen] == ["check"]


def test_a_flood_of_bad_tokens_and_sign_ins_writes_one_row_per_source(tmp_path):
    # Through the real app: the peer's address is the source; the counted failures are written
    # (as `repeated`) when the app shuts down.
    from fastapi.testclient import TestClient

    from assistant.store import Store
    from assistant.web.app import create_app

    world = make_world(tmp_path / "data")
    app = create_app(world.settings)
    bad = {"Authorization": "Bearer coach_" + "x" * 40}
    with TestClient(app, client=("203.0.113.7", 50000)) as client:
        assert {client.get("/api/v1/me", headers=bad).status_code for _ in range(25)} == {401}
        assert {sign_in(client, "Nobody Known", WRONG).status_code for _ in range(5)} == {401}
        other = TestClient(app, client=("198.51.100.2", 50000))  # the same app, another peer
        assert other.get("/api/v1/me", headers=bad).status_code == 401
    store = Store(world.settings)
    try:
        rows = [(e["payload"]["source"], e["payload"]["reason"], e["payload"].get("repeated"))
                for e in reversed(store.audit_entries("sign_in.failed", limit=100))]
    finally:
        store.close()
    assert rows == [("203.0.113.7", "not valid", None), ("203.0.113.7", "unknown user", None),
                    ("198.51.100.2", "not valid", None),
                    ("203.0.113.7", "not valid", 24), ("203.0.113.7", "unknown user", 4)]
