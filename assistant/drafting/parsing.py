"""Read the three parts out of a model's reply: fenced JSON, bare JSON, or labelled lines.

Anything else (empty, prose without the parts, a part missing or empty, a part over the
length limit of rules/drafts) is a DraftFailure, never a half-draft.
"""

from __future__ import annotations

import json
import re

from assistant.drafting.errors import DraftFailure
from assistant.drafting.parts import PART_NAMES, DraftParts

_WORD = re.compile(r"[^\W\d_]{2,}")
_FENCED = re.compile(r"```(?:json|JSON)?\s*(\{.*?\})\s*```", re.DOTALL)
# Accepted spellings of each part's key or label, normalized to lowercase words.
_ALIASES = {
    "outcome_anchor": ("outcome_anchor", "outcome anchor", "anchor", "outcome"),
    "next_step": ("next_step", "next step", "next-step", "next step framing", "next_step_framing", "framing"),
    "ask": ("ask", "outcome_linked_ask", "outcome-linked ask", "outcome linked ask", "the ask"),
}
_LABEL = re.compile(r"^\s*(?:[-*#\d.)\s]*)\**\s*(?P<label>[A-Za-z _-]{2,40}?)\s*\**\s*[:=]\s*\**\s*(?P<value>.*)$")


def _canonical(key: str) -> str | None:
    key = " ".join(key.strip().strip("*\"'").replace("_", " ").replace("-", " ").casefold().split())
    for name, aliases in _ALIASES.items():
        if key in {" ".join(a.replace("_", " ").replace("-", " ").split()) for a in aliases}:
            return name
    return None


def _from_mapping(data) -> dict[str, str] | None:
    if not isinstance(data, dict):
        return None
    found = {}
    for key, value in data.items():
        name = _canonical(str(key))
        if name and isinstance(value, str):
            found[name] = value
    return found or None


def _json_candidates(raw: str):
    for match in _FENCED.finditer(raw):
        yield match.group(1)
    start = raw.find("{")
    while start != -1:
        depth = 0
        for index in range(start, len(raw)):
            depth += {"{": 1, "}": -1}.get(raw[index], 0)
            if depth == 0:
                yield raw[start:index + 1]
                break
        start = raw.find("{", start + 1)


def _from_json(raw: str) -> dict[str, str] | None:
    for candidate in _json_candidates(raw):
        try:
            found = _from_mapping(json.loads(candidate))
        except (json.JSONDecodeError, ValueError):
            continue
        if found:
            return found
    return None


def _from_labels(raw: str) -> dict[str, str] | None:
    found: dict[str, str] = {}
    current = None
    for line in raw.splitlines():
        match = _LABEL.match(line)
        name = _canonical(match.group("label")) if match else None
        if name:
            current = name
            found[name] = match.group("value").strip().strip('"').strip("*").strip()
        elif current and line.strip():
            found[current] = f"{found[current]} {line.strip()}".strip()
        elif not line.strip():
            current = None
    return found or None


def parse_parts(raw: str | None, max_part_chars: int, *, prompt: list[dict] | None = None) -> DraftParts:
    text = (raw or "").strip()
    if not text:
        raise DraftFailure("the model returned an empty reply", prompt=prompt, raw=raw, retryable=True)
    found = _from_json(text) or _from_labels(text) or {}
    # A part with no word in it ("...", "-", "") is as good as missing.
    missing = [name for name in PART_NAMES if not _WORD.search(found.get(name) or "")]
    if missing:
        raise DraftFailure(f"the reply does not contain the part(s) {', '.join(missing)}", prompt=prompt, raw=raw,
                           retryable=True)
    too_long = [name for name in PART_NAMES if len(found[name]) > max_part_chars]
    if too_long:
        raise DraftFailure(f"part(s) {', '.join(too_long)} longer than {max_part_chars} characters",
                           prompt=prompt, raw=raw, retryable=True)
    return DraftParts(**{name: " ".join(found[name].split()) for name in PART_NAMES}, prompt=prompt, raw=raw)
