"""A text pasted in quotes for coaching, then the AM's own ask ('"Sam, ..." Too pushy?', "coach me on my note:
'...'"): the quotes close the text, the words after them ask about it and may name the play, and the text's
greeting names whom it is for (review_turn.py `unquoted`). "my note" is a text to a customer, not the AM's
call notes. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.review_turn import unquoted


@pytest.mark.parametrize("message, account, product", [
    ('can you check my talk track: "Sam, if MA is signed this week I can knock 10% off for you, deal?" too aggressive?',
     "Delta Retail", "Marketing Automation"),
    ("review my message: 'Priya, quick one - I'd love 20 minutes on Data Quality next week.' does it land for Acme?",
     "Acme Corp", "Data Quality"),
    ('pls coach me on my note: "hi Sam, saw the campaign numbers, keen to talk MA when you have a sec"',
     "Delta Retail", "Marketing Automation"),
])
def test_a_quoted_text_is_reviewed_for_the_play_it_names(chat, message, account, product):
    answer = chat().ask(message)
    assert answer.ask_back is None
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == ("review", account, product)


def test_the_words_after_the_quotes_are_the_ask():
    assert unquoted('"Sam, see you Friday." too pushy?') == ("Sam, see you Friday.", "too pushy?")
    assert unquoted("Sam's team, see you Friday") == ("Sam's team, see you Friday", "")
