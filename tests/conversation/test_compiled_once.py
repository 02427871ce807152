"""A Conversation is made per chat turn (Coach.ask): what it derives from the data files alone (cue
rules, clause pattern, executive titles, spelling) is compiled once per process and reused."""

from __future__ import annotations

import re

from assistant.conversation import cues


def test_a_second_conversation_compiles_no_pattern(chat, monkeypatch):
    first = chat("first")
    compiled = []
    real_compile, real_group = re._compile, cues.group
    monkeypatch.setattr(re, "_compile", lambda *a, **k: compiled.append(a[0]) or real_compile(*a, **k))
    monkeypatch.setattr(cues, "group", lambda phrases: compiled.append(tuple(phrases)) or real_group(phrases))

    second = chat("second")

    assert compiled == []  # not even a hit in re's own cache, which a busy process evicts (512 entries)
    reader, again = first.reader, second.reader
    assert again.clause_re is reader.clause_re and again.executive_titles is reader.executive_titles
    assert again.cue_rules is reader.cue_rules and again.spelling is reader.spelling


def test_the_shared_parts_still_read_a_blocker(chat):
    """The reused parts work in a second conversation as in the first: a quarter-end push is heard."""
    for session in ("one", "two"):
        answer = chat(session).ask("I need to close this before quarter end, should I pitch DQ to Acme")
        assert "timing.quota_driven" in {a.rule for a in answer.applied}, answer.text
