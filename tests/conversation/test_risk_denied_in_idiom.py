"""The renewal's risk denied in idiom ("the renewal is far from at risk") is calm; going with another round of
something is no other vendor, while going with another platform at the contract's end is the renewal at risk.
This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message", [
    "Kestrel's renewal is far from at risk, they love us. seats?",
    "acme renewal? anything but at risk, Dana just extended the pilot. DQ?",
    "Kestrel said they'd go with another round of training before adding seats. ok to pitch seats?",
])
def test_no_risk_is_read(chat, message):
    answer = chat().ask(message)
    assert "renewal.at_risk" not in applied_rules(answer) | asked_codes(answer), answer.text


def test_another_platform_at_contract_end_is_the_renewal_at_risk(chat):
    answer = chat().ask("Acme said they'll probably go with another vendor when the contract ends. DQ?")
    assert "renewal.at_risk" in applied_rules(answer) | asked_codes(answer), answer.text
