"""A place in the plays just listed, picked in a clause of its own that opens the message, the rest
asking about it ("number 3 - who signs?", "the 4th, why isn't it ready?"): that play, asked about
(listed_pick.py `_opening_place`; the clause is a pick only beside filler, follow_ups.py `ordinal`), and
a place inside a question whose other words are a closing check ("right so the second one is that a go":
turns.py `without_place`).
This file's own wordings, on the demo book's Lumen Energy list (Governance Suite, Data Platform more
capacity, Data Platform longer term, Data Quality, ...)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("asked, intent, product, change", [
    ("the 4th, why isn't it ready?", "why_not", "Data Quality", "new_product"),
    ("number 3 - who signs?", "who_sponsor", "Data Platform", "longer_term"),
    ("second, draft it pls", "draft", "Data Platform", "more_capacity"),
    ("right so the second one is that a go", "check_play", "Data Platform", "more_capacity"),  # its closing words
])
def test_a_place_picked_in_an_opening_clause_is_the_play_asked_about(chat, asked, intent, product, change):
    conversation = chat()
    conversation.ask("options for Lumen?")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities.get("account"), answer.entities.get("product"),
            answer.entities.get("change")) == (intent, "Lumen Energy", product, change)
