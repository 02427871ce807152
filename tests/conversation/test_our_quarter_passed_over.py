"""Our quarter named only to be passed over for the customer's moment ("our quarter closes on the 30th but I'd
rather pitch it in January when Dana has budget") is calm; a rival's approach turned away ("she laughed it
off") or a renewal said rock solid puts no renewal at risk. Our quarter still pushed beside their budget
("by the 31st, my quarter ends then. Dana has budget anyway, so push?") stays quota timing. This file's own
wordings."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation.evaluation import applied_rules

IN_WINDOW = dt.date(2026, 12, 15)  # 16 days before the demo vendor's quarter end


@pytest.mark.parametrize("message, code", [
    ("Our quarter closes on the 30th but I'd rather pitch DQ to Acme in January when Dana has budget. ok?",
     "timing.quota_driven"),
    ("kestrel seats: my Q ends soon, but I'd rather wait for their new budget in feb", "timing.quota_driven"),
    ("Acme renewal is rock solid, but Dana mentioned a competitor pitched her last week (she laughed it off). DQ?",
     "renewal.at_risk"),
    ("a rival cold-pitched Hanna at Kestrel, she brushed it off. seats?", "renewal.at_risk"),
])
def test_passed_over_or_turned_away_applies_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text


def test_our_quarter_pushed_beside_their_budget_stays(chat):
    answer = chat(today=IN_WINDOW).ask("Acme DQ by the 31st, my quarter ends then. Dana has budget anyway, so push?")
    assert "timing.quota_driven" in applied_rules(answer), answer.text
