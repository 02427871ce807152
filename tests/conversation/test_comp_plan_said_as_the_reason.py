"""Our comp plan given as the reason ("our comp plan double counts multi yr deals", "the comp plan pays 2x on
multi-year this half": "comp" is folded to "compensation" first) is quota-driven timing, also in a message whose
"this quarter" a focus pattern reads, when it names the play ("Fjord 3 yr term - multi-year bookings count double
on my comp plan this quarter. ok?": a check of it); the customer's own comp plan is not. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message", [
    "lumen longer term? our comp plan double counts multi yr deals so it'd be huge for me",
    "kestrel: 2 year deal on seats - the comp plan pays 2x on multi-year this half, that's the real driver",
    "acme DQ - not gonna lie, the comp plan accelerators kick in if this lands before the 31st",
])
def test_our_comp_plan_is_quota_driven_timing(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" in applied_rules(answer), answer.text


def test_a_focus_pattern_naming_the_play_is_a_check_of_it(chat):
    answer = chat().ask("Fjord 3 yr term - multi-year bookings count double on my comp plan this quarter. ok?")
    assert answer.intent == "check_play", answer.text
    assert answer.entities.get("account") == "Fjord Bank", answer.text
    assert "timing.quota_driven" in applied_rules(answer), answer.text


@pytest.mark.parametrize("message", [
    "kestrel wants help modelling their comp plan for the sales team, studio seats?",
    "what should I focus on this quarter?",
])
def test_no_quota_of_ours(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" not in applied_rules(answer) | asked_codes(answer), answer.text
