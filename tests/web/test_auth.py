"""Sign-in, sessions, CSRF, lock-out, bearer tokens; a signed-out client reaches nothing."""

from __future__ import annotations


import httpx
import pytest

from tests.web.conftest import PASSWORD, bearer, csrf_of, expired_and_revoked_tokens, make_world, route_table, sign_in

OPEN_PATHS = {"/healthz", "/signin"}


def test_health_needs_no_sign_in_and_reports_the_parts(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["store"]["ok"] and body["store"]["dialect"] == "sqlite" and body["store"]["accounts"] == 15
    assert body["llm"] == {"drafter": "template"} and body["index"]["kind"] == "chroma-local"


def test_a_signed_out_client_reaches_nothing_but_health_sign_in_and_static(client, app):
    checked = 0
    for method, path in route_table(app):
        if path in OPEN_PATHS or path.startswith("/static") or path.startswith("/slack") or method == "HEAD":
            continue
        concrete = path.replace("{name}", "Acme Corp").replace("{path:path}", "x")
        if True:
            response = client.request(method, concrete, follow_redirects=False)
            checked += 1
            if response.status_code == 303:  # a page: to the sign-in form, keeping where it was going
                assert response.headers["location"].startswith("/signin?next="), (method, path)
            else:
                assert response.status_code == 401, (method, path, response.status_code, response.text[:200])
                assert response.json()["error"]["code"] == "unauthorized"
    assert checked >= 20
    assert client.get("/static/app.css").status_code == 200


def test_signing_in_sets_a_safe_session_cookie(client):
    response = sign_in(client, "jordan blake")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "coach_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/api/v1/me").json() == {"name": "Jordan Blake", "role": "am", "sees_all_accounts": False,
                                              "sees_policy": False, "imports_data": False,
                                              "manages_users": False}


def test_a_wrong_password_shows_the_form_again_without_saying_which_part_was_wrong(client):
    response = sign_in(client, "Jordan Blake", "not the password")
    assert response.status_code == 401 and "Wrong user name or password." in response.text
    assert "coach_session" not in response.headers.get("set-cookie", "")
    assert client.get("/api/v1/me").status_code == 401


def test_the_sign_in_form_needs_its_csrf_token(client):
    client.get("/signin")
    response = client.post("/signin", data={"name": "Jordan Blake", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403


def test_sign_in_never_redirects_off_site(client):
    form = client.get("/signin?next=//evil.example/x")
    assert 'value="/"' in form.text and "evil.example" not in form.text
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    response = client.post("/signin", data={"name": "Jordan Blake", "password": PASSWORD, "csrf_token": token,
                                            "next": "https://evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_repeated_failures_lock_the_user_out(tmp_path):
    from fastapi.testclient import TestClient

    from assistant.web.app import create_app

    world = make_world(tmp_path / "data", max_failed_signins=3)
    with TestClient(create_app(world.settings)) as client:
        statuses = [sign_in(client, "Maya Lindqvist", "wrong wrong wrong").status_code for _ in range(3)]
        assert statuses == [401, 401, 429]
        locked = sign_in(client, "Maya Lindqvist", PASSWORD)
        assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text


def test_a_cookie_authenticated_change_needs_the_csrf_token(client):
    sign_in(client, "Jordan Blake")
    without = client.post("/signout", follow_redirects=False)
    assert without.status_code == 403 and client.get("/api/v1/me").status_code == 200
    with_token = client.post("/signout", data={"csrf_token": csrf_of(client)}, follow_redirects=False)
    assert with_token.status_code == 303
    assert client.get("/api/v1/me").status_code == 401  # the session is gone everywhere


def test_bearer_tokens_expired_revoked_and_malformed(world, client):
    assert client.get("/api/v1/me", headers=bearer(world, "Morgan Reyes")).json()["role"] == "manager"
    expired, revoked = expired_and_revoked_tokens(world.settings, "Morgan Reyes")
    for secret, code in ((expired, "token_expired"), (revoked, "token_revoked"), ("coach_nonsense", "token_not_valid")):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 401 and response.json()["error"]["code"] == code
        assert response.headers["www-authenticate"] == "Bearer"
    basic = client.get("/api/v1/me", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401 and "Bearer" in basic.json()["error"]["message"]


def test_oversized_bodies_get_413(world, client):
    response = client.post("/signin", content=b"x" * (world.settings.max_body_bytes + 1),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_security_headers_and_no_cdn(client):
    page = client.get("/signin")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "http://" not in page.text and "https://" not in page.text


def test_docs_and_the_schema_need_sign_in(world, client):
    assert client.get("/openapi.json").status_code == 401
    schema = client.get("/openapi.json", headers=bearer(world, "Jordan Blake")).json()
    assert "/api/v1/me" in schema["paths"]
    sign_in(client, "Jordan Blake")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger/swagger-ui-bundle.js" in docs.text


def test_production_refuses_a_default_secret_key(tmp_path):
    from assistant.config import Settings
    from assistant.web.app import create_app
    from assistant.web.security import EXAMPLE_SECRET, InsecureSettings

    for key in (None, EXAMPLE_SECRET, "short"):
        with pytest.raises(InsecureSettings, match="COACH_SECRET_KEY"):
            create_app(Settings(data_dir=tmp_path, production=True, secret_key=key, load_demo=False))


@pytest.mark.slow
def test_the_real_server_answers_health_and_refuses_the_signed_out(server, world):
    assert httpx.get(f"{server}/healthz").json()["status"] == "ok"
    assert httpx.get(f"{server}/api/v1/me").status_code == 401
    me = httpx.get(f"{server}/api/v1/me", headers=bearer(world, "Ada Admin"))
    assert me.json()["manages_users"] is True


def test_sign_in_tokens_and_sign_out_go_through_the_coach(world, client, monkeypatch):
    # The web app reads no users of its own: sign-in, every token or session and sign-out are
    # the service API's (Coach.sign_in / signed_in / sign_out), as everything else is.
    from assistant.coach import Coach

    called = []
    for name in ("sign_in", "signed_in", "sign_out"):
        real = getattr(Coach, name)
        monkeypatch.setattr(Coach, name, lambda self, *a, _real=real, _name=name, **k: (
            called.append((_name, k.get("source"))), _real(self, *a, **k))[1])
    assert client.get("/api/v1/me", headers=bearer(world, "Jordan Blake")).status_code == 200
    assert sign_in(client, "Jordan Blake").status_code == 303
    assert client.post("/signout", data={"csrf_token": csrf_of(client)}, follow_redirects=False).status_code == 303
    names = [name for name, _ in called]
    assert names[0] == "signed_in" and "sign_in" in names and names[-1] == "sign_out"
    assert {source for name, source in called if name != "sign_out"} == {"testclient"}
