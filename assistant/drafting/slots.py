"""The model's two clauses in slot mode: how they are constrained, read and validated.

`why` continues "... is the next step for <priority>," and starts with "because"; `purpose`
continues the ask and starts with "so that". The grammar writes each clause's stem (its shape:
"because it lets ...", "so that your marketing operations team can ...", `stems:` in
rules/drafts) and the model the words after it. A clause is letters, spaces, commas and
apostrophes only (no digits: every figure comes from code), within the word and character
limits of rules/drafts, and the model's own words of the two (after the stems: the grammar
wrote those, and since the purpose stem names the play's team they would always touch it)
must touch the play (a word of the product, priority, outcome, unit, team or feature), so
"because it lets the team do more with less, so that your analytics team can be a lot of
things" is asked again instead of shown. Whether the words read as English is the gate's
readability check.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from assistant.approval.readability import zipf
from assistant.approval.spec import SlotLimits
from assistant.drafting.context import DraftContext
from assistant.drafting.errors import DraftFailure
from assistant.drafting.prompts import render
from assistant.drafting.word_rules import word_rules

SLOT_NAMES = {"why": "because", "purpose": "so that"}  # slot -> the words it starts with
_CLAUSE = re.compile(r"^[a-z][a-z ,'-]*$")
_WORD = re.compile(r"[a-z]+")


def team_words(context: DraftContext) -> str:
    """The play's team as grammar-safe words ("marketing operations"): lowercase letters and
    spaces only, a trailing "team" dropped (the stem says it); empty when there is none."""
    words = _WORD.findall((context.team or "").casefold())
    if words and words[-1] == "team":
        words = words[:-1]
    return " ".join(words) if (context.team or "").replace(" ", "").isalpha() else ""


def slot_stems(limits: SlotLimits, context: DraftContext | None = None) -> dict[str, list[str]]:
    """Each slot's stems from rules/drafts (the words the grammar writes before the model's:
    the clause's shape), with `{team}` filled in for this play, or dropped without a team."""
    team = team_words(context) if context is not None else ""
    stems = {}
    for name, opener in SLOT_NAMES.items():
        choices = limits.stems.get(name) or [opener]
        stems[name] = [" ".join(s.replace("{team}", team).split()) for s in choices]
    return stems


def slot_grammar(prompts_dir: Path, limits: SlotLimits, stems: dict[str, list[str]],
                 topics: set[str] | frozenset[str] = frozenset()) -> str:
    """The GBNF grammar (prompts/talk_track_slots.gbnf.j2) llama.cpp's server samples under.
    With a word list (`limits.words`), a clause's last possible word and a word of the play are
    whole words of it, the last not one that leaves the clause hanging. With `topics` (slot_topics), one of the two clauses must hold a word
    that touches one, as parse_slots counts it, so a reply that is off the play cannot be
    sampled at all."""
    words = limits.words
    if topics and words is not None:
        topic_rules = word_rules("topic", topic_forms(topics, limits))
    else:
        topic_rules = ["topic ::= " + " | ".join(topic_word_rule(t, limits) for t in sorted(topics))] if topics else []
    return render(prompts_dir, "talk_track_slots.gbnf.j2", slots=SLOT_NAMES, stems=stems,
                  letters=f"{{1,{limits.max_word_chars}}}", min_words=limits.min_words, max_words=limits.max_words,
                  topic_rules=topic_rules, places=min(limits.max_words, limits.topic_within or limits.max_words),
                  last_rules=_last_word_rules(words.listed, words.never_last) if words else ())


@lru_cache(maxsize=4)
def _last_word_rules(listed: tuple[str, ...], never_last: frozenset[str]) -> tuple[str, ...]:
    """The grammar's whole-word rules, built once per word list (about 0.2 s for 15,000 words):
    `last`, a listed word a clause may end on, and `mid`, one it may not."""
    return tuple(word_rules("last", [w for w in listed if w not in never_last]) + word_rules("mid", sorted(never_last)))


