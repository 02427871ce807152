"""An AM cannot read, check, draft or export another AM's account through any endpoint or page.

Acme Corp is Jordan Blake's; Maya Lindqvist is another AM. Every API route that names an
account is tried (found from the app's routes, so a new route is covered without editing here).
"""

from __future__ import annotations

import pytest

from tests.web.conftest import bearer, route_table, sign_in

TODAY = "2026-11-16"
BODIES = {"check": {"product": "Data Platform"}, "draft": {"product": "Data Platform"}}


def _account_routes(app):
    return [(m, p) for m, p in route_table(app) if p.startswith("/api/v1/") and "{name}" in p and m != "HEAD"]


def test_every_account_route_refuses_another_ams_account(client, app, world):
    maya, jordan = bearer(world, "Maya Lindqvist"), bearer(world, "Jordan Blake")
    tried = 0
    for method, path in _account_routes(app):
        url = path.replace("{name}", "Acme Corp")
        body = BODIES.get(path.rsplit("/", 1)[-1])
        refused = client.request(method, url, json=body, headers=maya)
        assert refused.status_code == 403, (method, path, refused.text[:200])
        assert refused.json()["error"]["code"] == "not_your_account"
        assert "Data Platform" not in refused.text and "Priya" not in refused.text
        owner = client.request(method, url, json=body, headers=jordan)
        assert owner.status_code == 200, (method, path, owner.text[:200])
        tried += 1
    assert tried >= 7


@pytest.mark.parametrize("question", ["should I pitch Data Quality to Acme?", "what can I sell to acme corp?",
                                      "prepare the QBR for Acme", "who is the sponsor at Acme?"])
def test_asking_about_another_ams_account_reveals_nothing(client, world, question):
    response = client.post("/api/v1/ask", json={"question": question, "today": TODAY},
                           headers=bearer(world, "Maya Lindqvist"))
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "not_your_account",
        "message": "'Acme Corp' is not your account: you can ask about the accounts you own."}


def test_book_wide_answers_are_scoped_to_the_ams_book(client, world):
    maya = bearer(world, "Maya Lindqvist")
    listed = client.get("/api/v1/accounts", headers=maya).json()["accounts"]
    assert listed and {a["owner"] for a in listed} == {"Maya Lindqvist"}
    plan = client.get("/api/v1/plan", params={"today": TODAY}, headers=maya).json()
    names = {e["account"] for part in ("focus", "later", "blocked") for e in plan[part]}
    assert names == {a["name"] for a in listed}
    for url in ("/api/v1/plan", "/api/v1/metrics", "/api/v1/accounts"):
        other = client.get(url, params={"owner": "Jordan Blake"}, headers=maya)
        assert other.status_code == 403, url
    focus = client.post("/api/v1/ask", json={"question": "what should I focus on this quarter?", "today": TODAY},
                        headers=maya).json()
    assert "Acme" not in focus["text"]
    metrics = client.get("/api/v1/metrics", params={"today": TODAY}, headers=maya).json()
    assert {e["account"] for e in metrics["expansions"]} <= {a["name"] for a in listed}


def test_managers_see_every_account(client, world):
    manager = bearer(world, "Morgan Reyes")
    assert client.get("/api/v1/accounts/Acme Corp", headers=manager).status_code == 200
    assert len(client.get("/api/v1/accounts", headers=manager).json()["accounts"]) == 15


def test_pages_refuse_another_ams_account(client, app):
    sign_in(client, "Maya Lindqvist")
    tried = 0
    for method, path in route_table(app):
        if path.startswith("/api/") or "{name}" not in path or method != "GET":
            continue
        page = client.get(path.replace("{name}", "Acme Corp"), headers={"accept": "text/html"})
        assert page.status_code == 403, path
        assert "not your account" in page.text and "Priya" not in page.text
        tried += 1
    assert tried >= 2


def test_the_chat_page_and_the_api_refuse_in_the_same_words_and_audit_it(client, app, world):
    from assistant.wording import load_replies

    from tests.web.conftest import csrf_of

    words = load_replies(world.settings.prompts_dir).say("refusal.not_your_account", account="Acme Corp")
    api = client.post("/api/v1/ask", json={"question": "what can I sell to Acme?", "today": TODAY},
                      headers=bearer(world, "Maya Lindqvist"))
    assert api.status_code == 403 and api.json()["error"]["message"] == words
    sign_in(client, "Maya Lindqvist")
    card = client.post("/chat/ask", data={"question": "who is the sponsor at Acme?", "today": TODAY},
                       headers={"hx-request": "true", "x-csrf-token": csrf_of(client)}).text
    assert words.replace("'", "&#39;") in card
    refused = app.state.coach.audit_log(user="Maya Lindqvist", kinds=("refused",), limit=10)
    questions = {e["payload"].get("question") for e in refused}
    assert {"what can I sell to Acme?", "who is the sponsor at Acme?"} <= questions
