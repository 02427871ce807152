"""The pages through the app (the browser tests drive the same pages in Chromium)."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.web.conftest import csrf_of, sign_in

TODAY = "2026-11-16"
HX = {"hx-request": "true"}


@pytest.fixture
def jordan(client):
    sign_in(client, "Jordan Blake")
    return {"x-csrf-token": csrf_of(client)}


@pytest.fixture
def morgan(client):
    sign_in(client, "Morgan Reyes")
    return {"x-csrf-token": csrf_of(client)}


def test_a_chat_card_puts_the_verdict_first_and_defers_the_draft(client, jordan):
    card = client.post("/chat/ask", data={"question": "should I pitch DQ to acme?", "today": TODAY},
                       headers={**HX, **jordan}).text
    assert card.index('class="verdict pitch"') < card.index("What speaks for it")
    assert "<details>" in card and "Drafting the talk track…" in card
    assert 'hx-swap-oob="true"' in card  # the session id for the follow-up
    values = json.loads(html.unescape(re.search(r"hx-vals='([^']+)'", card).group(1)))
    track = client.post("/chat/draft", data=values, headers={**HX, **jordan}).text
    assert "Approved talk track" in track and "Drafted by template" in track and "data-copy" in track
    session = re.search(r'id="session-id" name="session_id" value="([^"]+)"', card).group(1)
    follow = client.post("/chat/ask", data={"question": "why?", "session_id": session, "today": TODAY},
                         headers={**HX, **jordan}).text
    assert "Acme Corp" in follow


def test_chat_without_javascript_renders_a_whole_page(client, jordan):
    page = client.post("/chat/ask", data={"question": "what can I sell to Acme?", "today": TODAY,
                                          "csrf_token": jordan["x-csrf-token"]})
    assert page.status_code == 200 and "<html" in page.text and "Acme Corp" in page.text


def test_a_form_post_without_the_csrf_token_is_refused(client, jordan):
    refused = client.post("/chat/ask", data={"question": "what can I sell to Acme?"})
    assert refused.status_code == 403


def test_the_chat_refuses_another_ams_account_and_shows_nothing_of_it(client):
    sign_in(client, "Maya Lindqvist")
    card = client.post("/chat/ask", data={"question": "should I pitch DQ to acme?", "today": TODAY},
                       headers={**HX, "x-csrf-token": csrf_of(client)}).text
    assert "is not your account" in card and "verdict" not in card.split("</article>")[0].split("role=")[0][-40:]
    assert "Priya" not in card and "Data Platform" not in card


def test_account_page_and_what_if(client, jordan):
    page = client.get("/accounts/Acme Corp", params={"today": TODAY}).text
    for part in ("Plays", "What if", "Stakeholders and their priorities", "Priya Natarajan", "History", "QBR"):
        assert part in page
    result = client.post("/accounts/Acme Corp/what-if", headers=jordan, data={
        "product": "Data Platform", "utilization": "0.4", "renewal.risk": "", "today": TODAY}).text
    assert 'id="what-if-verdict">intervene<' in result and "utilization=0.4" in result
    nothing = client.post("/accounts/Acme Corp/what-if", headers=jordan, data={"product": "Data Platform"}).text
    assert "Change at least one fact" in nothing
    bad = client.post("/accounts/Acme Corp/what-if", headers=jordan,
                      data={"product": "Data Platform", "renewal.risk": "huge"}).text
    assert "renewal.risk must be one of low, medium, high" in bad


def test_qbr_page_prints_and_links_the_markdown(client, jordan):
    page = client.get("/accounts/Acme Corp/qbr", params={"today": TODAY}).text
    assert 'media="print"' in page and "Quarterly business review: Acme Corp" in page
    assert "/api/v1/accounts/Acme%20Corp/qbr.md" in page


def test_portfolio_filters_and_charts(client, morgan):
    page = client.get("/portfolio", params={"today": TODAY}).text
    assert page.count("<svg") == 2 and "Focus: the next 90 days" in page
    pitch_only = client.get("/portfolio", params={"today": TODAY, "verdict": "pitch", "motion": "cross_sell"}).text
    rows = re.findall(r'<span class="verdict (\w+)">', pitch_only.split("<h2>")[1] + "".join(pitch_only.split("<h2>")[2:]))
    assert rows and set(rows) == {"pitch"}
    bad = client.get("/portfolio", params={"verdict": "maybe"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "verdict" in bad.text


def test_metrics_page_has_the_retention_chart(client, jordan):
    page = client.get("/metrics", params={"today": TODAY}).text
    assert "Net revenue retention by quarter" in page and "NRR" in page and "<svg" in page


def test_policy_page_is_for_managers(client, morgan):
    page = client.get("/policy").text
    assert 'id="ruleset-version"' in page and "adoption-gap" in page
    assert "13 passed, 0 failed" in client.post("/policy/test", headers=morgan).text
    diff = client.post("/policy/diff", headers=morgan, data={"parameter": "adoption_floor", "value": "0.3",
                                                             "today": TODAY}).text
    assert "plays move" in diff
    sign_in(client, "Jordan Blake")
    assert client.get("/policy", headers={"accept": "text/html"}).status_code == 403
    assert "/policy" not in client.get("/chat").text.split("<main")[0]  # not in an AM's navigation


def test_audit_page_filters(client, morgan):
    client.post("/chat/ask", data={"question": "should I pitch DQ to acme?", "today": TODAY}, headers={**HX, **morgan})
    page = client.get("/audit", params={"account": "Acme Corp", "kind": "answer"}).text
    assert "should I pitch DQ to acme?" in page and "Morgan Reyes" in page
    assert "Nothing matches" in client.get("/audit", params={"account": "Nobody Inc"}).text


def test_signing_out_is_audited_and_the_audit_page_offers_the_kind(client):
    sign_in(client, "Jordan Blake")
    assert client.post("/signout", data={"csrf_token": csrf_of(client)}, follow_redirects=False).status_code == 303
    sign_in(client, "Morgan Reyes")
    page = client.get("/audit", params={"kind": "sign_out", "user": "Jordan Blake"}).text
    assert "<option selected>sign_out</option>" in page
    assert "Jordan Blake" in page and "Nothing matches" not in page


def test_the_audit_page_offers_every_kind_on_record_and_a_new_one_at_once(client, app, morgan):
    coach = app.state.coach
    coach.audit("made_up.kind", {"note": "a kind no template names"}, user="Morgan Reyes")
    page = client.get("/audit").text
    offered = re.findall(r"<option(?: selected)?>([^<]+)</option>", page.split('name="kind"')[1].split("</select>")[0])
    assert offered == coach.audit_kinds() and "made_up.kind" in offered
    assert "<option selected>made_up.kind</option>" in client.get("/audit", params={"kind": "made_up.kind"}).text
    assert "<option selected>never.logged</option>" in client.get("/audit", params={"kind": "never.logged"}).text
