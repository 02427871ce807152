"""The trained intent model read before the nearest examples when it is all but sure (intent_model.yaml
`overrule`), and a story's question about the verdict it is that sure of read as it. Messages written
for this test (round 16, the `learn` engineer), from the README and the demo book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.conversation.intent_model import load_settings
from assistant.conversation.intents import Parsed, normalise
from assistant.conversation.known_names import KnownNames

PROMPTS = Path(__file__).parents[2] / "prompts"


def test_the_model_overrules_the_examples_from_a_probability_set_in_data():
    assert load_settings(PROMPTS).overrule is not None


def _chat(coach, embedder, session):
    from assistant.conversation import Conversation
    from tests.conversation.conftest import NoKnowledge

    return Conversation(coach, session, "Jordan Blake", today=dt.date(2026, 11, 3), knowledge=NoKnowledge(),
                        embed=embedder)


@pytest.mark.slow  # the reading by meaning loads the embedding model
def test_a_reading_the_model_is_sure_of_comes_before_the_nearest_examples(coach, embedder):
    # nearest in topic to a check of the play, while its words ask for the reasons
    chat = _chat(coach, embedder, "overrule")
    reader = chat.reader
    world = KnownNames(coach, chat.book, None, None, reader.spec.names)
    text = normalise("whats the reasoning on Data Quality for Acme Corp")
    masked = reader.masked_message(text, world)
    assert reader.meaning.intent(masked).intent == "check_play"  # (what the examples alone read for sure)
    read = reader.intent(Parsed(question=text, text=text, rest=text), world)
    assert read is not None and read.intent == "why" and read.pattern.startswith("model:")


@pytest.mark.slow
def test_a_story_asking_for_the_sponsor_without_a_question_mark_is_read_as_the_model_is_sure(coach, embedder):
    answer = _chat(coach, embedder, "story-sponsor").ask("Lumen Energy, is there anybody senior who'd back a longer term")
    assert answer.intent == "who_sponsor" and answer.entities.get("account") == "Lumen Energy"
