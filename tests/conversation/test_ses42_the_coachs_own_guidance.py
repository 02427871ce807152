"""The coach's own guidance asked, politely, about a play the words name ("I would be grateful for your guidance on
whether Governance could go to Lumen"): a check of that play, not the framework (intents.yaml vocab
`framework_of_the_coach`); the guidance of the framework itself stays a framework question. And a verdict told as
"came back as wait" is a hold asked about (`verdict_no`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message, account, product", [
    ("Hello. I would be most grateful for your guidance on whether Governance Suite might be offered to Lumen Energy. "
     "With thanks, Jordan", "Lumen Energy", "Governance Suite"),
    ("Dear coach, I'd value your advice on whether Data Quality could be put to Acme Corp this season. Regards",
     "Acme Corp", "Data Quality"),
])
def test_the_coachs_guidance_on_a_play_is_a_check(chat, message, account, product):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == ("check_play", account, product)


def test_the_frameworks_guidance_stays_the_framework(chat):
    assert chat().ask("what does the guidance say about bundling?").intent == "framework"


def test_a_verdict_come_back_as_wait_is_asked_what_blocks_it(chat):
    answer = chat().ask("Borealis capacity came back as wait, what's the logic there?")
    assert (answer.intent, answer.entities["account"]) == ("why_not", "Borealis Freight")
