"""Speed without a change of reading: the texts whose readings by meaning would all be set aside are
not given to the model. Without a cue word, a clause that asks ("Should I bring up Data Quality with
Acme") tells no fact (`Reader.asks_only`), a clause of the past is asked about for its cue words
only, a question read for cued blockers counts nothing of it, and a clause shorter than
`blocker_min_words` ("Upgrade them") reveals nothing. The answers are the same as when every text
is encoded. The messages are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.meaning import Meaning
from assistant.conversation.reading import Reader

STORIES = [
    "Had a good call with Dana yesterday, usage is way up. Should I bring up Data Quality with Acme?",
    "I really want this one in before our fiscal year closes, can I pitch Governance to Orchid?",
    "they've been a bit quiet lately, is it a good time to pitch DQ to Acme?",
    "Kestrel asked about a cheaper bundle, should we pitch Studio seats with it?",
    "Juniper keeps mentioning another vendor. Upgrade them?",
    "they were furious last spring, all sorted since. pitch DQ to Acme?",
    "why is DQ a hold at Acme? we had a rough quarter with them",
]


class Recording:
    """The session's embedder, remembering the texts of every call."""

    def __init__(self, inner):
        self.inner, self.texts = inner, []

    def __call__(self, texts):
        self.texts.extend(texts)
        return self.inner(texts)


def test_a_clause_that_asks_or_tells_of_the_past_without_a_cue_word_is_not_encoded(chat, embedder):
    recording = Recording(embedder)
    chat(embed=recording).ask(STORIES[0])
    assert "usage is way up" in recording.texts  # the story's fact is read
    assert not any(t.startswith("Should I bring up") for t in recording.texts), recording.texts
    assert "Had a good call with Dana yesterday" not in recording.texts


def test_a_short_clause_without_a_cue_word_is_not_encoded(chat, embedder):
    recording = Recording(embedder)
    chat(embed=recording).ask("Juniper keeps mentioning another vendor. Upgrade them?")
    assert "Juniper keeps mentioning another vendor" in recording.texts
    assert "Upgrade them" not in recording.texts, recording.texts


@pytest.mark.parametrize("message", STORIES)
def test_the_answer_is_the_same_as_with_every_text_encoded(chat, embedder, monkeypatch, message):
    fewer = chat("fewer").ask(message).model_dump(exclude={"session_id"})
    monkeypatch.setattr(Reader, "counting", lambda self, texts, *_: list(range(len(texts))))
    monkeypatch.setattr(Meaning, "revealing", lambda self, parts, *_: list(range(len(parts))))
    every = chat("every").ask(message).model_dump(exclude={"session_id"})
    assert fewer == every
