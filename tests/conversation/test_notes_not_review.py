"""Pasted notes ("Notes: call with Dana at Acme, they're furious ... Thoughts?") are no ask for a
review: they tell the coach facts about the account and are read as any message is, the blockers
they state with them. An ask for notes on a piece of writing stays a review. Phrasings are this
test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.review_turn import split_review

pytestmark = pytest.mark.slow  # read by meaning: the embedding model


@pytest.mark.parametrize("message", [
    "Notes: call with Dana at Acme. They're furious about the outage last week. Thoughts?",
    "notes from my Acme call: Dana says the renewal terms depend on the DQ deal. should I pitch it?",
    "my notes: Kestrel unhappy w/ support, CSAT dropped. what can I sell them?",
])
def test_notes_are_not_split_off_as_a_text_to_review(message):
    assert split_review(message, PROJECT_ROOT / "prompts") is None


@pytest.mark.parametrize("message", [
    "give me notes on my email to Ana: Hi Ana, Governance Suite would help regulatory compliance, and the price is locked.",
    "notes on my draft: Hi Dana, Data Quality would help your team a lot, can we talk next week?",
])
def test_an_ask_for_notes_on_a_piece_of_writing_stays_a_review(message):
    assert split_review(message, PROJECT_ROOT / "prompts") is not None


@pytest.mark.parametrize("message, codes", [
    ("Notes: call with Dana at Acme. They're furious about the outage last week. Want to pitch DQ before my "
     "quarter ends. Thoughts?", {"health.dissatisfied", "timing.quota_driven"}),
    ("notes from my Acme call: Dana says the renewal terms depend on the DQ deal. should I pitch it?",
     {"renewal.coupled"}),
])
def test_the_blockers_stated_in_notes_are_read(chat, message, codes):
    answer = chat().ask(message)
    seen = {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else ())
    assert answer.intent != "review" and codes <= seen, (answer.intent, answer.text)
