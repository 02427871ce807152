"""Whether an account is ready for a pitch, an upsell or an expansion ("is Acme ready for a pitch", "is Orchid ripe
for an upsell yet? no idea which product") asks for a check there, the product asked back: "a pitch" is no
product's name, and the message asks for no words. Phrasings of this test's own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["is Acme ready for a pitch", "is Orchid ripe for an upsell yet? no idea which product"])
def test_ready_for_a_pitch_is_a_check_of_the_account(chat, question):
    answer = chat().ask(question)
    assert answer.intent == "check_play" and answer.ask_back is not None and answer.ask_back.kind == "product"
