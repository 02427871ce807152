"""Model drafters: LangChain's ChatOpenAI against any OpenAI-compatible server (OpenAI, vLLM, llama.cpp).

Two modes, both behind the same approval gate:
- `SlotDrafter` (default, COACH_LLM_MODE=slots): the template owns the talk track's skeleton
  and every fact; the model writes two short connective clauses under a grammar or a JSON
  schema sent to the server. Small local models can do this.
- `LLMDrafter` (COACH_LLM_MODE=free): the model writes all three parts, for capable models.

LangChain is imported here only, on first use, so commands without a model never load it.
Every call runs under the draft's total deadline (connect + read + every re-ask); each attempt
samples with its own temperature and seed. Every failure becomes a DraftFailure carrying the
prompt and raw reply: a reply that cannot be read is retryable, a server failure is not.
"""

from __future__ import annotations

import concurrent.futures
from pathlib import Path
from urllib.parse import urlparse

from assistant.approval.spec import Drafting, Sampling
from assistant.config import Settings
from assistant.drafting.context import DraftContext
from assistant.drafting.errors import DraftFailure
from assistant.drafting.parsing import parse_parts
from assistant.drafting.parts import PART_NAMES, DraftParts
from assistant.drafting.prompts import render
from assistant.drafting.slots import (SLOT_NAMES, parse_slots, slot_grammar, slot_schema, slot_stems,
                                      slot_token_bound, slot_topics)
from assistant.drafting.template import TemplateDrafter

# OpenAI itself rejects a request carrying both max_tokens and max_completion_tokens, while
# llama.cpp's server ignores max_completion_tokens (what LangChain sends for `max_tokens`).
_OPENAI_HOSTS = ("api.openai.com",)
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="coach-llm")


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
    cap = settings.llm_max_tokens
    host = urlparse(settings.llm_base_url or "").hostname or ""
    if not settings.llm_base_url or host in _OPENAI_HOSTS:
        return {"max_tokens": cap}
    return {"extra_body": {"max_tokens": cap}}


def request_options(settings: Settings, json_format: str, *, extra: dict | None = None) -> dict:
    """The length cap plus JSON mode (or a grammar). `response_format` goes in `extra_body` too:
    one LangChain sees switches it to its structured-output path, which hides the raw reply."""
    options = length_cap(settings)
    fmt = json_request_format(json_format)
    body = dict(options.get("extra_body", {}))
    if fmt is not None:
        body["response_format"] = fmt
    body.update(extra or {})
    if body:
        options["extra_body"] = body
    return options


def sampling_for(drafting: Drafting | None, attempt: int) -> Sampling | None:
    if drafting is None or not drafting.sampling:
        return None
    chosen = drafting.sampling[min(attempt, len(drafting.sampling) - 1)]
    if attempt >= len(drafting.sampling):  # beyond the list: same temperature, a new seed
        chosen = chosen.model_copy(update={"seed": chosen.seed + attempt})
    return chosen


class _ModelDrafter:
    """What both modes share: the chat model, the deadline, sampling per attempt, failures."""

    mode = "model"

    def __init__(self, settings: Settings, *, drafting: Drafting | None, options: dict, chat_model=None):
        if chat_model is None and not (settings.llm_base_url and settings.llm_model):
            raise DraftFailure("no model configured: set COACH_LLM_BASE_URL and COACH_LLM_MODEL")
        self.settings = settings
        self.drafting = drafting
        self.options = options
        self.prompts_dir = Path(settings.prompts_dir)
        self._chat_model = chat_model
        self._deadline = None
        self.name = f"llm:{settings.llm_model or getattr(chat_model, 'model_name', 'model')}"

    def chat_model(self):
        if self._chat_model is None:
            import httpx
            from langchain_openai import ChatOpenAI

            from assistant.drafting.deadline import Deadline, DeadlineTransport

            self._deadline = Deadline()
            self._chat_model = ChatOpenAI(
                base_url=self.settings.llm_base_url, model=self.settings.llm_model,
                api_key=self.settings.llm_api_key or "not-needed",  # local servers take any key
                timeout=self.settings.llm_timeout_s, max_retries=0, temperature=0,
                http_client=httpx.Client(transport=DeadlineTransport(self._deadline)),
                **self.options,
            )
        return self._chat_model

    def prepare(self) -> None:
        """Build the client now (LangChain's import takes seconds), not inside a draft's deadline."""
        self.chat_model()

    def ask(self, prompt: list[dict], *, attempt: int, deadline: float | None, body: dict | None = None) -> str:
        """The raw reply text, within `deadline` (time.monotonic()), sampled for `attempt`;
        `body` replaces the request's extra body for this call (a per-play grammar)."""
        import time

        model = self.chat_model()
        if self._deadline is not None:
            self._deadline.at = deadline
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise DraftFailure("no time left for the model within the draft's deadline", prompt=prompt)
        sampling = sampling_for(self.drafting, attempt)
        kwargs = {"temperature": sampling.temperature, "seed": sampling.seed} if sampling else {}
        if body:
            kwargs["extra_body"] = body
        future = _POOL.submit(model.invoke, prompt, **kwargs)
        try:
            reply = future.result(timeout=left)
        except concurrent.futures.TimeoutError:
            raise self._late(prompt) from None
        except Exception as exc:  # any client, HTTP or server failure means: use the template
            if "Timeout" in type(exc).__name__:
                raise self._late(prompt) from None
            raise DraftFailure(f"the model call failed: {type(exc).__name__}: {_first_line(exc)}",
                               prompt=prompt) from None
        raw = reply.content if isinstance(reply.content, str) else str(reply.content)
        finish = (getattr(reply, "response_metadata", None) or {}).get("finish_reason")
        if finish == "length":
            cap = (body or {}).get("max_tokens", self.settings.llm_max_tokens)
            raise DraftFailure(f"the reply was cut at max_tokens ({cap}): too long",
                               prompt=prompt, raw=raw, retryable=True)
        return raw


    def _late(self, prompt: list[dict]) -> DraftFailure:
        return DraftFailure(f"the model did not answer within the draft's deadline "
                            f"({self.settings.llm_timeout_s:g} s in all, Timeout)", prompt=prompt)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else ""