def topic_forms(topics: set[str] | frozenset[str], limits: SlotLimits) -> list[str]:
    """The whole words the grammar may write as a word of the play: each topic word, and every
    listed word that touches one ("grow", "grows" for "growth"; "market" for "marketing") and
    is not a common English word (`topic_max_zipf`: "work" touches "workflows" but says
    nothing about them). The check (parse_slots) takes every one of them."""
    forms = set(topics)
    if limits.words is not None:
        by_start = _by_start(limits.words.listed, limits.topic_min_chars)
        for topic in topics:
            near = by_start.get(topic[:limits.topic_min_chars], ())
            forms |= {w for w in near if touches([w], {topic}, limits.topic_min_chars) and not _common(w, limits)}
    return sorted(forms)


@lru_cache(maxsize=4)
def _by_start(listed: tuple[str, ...], letters: int) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in listed:
        if len(word) >= letters and "'" not in word:
            index.setdefault(word[:letters], []).append(word)
    return {start: tuple(words) for start, words in index.items()}


def topic_word_rule(topic: str, limits: SlotLimits) -> str:
    """A GBNF alternative for the words that touch `topic` (see `touches`): its first
    `topic_min_chars` letters, then optionally its next letters one by one, and after the whole
    topic optionally more letters ("grow", "growth", "growths"; "campaign", "campaigns")."""
    shortest = min(limits.topic_min_chars, len(topic))
    tail = max(0, limits.max_word_chars - len(topic))
    inner = f" [a-z]{{0,{tail}}}" if tail else ""
    for letter in reversed(topic[shortest:]):
        inner = f' ("{letter}"{inner})?'
    return f'"{topic[:shortest]}"{inner}'


def topic_placements(limits: SlotLimits) -> list[tuple[int, int, int]]:
    """Where a topic word may stand among a clause's own words: (words before it, fewest and
    most words after it), so the clause keeps min_words..max_words words in all; only among the
    first `topic_within` words when that is set, so a clause is built around the play's word
    instead of the grammar tacking one on at its end (", unit")."""
    places = min(limits.max_words, limits.topic_within or limits.max_words)
    return [(before, max(0, limits.min_words - 1 - before), limits.max_words - 1 - before)
            for before in range(places)]


def slot_token_bound(limits: SlotLimits, stems: dict[str, list[str]],
                     topics: set[str] | frozenset[str] = frozenset()) -> int:
    """More tokens than the grammar's longest output (one token per character at worst), so
    max_tokens never cuts what the grammar allows: the grammar ends the reply (a topic word may
    be longer than max_word_chars)."""
    longest_word = max([limits.max_word_chars, *map(len, topics)])
    per_word = longest_word + len("n't") + len(", ")
    return sum(max(map(len, choices)) + 1 + limits.max_words * per_word + 2 for choices in stems.values()) + 2


def slot_schema(limits: SlotLimits, stems: dict[str, list[str]],
                topics: set[str] | frozenset[str] = frozenset()) -> dict:
    """The same constraint as a JSON schema, for servers that take `response_format` with a schema.
    With `topics`, the same requirement as the grammar's: one of the two clauses (`anyOf`) holds
    a word that touches one, at any place among its own words, the clause's length kept. Plain
    groups only: llama.cpp's schema converter refuses "(?:". The stems are plain words (SlotLimits
    checks them), so they need no escaping."""
    word = r"[a-z]+('s|n't)?"
    words = rf"{word}(,? {word}){{{limits.min_words - 1},{limits.max_words - 1}}}"

    def clause(name: str, body: str) -> dict:
        return {"type": "string", "pattern": rf"^({'|'.join(stems[name])}) ({body})$"}

    def shape(on: str | None) -> dict:
        return {"type": "object", "additionalProperties": False, "required": list(SLOT_NAMES),
                "properties": {name: clause(name, on_topic if name == on else words) for name in SLOT_NAMES}}

    if not topics:
        return shape(None)
    topic = "(" + "|".join(topic_word_pattern(t, limits) for t in sorted(topics)) + ")('s)?"
    on_topic = "|".join((rf"({word},? ){{{before}}}" if before else "") + topic
                        + (rf"(,? {word}){{{fewest},{most}}}" if most else "")
                        for before, fewest, most in topic_placements(limits))
    return {"anyOf": [shape(name) for name in SLOT_NAMES]}


