"""What a message asks when its words look like another intent's: how to explain to a colleague why a play is
right asks the reasons (why), not words for the customer (draft: "how do I explain to Dana why ..." stays one).
Phrasings of this test's own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, intent", [
    ("how should I explain to my manager why Kestrel gets more seats", "why"),
    ("how would I explain to the team why Fjord is ready for Studio?", "why"),
    ("how do I explain to Dana why DQ is worth it", "draft"),
])
def test_reasons_for_a_colleague_are_no_draft(chat, question, intent):
    assert chat().ask(question).intent == intent
