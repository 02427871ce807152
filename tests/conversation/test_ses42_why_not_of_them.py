"""A why not with the play in focus, said of the account by its pronoun ("but they need the room! why not?"),
asks what blocks that play, however like an office question ("the room") its other words are. This file's own
wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("asked", ["but they need the room! why not?", "they're out of room though. why not?"])
def test_why_not_said_of_them_is_about_the_play(chat, asked):
    conversation = chat()
    conversation.ask("Gale capacity? Omar has been furious with support all month")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Gale Logistics", "Data Platform")