def topic_word_pattern(topic: str, limits: SlotLimits) -> str:
    """topic_word_rule as a regular expression (for a JSON schema's `pattern`)."""
    shortest = min(limits.topic_min_chars, len(topic))
    tail = max(0, limits.max_word_chars - len(topic))
    inner = f"[a-z]{{0,{tail}}}" if tail else ""
    for letter in reversed(topic[shortest:]):
        inner = f"({letter}{inner})?"
    return topic[:shortest] + inner


def slot_topics(context: DraftContext, limits: SlotLimits) -> set[str]:
    """Words of what the play is about (at least `topic_min_chars` letters), less the stems'
    own words ("team", "lets") and common English words ("time" of "campaign launch time",
    `topic_max_zipf`), which say nothing about this play; a clause must use one."""
    texts = [context.product, context.priority, context.unit, context.team, context.owned_product,
             context.next_tier, context.outcome.metric if context.outcome else None,
             context.adjacent.feature if context.adjacent else None]
    stem_words = {w for choices in limits.stems.values() for stem in choices for w in _WORD.findall(stem)}
    return {w for text in texts if text for w in _WORD.findall(text.casefold())
            if len(w) >= limits.topic_min_chars and w not in stem_words and not _common(w, limits)}


def _common(word: str, limits: SlotLimits) -> bool:
    if limits.topic_max_zipf is None:
        return False
    return zipf(word, limits.topic_language) >= limits.topic_max_zipf


def touches(words: list[str], topics: set[str], shortest: int) -> bool:
    """Whether a word is a topic word or shares its beginning ("campaigns" / "campaign",
    "grow" / "growth"), the shorter of the two at least `shortest` letters."""
    return any(w == t or len(min(w, t, key=len)) >= shortest and (w.startswith(t) or t.startswith(w))
               for w in words for t in topics)


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


def parse_slots(raw: str | None, limits: SlotLimits, topics: set[str], *, stems: dict[str, list[str]] | None = None,
                prompt: list[dict] | None = None) -> dict[str, str]:
    """The two clauses of a reply; the word and character limits count the model's own words,
    after the stem the grammar wrote."""
    def fail(why: str) -> DraftFailure:
        return DraftFailure(why, prompt=prompt, raw=raw, retryable=True)

    text = (raw or "").strip()
    if not text:
        raise fail("the model returned an empty reply")
    data = _from_json(text) or _from_lines(text)
    if not data:
        raise fail("the reply has neither a JSON object nor lines starting with "
                   + " / ".join(f"'{o}'" for o in SLOT_NAMES.values()))
    slots, own_words = {}, []
    for name, opener in SLOT_NAMES.items():
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"the reply has no '{name}' clause")
        clause = _clean(value)
        if not clause.startswith(opener + " "):
            clause = f"{opener} {clause}"
        stem = max((s for s in (stems or {}).get(name, []) if clause.startswith(s + " ")), key=len, default=opener)
        own = clause[len(stem):].strip()
        words = own.replace(",", " ").split()
        if any(ch.isdigit() for ch in clause):
            raise fail(f"the '{name}' clause contains a digit (figures come from the record only)")
        if not _CLAUSE.match(clause):
            raise fail(f"the '{name}' clause has characters other than letters, spaces and commas")
        if len(own) > limits.max_chars or not limits.min_words <= len(words) <= limits.max_words:
            raise fail(f"the '{name}' clause is not {limits.min_words}-{limits.max_words} words "
                       f"of at most {limits.max_chars} characters after '{stem}'")
        slots[name] = clause
        own_words += _WORD.findall(" ".join(words[:limits.topic_within] if limits.topic_within else words))
    if topics and not touches(own_words, topics, limits.topic_min_chars):
        within = f" in the first {limits.topic_within} words of a clause" if limits.topic_within else ""
        raise fail(f"the clauses do not touch the play{within} (none of: {', '.join(sorted(topics))})")
    return slots