class LLMDrafter(_ModelDrafter):
    """Free mode: the model writes the three parts; the gate checks them like any draft."""

    mode = "free"

    def __init__(self, settings: Settings, *, max_part_chars: int, response_format: str = "json_object",
                 chat_model=None, drafting: Drafting | None = None):
        super().__init__(settings, drafting=drafting, options=request_options(settings, response_format),
                         chat_model=chat_model)
        self.max_part_chars = max_part_chars
        self.response_format = response_format

    def messages(self, context: DraftContext) -> list[dict]:
        values = {"data": context.facts_for_model(), "passages": [p.model_dump() for p in context.passages],
                  "feedback": context.feedback, "previous_draft": context.previous_draft or ""}
        return [{"role": "system", "content": render(self.prompts_dir, "talk_track_system.md.j2", **values)},
                {"role": "user", "content": render(self.prompts_dir, "talk_track_user.md.j2", **values)}]

    def draft(self, context: DraftContext, *, attempt: int = 0, deadline: float | None = None) -> DraftParts:
        prompt = self.messages(context)
        raw = self.ask(prompt, attempt=attempt, deadline=deadline)
        parts = parse_parts(raw, self.max_part_chars, prompt=prompt)
        return parts.model_copy(update={"model_text": [parts.outcome_anchor, parts.next_step, parts.ask]})


class SlotDrafter(_ModelDrafter):
    """Slot mode: the template's skeleton and facts, the model's two clauses in its slots."""

    mode = "slots"

    def __init__(self, settings: Settings, *, drafting: Drafting, chat_model=None):
        super().__init__(settings, drafting=drafting, options=request_options(settings, "none"),
                         chat_model=chat_model)
        self.template = TemplateDrafter(self.prompts_dir)

    def prepare(self) -> None:
        """The client, and the grammar's whole-word rules (about 0.3 s), before a deadline starts."""
        super().prepare()
        if self.drafting.slot_constraint == "grammar":
            slot_grammar(self.prompts_dir, self.drafting.slots, slot_stems(self.drafting.slots))

    def constraint(self, context: DraftContext) -> tuple[dict[str, list[str]], dict]:
        """This play's stems, and the request body that makes the server sample under them: the
        grammar (or schema) and a length cap above the longest reply it allows, so the grammar
        ends the reply and max_tokens never cuts it."""
        limits = self.drafting.slots
        stems, topics = slot_stems(limits, context), slot_topics(context, limits)
        body = dict(self.options.get("extra_body", {}))
        # Either way on the play by construction (see slot_grammar, slot_schema).
        if self.drafting.slot_constraint == "grammar":
            body["grammar"] = slot_grammar(self.prompts_dir, limits, stems, topics)
        elif self.drafting.slot_constraint == "json_schema":
            body["response_format"] = {"type": "json_object", "schema": slot_schema(limits, stems, topics)}
        if "max_tokens" in body and self.drafting.slot_constraint != "none":
            body["max_tokens"] = max(body["max_tokens"], slot_token_bound(limits, stems, topics))
        return stems, body

    def messages(self, context: DraftContext) -> list[dict]:
        values = {"facts": context.facts_for_slots(), "slots": SLOT_NAMES, "limits": self.drafting.slots,
                  "stems": slot_stems(self.drafting.slots),
                  "feedback": [reason.split(":", 1)[0] for reason in context.feedback]}
        return [{"role": "system", "content": render(self.prompts_dir, "talk_track_slots_system.md.j2", **values)},
                {"role": "user", "content": render(self.prompts_dir, "talk_track_slots_user.md.j2", **values)}]

    def draft(self, context: DraftContext, *, attempt: int = 0, deadline: float | None = None) -> DraftParts:
        prompt = self.messages(context)
        stems, body = self.constraint(context)
        raw = self.ask(prompt, attempt=attempt, deadline=deadline, body=body)
        limits = self.drafting.slots
        slots = parse_slots(raw, limits, slot_topics(context, limits), stems=stems, prompt=prompt)
        parts = self.template.draft(context, slots=slots)
        return parts.model_copy(update={"prompt": prompt, "raw": raw, "model_text": list(slots.values())})
