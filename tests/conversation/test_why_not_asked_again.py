"""What blocks a play, asked in full ("what's holding up DQ at Harbor?"), then only another account ("and
Mariner?"): what blocks it there, the question asked again; after a bare "why not?" that followed a check,
the other account's play is checked (follow_ups.py `_followup_intent`). This file's own wordings."""

from __future__ import annotations


def test_a_why_not_asked_in_full_is_asked_again_at_another_account(chat):
    conversation = chat()
    first = conversation.ask("what's holding up DQ over at Harbor")
    assert first.intent == "why_not"
    answer = conversation.ask("ok and Mariner?")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Mariner Shipping", "Data Quality")


def test_a_bare_why_not_after_a_check_checks_the_other_account(chat):
    conversation = chat()
    conversation.ask("DQ over at Harbor, go?")
    assert conversation.ask("y not").intent == "why_not"
    answer = conversation.ask("ok and Mariner?")
    assert (answer.intent, answer.entities["account"]) == ("check_play", "Mariner Shipping")
