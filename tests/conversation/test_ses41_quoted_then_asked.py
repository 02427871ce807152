"""A passage quoted before the AM's own question ("Sam replied: 'we're busy until February but keen to hear more'
how do I answer?"): the quote ends a sentence, so the question after it is what the message asks, and the
quoted words are not read as names of a check (quoted_passages.py). A term in quotes ("their 'data council'")
is a word of its sentence. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.intents import sentences


@pytest.mark.parametrize("message", [
    "Sam replied: 'we're busy until February but keen to hear more' how do I answer?",
    "Sam wrote 'interesting, but budget is frozen till spring' what do I say back",
])
def test_a_question_after_a_quote_is_what_is_asked(chat, message):
    conversation = chat()
    conversation.ask("MA for Delta?")
    answer = conversation.ask(message)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("draft", "Delta Retail", "Marketing Automation")


def test_speech_ends_a_sentence_a_term_in_quotes_does_not():
    assert sentences("Sam replied: 'busy till Feb' how do I answer?") == ["Sam replied: 'busy till Feb'", "how do I answer?"]
    assert sentences("Acme's 'data council' wants DQ, ok?") == ["Acme's 'data council' wants DQ, ok?"]
    assert sentences("Jones' team wants DQ, ok?") == ["Jones' team wants DQ, ok?"]
