"""LLM paths against a real HTTP server on 127.0.0.1, through the real LangChain ChatOpenAI and
openai clients: slot mode (the default) and free mode; garbage, HTTP 500, a hang, a drip-fed
reply, a reply cut at max_tokens, an over-long part, a server that is down. Every shown text
is approved, every attempt is in the audit log, and notes never repeat the model's text."""

from __future__ import annotations

import json
import socket
import time

import pytest

from assistant.approval import approve
from assistant.talk_tracks.gate import produce_talk_track

from .fake_openai import Drip, Hang, Reply, Status, start

GOOD = json.dumps({
    "outcome_anchor": "Dana, your team reached 4.2M USD of attributed pipeline against the 3M target.",
    "next_step": "The Data Platform runs at 92% of its capacity, so the next step for pipeline growth is more capacity.",
    "ask": "We would propose adding capacity for 200,000 USD a year.",
})
SLOTS = ("because new campaigns wait in the queue behind the pipeline work\n"
         "so that the marketing operations team keeps pipeline growth moving\n")  # what the grammar yields


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
    settings.llm_timeout_s = 10.0  # the whole draft; the hang and drip tests shorten it
    settings.llm_max_tokens = 123
    return settings


def produce(world, llm_settings, checks, audit, prefix="01"):
    w = world(prefix)
    result = produce_talk_track(w.verdict, w.account, w.catalog, llm_settings, audit=audit, checks=checks)
    assert approve(result.text, w.verdict, w.account, w.catalog, checks).approved
    return result


