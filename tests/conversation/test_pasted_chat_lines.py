"""A pasted chat's line opened by who wrote it ("Me: sorry Sam, I'm chasing it") is that writer's line, not a
correction of what the lines before it said (turns.py `corrected`): the customer's words above it still state
their blocker. A correction typed by the AM still corrects ("pitch DQ to Acme, sorry, I meant Delta").
This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("Dana: the dashboards keep breaking and we're furious\nMe: sorry Dana, looking into it\nAcme DQ still worth it?",
     "health.dissatisfied"),
    ("Lucia: we might not renew next year tbh\nJordan: sorry to hear, let me see what I can do\nKestrel seats now?",
     "renewal.at_risk"),
])
def test_the_customers_line_above_a_reply_is_still_read(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "pitch DQ to Acme, sorry, I meant Delta",
    "pitch MA to Acme... sorry, I meant Delta",
])
def test_a_correction_of_the_ams_own_still_corrects(chat, message):
    answer = chat().ask(message)
    assert answer.entities.get("account") == "Delta Retail", answer.entities
