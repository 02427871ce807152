"""Going back to an account after the plays of another were listed ("moving on to Delta: what can I sell?" ...
"back to Juniper: Governance there?"): the question after the switch is about the account gone back to,
not a pick among the plays listed at the one left (going_back.py). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("switch", [
    "ok, back to Juniper: Governance there?",
    "back to juniper - what about Governance",
    "right, back to Juniper. DQ?",
])
def test_a_product_after_going_back_is_at_the_account_gone_back_to(chat, switch):
    conversation = chat()
    conversation.ask("juniper more capacity, they've been complaining about slow dashboards")
    listed = conversation.ask("moving on to Delta: what can I sell there?")
    assert (listed.intent, listed.entities["account"]) == ("list_plays", "Delta Retail")
    answer = conversation.ask(switch)
    assert answer.entities["account"] == "Juniper Clinics"
    assert answer.entities["product"] in ("Governance Suite", "Data Quality")
