"""The model's two clauses in slot mode: how they are constrained, read and validated.

`why` continues "... is the next step for <priority>," and starts with "because"; `purpose`
continues the ask and starts with "so that". A clause is letters, spaces, commas, apostrophes
and hyphens only (no digits: every figure comes from code), within the word and character
limits of rules/drafts, not cut off mid-phrase, and the two together must touch the play (a
word of the product, priority, outcome, unit, team or feature), so "because the sky is blue"
is asked again instead of shown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.approval.spec import SlotLimits
from assistant.drafting.context import DraftContext
from assistant.drafting.errors import DraftFailure
from assistant.drafting.prompts import render

SLOT_NAMES = {"why": "because", "purpose": "so that"}  # slot -> the words it starts with
_CLAUSE = re.compile(r"^[a-z][a-z ,'-]*$")
_WORD = re.compile(r"[a-z]+")


def slot_grammar(prompts_dir: Path, limits: SlotLimits) -> str:
    """The GBNF grammar (prompts/talk_track_slots.gbnf.j2) llama.cpp's server samples under."""
    repeat = f"{{{limits.min_words - 1},{limits.max_words - 1}}}"  # words after the first
    return render(prompts_dir, "talk_track_slots.gbnf.j2", slots=SLOT_NAMES, repeat=repeat)


def slot_schema(limits: SlotLimits) -> dict:
    """The same constraint as a JSON schema, for servers that take `response_format` with a schema."""
    words = rf"[a-z]+(?:[ ,'-]+[a-z]+){{{limits.min_words - 1},{limits.max_words - 1}}}"
    return {"type": "object", "additionalProperties": False, "required": list(SLOT_NAMES),
            "properties": {name: {"type": "string", "maxLength": limits.max_chars,
                                  "pattern": rf"^{start} {words}$"} for name, start in SLOT_NAMES.items()}}


def slot_topics(context: DraftContext) -> set[str]:
    """Words (4+ letters) of what the play is about; a clause must use at least one."""
    texts = [context.product, context.priority, context.unit, context.team, context.owned_product,
             context.next_tier, context.outcome.metric if context.outcome else None,
             context.adjacent.feature if context.adjacent else None]
    return {w for text in texts if text for w in _WORD.findall(text.casefold()) if len(w) >= 4}


def _from_json(text: str) -> dict | None:
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start:end + 1]) if start != -1 and end > start else None
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _from_lines(text: str) -> dict | None:
    """One line per slot, found by its opener (what the grammar makes the model write)."""
    found = {}
    for line in text.splitlines():
        clean = _clean(line.strip(" -*\"'"))
        for name, opener in SLOT_NAMES.items():
            if name not in found and clean.startswith(opener + " "):
                found[name] = clean
                break
    return found or None


def _clean(value: str) -> str:
    return " ".join(value.replace("\u2019", "'").split()).strip(" ,.;").casefold()


def parse_slots(raw: str | None, limits: SlotLimits, topics: set[str], *,
                prompt: list[dict] | None = None) -> dict[str, str]:
    def fail(why: str) -> DraftFailure:
        return DraftFailure(why, prompt=prompt, raw=raw, retryable=True)

    text = (raw or "").strip()
    if not text:
        raise fail("the model returned an empty reply")
    data = _from_json(text) or _from_lines(text)
    if not data:
        raise fail("the reply has neither a JSON object nor lines starting with "
                   + " / ".join(f"'{o}'" for o in SLOT_NAMES.values()))
    slots = {}
    for name, opener in SLOT_NAMES.items():
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"the reply has no '{name}' clause")
        clause = _clean(value)
        if not clause.startswith(opener + " "):
            clause = f"{opener} {clause}"
        words = clause.replace(",", " ").split()
        if any(ch.isdigit() for ch in clause):
            raise fail(f"the '{name}' clause contains a digit (figures come from the record only)")
        if not _CLAUSE.match(clause):
            raise fail(f"the '{name}' clause has characters other than letters, spaces and commas")
        if len(clause) > limits.max_chars or not limits.min_words <= len(words) - len(opener.split()) <= limits.max_words:
            raise fail(f"the '{name}' clause is not {limits.min_words}-{limits.max_words} words "
                       f"of at most {limits.max_chars} characters")
        if words[-1].strip("'") in {w.casefold() for w in limits.bad_endings}:
            raise fail(f"the '{name}' clause stops mid-phrase (on '{words[-1]}')")
        slots[name] = clause
    if topics and not topics & set(_WORD.findall(" ".join(slots.values()))):
        raise fail(f"the clauses do not touch the play (none of: {', '.join(sorted(topics))})")
    return slots
