"""The JSON API through the app: bodies are the service API's result models; errors are one shape."""

from __future__ import annotations

import pytest

from tests.web.conftest import bearer

TODAY = "2026-11-16"  # the demo's "now"


@pytest.fixture
def jordan(world):
    return bearer(world, "Jordan Blake")


@pytest.fixture
def manager(world):
    return bearer(world, "Morgan Reyes")


def test_ask_and_follow_up_in_a_session(client, jordan):
    first = client.post("/api/v1/ask", json={"question": "should I pitch Data Quality to Acme?", "today": TODAY},
                        headers=jordan)
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["verdict"]["account"] == "Acme Corp" and answer["verdict"]["verdict"] == "pitch"
    assert answer["text"].split("\n")[0]  # the verdict first
    assert answer["passages"] and answer["reasons"]
    follow = client.post("/api/v1/ask", json={"question": "draft it", "session_id": answer["session_id"],
                                              "today": TODAY}, headers=jordan).json()
    assert follow["session_id"] == answer["session_id"]
    assert follow["talk_track"]["approved"] is True and follow["talk_track"]["drafter_name"]


def test_someone_elses_session_id_starts_a_new_session(client, world, jordan):
    maya = bearer(world, "Maya Lindqvist")
    mine = client.post("/api/v1/ask", json={"question": "should I pitch Data Quality to Acme?", "today": TODAY},
                       headers=jordan).json()
    theirs = client.post("/api/v1/ask", json={"question": "why not?", "session_id": mine["session_id"]},
                         headers=maya).json()
    assert theirs["session_id"] != mine["session_id"] and theirs["verdict"] is None


def test_check_with_a_what_if_shows_both_verdicts(client, manager):
    response = client.post("/api/v1/accounts/Borealis Freight/check", headers=manager, json={
        "product": "Data Platform", "today": TODAY, "what_ifs": ["utilization=0.9", "renewal.risk=low"]})
    body = response.json()
    assert body["verdict"]["verdict"] == "intervene"
    assert body["what_if"]["verdict"]["verdict"] != "intervene"
    blocker = next(r for r in body["verdict"]["reasons"] if r["kind"] == "blocker")
    assert blocker["evidence"] and blocker["lifts"]


def test_plays_with_what_ifs_show_every_play_on_the_changed_facts(client, jordan):
    response = client.get("/api/v1/accounts/acme corp/plays", headers=jordan,
                          params={"today": TODAY, "what_if": ["sentiment=negative", "tied_to_renewal=true"]})
    body = response.json()
    assert response.status_code == 200, response.text
    assert body["what_if"]["changes"] == ["sentiment=negative", "tied_to_renewal=true"]
    assert len(body["what_if"]["plays"]) == len(body["plays"])
    assert all("renewal.coupled" in [r["code"] for r in p["reasons"]] for p in body["what_if"]["plays"])
    bad = client.get("/api/v1/accounts/acme corp/plays", headers=jordan, params={"what_if": "sentiment=grumpy"})
    assert bad.status_code == 400 and "sentiment must be one of" in bad.text


def test_plays_draft_qbr_plan_metrics(client, jordan):
    plays = client.get("/api/v1/accounts/acme corp/plays", params={"today": TODAY}, headers=jordan).json()
    assert plays["account"] == "Acme Corp" and plays["plays"][0]["verdict"] == "pitch"
    draft = client.post("/api/v1/accounts/Acme Corp/draft", headers=jordan, json={
        "product": "Data Platform", "change": "more_capacity", "amount": 200000, "today": TODAY}).json()
    assert draft["kind"] == "talk_track" and draft["approved"] and draft["text"]
    qbr = client.get("/api/v1/accounts/Acme Corp/qbr", params={"today": TODAY}, headers=jordan).json()
    assert qbr["account"] == "Acme Corp" and qbr["markdown"].startswith("#")
    markdown = client.get("/api/v1/accounts/Acme Corp/qbr.md", params={"today": TODAY}, headers=jordan)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert 'filename="qbr-Acme-Corp.md"' in markdown.headers["content-disposition"]
    plan = client.get("/api/v1/plan", params={"today": TODAY}, headers=jordan).json()
    accounts = [e["account"] for part in ("focus", "later", "blocked") for e in plan[part]]
    assert plan["owner"] == "Jordan Blake" and "Acme Corp" in accounts and plan["book_size"] == len(accounts)
    metrics = client.get("/api/v1/metrics", params={"today": TODAY}, headers=jordan).json()
    assert metrics["owner"] == "Jordan Blake" and "nrr" in metrics["revenue"]


