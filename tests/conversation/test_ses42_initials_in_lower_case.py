"""An account typed as its initials in a message typed all in lower case ("iwt more volume?"): read as "IWT" is,
unless the letters are a word of their own (the model's vocabulary, the book's words: "btw", "the"), or a
message with capitals elsewhere keeps its lower-case words as typed. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.known_names import KnownNames


@pytest.mark.parametrize("message, intent", [
    ("iwt more volume?", "check_play"),
    ("iwt - who'd sign off on more volume", "who_sponsor"),
    ("is iwt ready for a longer term on the platform", "check_play"),
])
def test_initials_in_lower_case_name_the_account(chat, message, intent):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"]) == (intent, "Ironwood Telecom")


@pytest.mark.parametrize("text", ["btw acme is fine", "lol ok", "tbh the pipeline is thin", "the roi on dq",
                                  "slack msg for sam?"])
def test_words_and_shorthand_are_no_initials(chat, text):
    conversation = chat()
    world = KnownNames(conversation.coach, conversation.book, conversation.viewer)
    assert world.accounts.initialled(text, 3, words=world.lower_words) == []


def test_lower_case_initials_beside_capitals_are_left_as_typed(chat):
    conversation = chat()
    world = KnownNames(conversation.coach, conversation.book, conversation.viewer)
    assert world.accounts.initialled("Nadia at iwt wants more volume", 3, words=world.lower_words) == []
    assert [m.name for m in world.accounts.initialled("nadia at iwt wants more volume", 3, words=world.lower_words)] \
        == ["Ironwood Telecom"]
