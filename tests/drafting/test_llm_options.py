"""How the LLM drafter talks to servers: the length cap reaches llama.cpp as max_tokens, OpenAI
gets exactly one cap, JSON mode is data in rules/drafts, and LangChain loads only when used."""

from __future__ import annotations

import subprocess
import sys

from assistant.drafting.llm import LLMDrafter, request_options


def test_openai_gets_one_cap_others_get_max_tokens_in_the_body(settings):
    settings.llm_max_tokens = 321
    settings.llm_base_url = "https://api.openai.com/v1"
    assert request_options(settings, "none") == {"max_tokens": 321}
    settings.llm_base_url = "http://127.0.0.1:8080/v1"
    assert request_options(settings, "none") == {"extra_body": {"max_tokens": 321}}


def test_json_modes(settings):
    settings.llm_base_url = "http://127.0.0.1:8080/v1"
    assert request_options(settings, "json_object")["extra_body"]["response_format"] == {"type": "json_object"}
    schema = request_options(settings, "json_object_with_schema")["extra_body"]["response_format"]["schema"]
    assert schema["required"] == ["outcome_anchor", "next_step", "ask"]


def test_the_chat_model_is_built_from_settings(settings):
    settings.llm_base_url, settings.llm_model, settings.llm_timeout_s = "http://127.0.0.1:9/v1", "m", 7.5
    model = LLMDrafter(settings, max_part_chars=600).chat_model()
    assert model.model_name == "m" and model.request_timeout == 7.5 and model.max_retries == 0
    assert model.extra_body["max_tokens"] == settings.llm_max_tokens


def test_langchain_is_imported_only_by_the_llm_drafter():
    code = ("import sys, assistant.drafting, assistant.talk_tracks.gate, assistant.talk_tracks.qbr, "
            "assistant.cli.draft_commands; print(any(m.startswith(('langchain', 'openai')) for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