def test_unknown_account_is_a_404_with_the_closest_names(client, jordan):
    response = client.get("/api/v1/accounts/Acme Corpp", headers=jordan)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "unknown_account" and error["candidates"] == ["Acme Corp"]


def test_invalid_input_is_a_422_naming_the_field(client, jordan):
    response = client.post("/api/v1/accounts/Acme Corp/check", json={"product": "Data Platform", "change": "bigger"},
                           headers=jordan)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "change"
    extra = client.post("/api/v1/ask", json={"question": "hi", "sesion_id": "x"}, headers=jordan)
    assert extra.status_code == 422 and extra.json()["error"]["field"] == "sesion_id"


def test_malformed_json_is_a_clear_422(client, jordan):
    response = client.post("/api/v1/ask", content=b'{"question": ', headers={**jordan, "content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "malformed_json"


def test_a_bad_play_is_a_400_with_the_reason(client, jordan):
    response = client.post("/api/v1/accounts/Acme Corp/check", json={"product": "Quantum Widgets"}, headers=jordan)
    assert response.status_code in (400, 404, 422)
    assert "Quantum Widgets" in response.json()["error"]["message"]
    assert "Traceback" not in response.text


def test_import_is_admin_only_and_a_failed_import_changes_nothing(client, world, manager):
    admin = bearer(world, "Ada Admin")
    before = client.get("/api/v1/accounts", headers=manager).json()["accounts"]
    denied = client.post("/api/v1/accounts/import", json={"accounts": [{"name": "New Co", "owner": "Jordan Blake"}]},
                         headers=manager)
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    bad = client.post("/api/v1/accounts/import", headers=admin, json={"accounts": [
        {"name": "Zeta One", "owner": "Jordan Blake"}, {"name": "Zeta Two", "health": {"nps": "high"}}]})
    assert bad.status_code == 422 and "nps" in bad.json()["error"]["message"]
    assert client.get("/api/v1/accounts", headers=manager).json()["accounts"] == before


def test_policy_is_for_managers(client, world, jordan, manager):
    assert client.get("/api/v1/policy", headers=jordan).status_code == 403
    policy = client.get("/api/v1/policy", headers=manager).json()
    assert len(policy["ruleset_version"]) == 12 and policy["rules"] and "saturation" in policy["parameters"]
    tested = client.post("/api/v1/policy/test", headers=manager).json()
    assert tested["failed"] == 0 and tested["passed"] >= 10
    diff = client.post("/api/v1/policy/diff", json={"parameters": {"saturation": 0.95}, "today": TODAY},
                       headers=manager).json()
    assert diff["plays"] > 0 and diff["current_version"] != diff["proposed_version"]
    unknown = client.post("/api/v1/policy/diff", json={"parameters": {"saturaton": 0.9}}, headers=manager)
    assert unknown.status_code == 400 and "saturation" in unknown.json()["error"]["message"]


def test_audit_attributes_answers_to_their_user(client, world, jordan, manager):
    client.post("/api/v1/ask", json={"question": "what can I sell to Acme?", "today": TODAY}, headers=jordan)
    mine = client.get("/api/v1/audit", params={"account": "Acme Corp"}, headers=jordan).json()["entries"]
    assert mine and {e["user"] for e in mine} == {"Jordan Blake"}
    assert client.get("/api/v1/audit", params={"user": "Maya Lindqvist"}, headers=jordan).status_code == 403
    everyone = client.get("/api/v1/audit", params={"user": "Jordan Blake", "kind": "answer"}, headers=manager)
    assert everyone.json()["entries"][0]["kind"] == "answer"
