"""A point or comma between digits is a decimal or thousands mark, never a clause boundary (meaning.py
`_BOUNDARY`): "CSAT went from 4.5 to 2.2" is a CSAT of 2.2 (not "CSAT went from 4" and "2 in two months",
a deadline), "150,000 short of my number" one figure short of our quota. A point or comma before a space
still ends a clause. Of two figures joined by an arrow ("4.2 -> 2.8") the figure now is the last. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message", [
    "CSAT went from 4.5 to 2.2 in two months. Acme DQ?",
    "kestrel csat slid from 4.1 to 2.4 after the migration, more seats?",
    "they rated us 2.5 out of 5 on the last survey, Kestrel seats?",
    # (an arrow between two figures: the figure now is the one after it)
    "acme csat dropped 4.2 -> 2.8 after the outage. DQ upsell?",
    "Kestrel NPS 15 → -5 since the migration, seats?",
])
def test_a_low_score_with_decimals_is_a_dissatisfied_customer(chat, message):
    answer = chat().ask(message)
    assert "health.dissatisfied" in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "CSAT went from 4.5 to 2.2 in two months. Acme DQ?",
    "kestrel csat slid from 4.1 to 2.4 after the migration, more seats?",
])
def test_a_score_with_decimals_states_no_deadline_of_ours(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" not in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "Kestrel CSAT went from 2.4 to 4.6 after the fix. seats?",
    "they're at CSAT 4.8, super happy. Acme DQ upsell?",
    "acme csat 2.1 -> 4.4 after the fix, DQ?",
])
def test_a_score_risen_with_decimals_states_nothing(chat, message):
    answer = chat().ask(message)
    assert "health.dissatisfied" not in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "I'm 150,000 short of my number, Harbor Studio?",
    "im at 62.5% of plan, need Juniper Governance signed",
    "CSAT 3.1, they're not happy at all. Corvid DQ?",
])
def test_a_blocker_beside_a_figure_with_decimals_is_still_seen(chat, message):
    answer = chat().ask(message)
    code = "health.dissatisfied" if "CSAT" in message else "timing.quota_driven"
    assert code in _seen(answer), answer.text
