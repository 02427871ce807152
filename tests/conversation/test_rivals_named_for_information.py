"""Rivals named for information only ("how we compare to competitors, for a board slide, purely
informational", "a competitor comparison for the board deck") put no renewal at risk; rivals weighed still do,
and so does leaving weighed in a verb of thought ("they're thinking of switching"). This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message", [
    "Dana asked how we compare to competitors for a board slide, purely informational. DQ at acme?",
    "their CFO wants a competitor comparison for the board deck, just FYI stuff. seats at kestrel?",
    "Lumen's CFO asked how we measure up to rivals, just for a slide in his board pack. 3 yr term?",
])
def test_rivals_named_for_information_put_no_renewal_at_risk(chat, message):
    answer = chat().ask(message)
    assert "renewal.at_risk" not in applied_rules(answer), answer.text


@pytest.mark.parametrize("message", [
    "acme asked for a competitor comparison because they're thinking of switching. DQ?",
    "kestrel is comparing us against two competitors before the renewal. seats?",
])
def test_rivals_weighed_still_put_it_at_risk(chat, message):
    answer = chat().ask(message)
    assert "renewal.at_risk" in applied_rules(answer) | asked_codes(answer), answer.text
