"""A short follow-up typed with slips of its asking words keeps the play in focus: a letter held
down ("whyy nott", "draftt") or two letters side by side swapped ("wirte teh emial") is read as the
intents' patterns' word (asking_slips.py), never a real word ("form" stays "form"). This file's own wordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.phrasebook import load_phrasebook

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("asked, intent", [
    ("whyy nott then", "why_not"),
    ("but whyy nott?", "why_not"),
    ("ok draftt teh mail", "draft"),
    ("pleasee drfat it", "draft"),
])
def test_a_follow_up_with_slips_keeps_the_play(chat, asked, intent):
    conversation = chat()
    conversation.ask("should I pitch Governance to Juniper?")
    answer = conversation.ask(asked)
    assert answer.ask_back is None or answer.ask_back.kind == "blocker", answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        (intent, "Juniper Clinics", "Governance Suite")


def test_a_real_word_is_no_slip():
    book = load_phrasebook(ROOT / "prompts")
    assert book.respelled("whyy nott", slips=True) == "why not"
    assert book.respelled("the form came", slips=True) == "the form came"  # (real words, though one swap from "from")
    assert book.respelled("whyy nott") == "whyy nott"  # (slips only read when no pattern reads the text as typed)
