"""Words typed with a number for a syllable or cut short in texting ("any1", "some1", "pw") are read as written
out before the intents' patterns are tried (intents.yaml `spelling`): "any1 know the wifi pw" is off topic, not a
message that asks nothing. This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message", [
    "some1 know the pw for the conf room tv",
    "any1 got the pw",
])
def test_an_office_question_in_texting_is_off_topic(chat, message):
    assert chat().ask(message).intent == "off_topic"
