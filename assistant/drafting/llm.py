"""LLMDrafter: LangChain's ChatOpenAI against any OpenAI-compatible server (OpenAI, vLLM, llama.cpp).

LangChain is imported here only, on first use, so commands without a model never load it.
The model sees the DraftContext's facts and plan as quoted JSON data, plus cited passages;
every failure (connection, timeout, HTTP status, empty, garbage or over-long reply) becomes a
DraftFailure carrying the prompt and raw reply, and the gate falls back to the template.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.drafting.context import DraftContext
from assistant.drafting.errors import DraftFailure
from assistant.drafting.parsing import parse_parts
from assistant.drafting.parts import PART_NAMES, DraftParts
from assistant.drafting.prompts import render

# OpenAI itself rejects a request carrying both max_tokens and max_completion_tokens, while
# llama.cpp's server ignores max_completion_tokens (what LangChain sends for `max_tokens`).
_OPENAI_HOSTS = ("api.openai.com",)


def json_request_format(kind: str) -> dict | None:
    """The `response_format` body for a rules/drafts `response_format` setting."""
    if kind == "json_object":
        return {"type": "json_object"}
    if kind == "json_object_with_schema":
        schema = {"type": "object", "properties": {name: {"type": "string"} for name in PART_NAMES},
                  "required": list(PART_NAMES)}
        return {"type": "json_object", "schema": schema}
    return None


def length_cap(settings: Settings) -> dict:
    """ChatOpenAI keyword arguments that cap the reply length on the configured server.

    In `extra_body` for other servers: LangChain renames its own `max_tokens` to
    max_completion_tokens, which llama.cpp's server ignores.
    """
    host = urlparse(settings.llm_base_url or "").hostname or ""
    if not settings.llm_base_url or host in _OPENAI_HOSTS:
        return {"max_tokens": settings.llm_max_tokens}
    return {"extra_body": {"max_tokens": settings.llm_max_tokens}}


def request_options(settings: Settings, json_format: str) -> dict:
    """The length cap plus JSON mode. `response_format` goes in `extra_body` too: one LangChain
    sees switches it to its structured-output path, which hides the raw reply."""
    options = length_cap(settings)
    fmt = json_request_format(json_format)
    if fmt is not None:
        options["extra_body"] = {**options.get("extra_body", {}), "response_format": fmt}
    return options


class LLMDrafter:
    def __init__(self, settings: Settings, *, max_part_chars: int, response_format: str = "json_object",
                 chat_model=None):
        if chat_model is None and not (settings.llm_base_url and settings.llm_model):
            raise DraftFailure("no model configured: set COACH_LLM_BASE_URL and COACH_LLM_MODEL")
        self.settings = settings
        self.max_part_chars = max_part_chars
        self.response_format = response_format
        self.prompts_dir = Path(settings.prompts_dir)
        self._chat_model = chat_model
        self.name = f"llm:{settings.llm_model or getattr(chat_model, 'model_name', 'model')}"

    def chat_model(self):
        if self._chat_model is None:
            from langchain_openai import ChatOpenAI

            self._chat_model = ChatOpenAI(
                base_url=self.settings.llm_base_url, model=self.settings.llm_model,
                api_key=self.settings.llm_api_key or "not-needed",  # local servers take any key
                timeout=self.settings.llm_timeout_s, max_retries=0, temperature=0,
                **request_options(self.settings, self.response_format),
            )
        return self._chat_model

    def messages(self, context: DraftContext) -> list[dict]:
        values = {"data": context.facts_for_model(), "passages": [p.model_dump() for p in context.passages],
                  "feedback": context.feedback, "previous_draft": context.previous_draft or ""}
        return [{"role": "system", "content": render(self.prompts_dir, "talk_track_system.md.j2", **values)},
                {"role": "user", "content": render(self.prompts_dir, "talk_track_user.md.j2", **values)}]

    def draft(self, context: DraftContext) -> DraftParts:
        prompt = self.messages(context)
        try:
            reply = self.chat_model().invoke(prompt)
        except Exception as exc:  # any client, HTTP or server failure means: use the template
            raise DraftFailure(f"the model call failed: {type(exc).__name__}: {exc}", prompt=prompt) from None
        raw = reply.content if isinstance(reply.content, str) else str(reply.content)
        finish = (getattr(reply, "response_metadata", None) or {}).get("finish_reason")
        if finish == "length":
            raise DraftFailure(f"the reply was cut at max_tokens ({self.settings.llm_max_tokens}): too long",
                               prompt=prompt, raw=raw)
        return parse_parts(raw, self.max_part_chars, prompt=prompt)
