"""An LLM reads phrasing the patterns cannot, only when a model is configured.

Its reply is data to validate, never an answer: the intent must be one the phrasebook knows
and every name goes through the same resolver as typed names, so the model can neither pick a
verdict nor invent an account or product. Any failure means "not understood".
"""

from __future__ import annotations

import json
import re

from assistant.conversation.intents import Parsed, normalise
from assistant.conversation.phrasebook import Phrasebook
from assistant.conversation.known_names import KnownNames
from assistant.domain import UPSELL_CHANGES
from assistant.drafting.prompts import render

MAX_NAMES = 200  # names listed in the prompt; a larger book still resolves what the model copies
_OBJECT = re.compile(r"\{.*?\}", re.S)
_NOT_FROM_MODEL = {"followup", "unclear"}


def chat_model_from(settings):
    from langchain_openai import ChatOpenAI

    from assistant.drafting.llm import length_cap

    return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model,
                      api_key=settings.llm_api_key or "not-needed", timeout=settings.llm_timeout_s,
                      max_retries=0, temperature=0, **length_cap(settings))


def _reply_json(raw: str) -> dict | None:
    for candidate in _OBJECT.findall(raw):
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            return data
    return None


def llm_parse(question: str, book: Phrasebook, world: KnownNames, chat_model, prompts_dir) -> Parsed | None:
    intents = [{"name": name, "about": about} for name, about in book.abouts if name not in _NOT_FROM_MODEL]
    prompt = render(prompts_dir, f"conversation/{book.llm_prompt}", intents=intents, changes=list(UPSELL_CHANGES),
                    products=[p.name for p in world.catalog.products], accounts=world.accounts.names[:MAX_NAMES])
    try:
        reply = chat_model.invoke([{"role": "system", "content": prompt}, {"role": "user", "content": question}])
    except Exception:  # any model or connection failure: fall back to "not understood"
        return None
    data = _reply_json(reply.content if isinstance(reply.content, str) else str(reply.content))
    if not data or data.get("intent") not in {i["name"] for i in intents}:
        return None
    text = normalise(question)
    slots = {k: str(data[k]) for k in ("account", "product", "person", "topic")
             if isinstance(data.get(k), str) and data[k].strip()}
    change = data.get("change") if data.get("change") in UPSELL_CHANGES else None
    return Parsed(question=question, text=text, rest=text, intent=data["intent"], slots=slots, change=change,
                  parser="llm")
