"""LLM failure paths against a real HTTP server on 127.0.0.1, through the real LangChain
ChatOpenAI and openai clients: garbage, HTTP 500, a hang past the timeout, a reply cut at
max_tokens, an over-long part, a server that is down. Each one shows the approved template
draft with a note, and each attempt is in the audit log."""

from __future__ import annotations

import json
import socket

import pytest

from assistant.approval import approve
from assistant.talk_tracks.gate import produce_talk_track

from .fake_openai import Hang, Reply, Status, start

GOOD = json.dumps({
    "outcome_anchor": "Dana, your team reached 4.2M USD of attributed pipeline against the 3M target.",
    "next_step": "The platform runs at 92% of its capacity, so the next step is more capacity.",
    "ask": "We would propose adding capacity for 200,000 USD a year.",
})


@pytest.fixture
def server():
    fake = start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def llm_settings(settings, server):
    settings.llm_base_url = server.url
    settings.llm_model = "fake-model"
    settings.llm_timeout_s = 1.0
    settings.llm_max_tokens = 123
    return settings


def produce(world, llm_settings, checks, audit, prefix="01"):
    w = world(prefix)
    result = produce_talk_track(w.verdict, w.account, w.catalog, llm_settings, audit=audit, checks=checks)
    assert approve(result.text, w.verdict, w.account, w.catalog, checks).approved
    return result


def test_an_approved_reply_is_shown_and_the_length_cap_is_sent(world, llm_settings, checks, audit, server):
    server.script = [Reply(GOOD)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and result.attempts == 1
    body = server.requests[0]
    assert body["max_tokens"] == 123  # llama.cpp's server ignores max_completion_tokens
    assert "max_completion_tokens" not in body
    assert body["response_format"] == {"type": "json_object"}
    assert body["model"] == "fake-model" and body["messages"][0]["role"] == "system"


def test_a_refused_reply_is_re_asked_over_http(world, llm_settings, checks, audit, server):
    bad = json.loads(GOOD)
    bad["ask"] = "Act now: we would propose 200,000 USD a year."
    server.script = [Reply(json.dumps(bad)), Reply(GOOD)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and len(server.requests) == 2
    assert "draft.pressure" in server.requests[1]["messages"][1]["content"]


@pytest.mark.parametrize("behavior, why", [
    (Reply("lorem ipsum dolor sit amet"), "does not contain"),
    (Reply(""), "empty"),
    (Status(500), "Error code: 500"),
    (Status(404, '{"error": {"message": "model not found"}}'), "NotFound"),
    (Hang(3.0), "Timeout"),
    (Reply('{"outcome_anchor": "Dana, your team reached 4.2M USD of', "length"), "too long"),
    (Reply(json.dumps({**json.loads(GOOD), "next_step": "The next step. " * 60})), "longer than"),
])
def test_failures_fall_back_to_the_template(world, llm_settings, checks, audit, server, behavior, why):
    server.script = [behavior]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "template"
    assert len(server.requests) == 1  # a failure is not re-asked
    assert why in result.notes[0] and "template" in result.notes[0]
    first = audit.of("talk_track_attempt")[0]["payload"]
    assert first["error"] and first["prompt"] and not first["approved"]


def test_server_down(world, llm_settings, checks, audit):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    llm_settings.llm_base_url = f"http://127.0.0.1:{port}/v1"
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "template" and "Connection" in result.notes[0]