# -- slot mode (default) ---------------------------------------------------------------------
def test_slot_mode_sends_a_grammar_and_shows_the_clauses_in_the_template(world, llm_settings, checks, audit, server):
    server.script = [Reply(SLOTS)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and result.attempts == 1, (result.notes, audit)
    body = server.requests[0]
    # The grammar ends the reply: max_tokens is raised above its longest output, never cuts it.
    assert body["max_tokens"] > 123 and "max_completion_tokens" not in body
    grammar = body["grammar"]
    assert grammar.startswith("root ::=") and '"because it lets "' in grammar
    assert '"so that your marketing operations team can "' in grammar  # the play's team, from the record
    assert "[0-9]" not in grammar and "word ::= [a-z]{1,16}" in grammar
    assert "response_format" not in body  # llama.cpp lets response_format override a grammar
    assert body["temperature"] == checks.drafting.sampling[0].temperature
    assert body["seed"] == checks.drafting.sampling[0].seed
    assert "because new campaigns wait in the queue" in result.parts.next_step
    assert result.parts.outcome_anchor.startswith("Dana, your attributed pipeline came in at 4.2M USD")
    prompt = body["messages"][1]["content"]
    assert "pipeline growth" in prompt and len(prompt) < 900  # a short prompt: the facts a clause needs


def test_slot_clauses_with_digits_are_asked_again_with_other_sampling(world, llm_settings, checks, audit, server):
    digits = json.dumps({"why": "because it adds 500 units", "purpose": "so that the team saves 20 hours"})  # JSON too
    server.script = [Reply(digits), Reply("not json at all"), Reply(SLOTS)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and len(server.requests) == 3
    assert [r["seed"] for r in server.requests] == [s.seed for s in checks.drafting.sampling[:3]]
    assert len({r["temperature"] for r in server.requests}) == 3
    assert "500" not in " ".join(result.notes) and "20 hours" not in " ".join(result.notes)
    errors = [a["payload"]["error"] for a in audit.of("talk_track_attempt")]
    assert "digit" in errors[0] and "neither a JSON object nor lines" in errors[1] and errors[2] is None


def test_refused_clauses_are_re_asked_and_the_note_has_codes_only(world, llm_settings, checks, audit, server):
    pushy = json.dumps({"why": "because our quarter ends soon so act now for pipeline growth",
                        "purpose": "so that pipeline growth gets a better price"})
    server.script = [Reply(pushy), Reply(SLOTS)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and len(server.requests) == 2
    assert "draft.pressure" in result.notes[0] and "act now" not in " ".join(result.notes)
    assert "quarter" not in " ".join(result.notes)
    assert "act now" not in server.requests[1]["messages"][1]["content"]  # slot re-asks: codes only


def test_unreadable_clauses_are_refused_by_the_gate_and_asked_again(world, llm_settings, checks, audit, server):
    junk = ("because it helps the the marketing operations team with pipeline growth\n"
            "so that they can grow, while also\n")
    server.script = [Reply(junk), Reply(SLOTS)]
    result = produce(world, llm_settings, checks, audit)
    assert result.drafter_name == "llm:fake-model" and len(server.requests) == 2
    first = audit.of("talk_track_attempt")[0]["payload"]
    assert not first["approved"] and [f["code"] for f in first["failures"]] == ["draft.unreadable"]
    details = first["failures"][0]["detail"]
    assert "'the' back to back" in details and "left hanging" in details
    assert "draft.unreadable" in result.notes[0] and "while also" not in " ".join(result.notes)


def test_a_drip_fed_reply_is_cut_at_the_total_deadline(world, llm_settings, checks, audit, server):
    llm_settings.llm_timeout_s = 1.0
    server.script = [Drip(SLOTS, every_s=0.05)]  # ~400 bytes: 20 s at that pace, each read quick
    started = time.monotonic()
    result = produce(world, llm_settings, checks, audit)
    elapsed = time.monotonic() - started
    assert result.drafter_name == "template" and "deadline" in result.notes[0]
    assert elapsed < 10.0, elapsed  # the whole reply would take 20 s; room for a loaded machine
    assert len(server.requests) == 1


# -- free mode ---------------------------------------------------------------------------------
@pytest.fixture
def free(llm_settings):
    llm_settings.llm_mode = "free"
    return llm_settings


def test_free_mode_shows_an_approved_reply_and_sends_the_length_cap(world, free, checks, audit, server):
    server.script = [Reply(GOOD)]
    result = produce(world, free, checks, audit)
    assert result.drafter_name == "llm:fake-model" and result.attempts == 1
    body = server.requests[0]
    assert body["max_tokens"] == 123  # llama.cpp's server ignores max_completion_tokens
    assert "max_completion_tokens" not in body
    assert body["response_format"] == {"type": "json_object"}
    assert body["model"] == "fake-model" and body["messages"][0]["role"] == "system"


def test_free_mode_re_asks_a_refused_reply(world, free, checks, audit, server):
    bad = json.loads(GOOD)
    bad["ask"] = "Act now: we would propose 200,000 USD a year."
    server.script = [Reply(json.dumps(bad)), Reply(GOOD)]
    result = produce(world, free, checks, audit)
    assert result.drafter_name == "llm:fake-model" and len(server.requests) == 2
    assert "draft.pressure" in server.requests[1]["messages"][1]["content"]
    assert server.requests[0]["seed"] != server.requests[1]["seed"]


@pytest.mark.parametrize("behavior", [
    Reply("lorem ipsum dolor sit amet"),
    Reply(""),
    Reply('{"outcome_anchor": "Dana, your team reached 4.2M USD of', "length"),
    Reply(json.dumps({**json.loads(GOOD), "next_step": "The next step. " * 60})),
])
def test_unreadable_replies_are_asked_again_then_the_template(world, free, checks, audit, server, behavior):
    server.script = [behavior] * 3
    result = produce(world, free, checks, audit)
    assert result.drafter_name == "template"
    assert len(server.requests) == free.llm_reasks + 1
    assert all("could not be read" in note for note in result.notes[:3])
    first = audit.of("talk_track_attempt")[0]["payload"]
    assert first["error"] and first["prompt"] and not first["approved"]


@pytest.mark.parametrize("behavior, why", [
    (Status(500), "Error code: 500"),
    (Status(404, '{"error": {"message": "model not found"}}'), "NotFound"),
    (Hang(4.0), "deadline"),
])
def test_server_failures_fall_back_without_re_asking(world, free, checks, audit, server, behavior, why):
    free.llm_timeout_s = 1.0
    server.script = [behavior]
    result = produce(world, free, checks, audit)
    assert result.drafter_name == "template" and len(server.requests) == 1
    assert why in result.notes[0] and "template" in result.notes[0]


def test_server_down(world, free, checks, audit):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    free.llm_base_url = f"http://127.0.0.1:{port}/v1"
    result = produce(world, free, checks, audit)
    assert result.drafter_name == "template" and "Connection" in result.notes[0]
