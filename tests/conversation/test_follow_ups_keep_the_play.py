"""A follow-up that names nothing of its own keeps the play in focus: a month ("and in January?": session
words `calendar`; short_follow_ups.py `only_when`) or an idiom of "at" ("is it worth it at all", "at the moment": intents.yaml
`stop`) names no account to ask about, and a change named at an account owning
two products asks which product, not a framework question (chat.py `_reread`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("asked", ["is it worth it at all", "should I bother at all?", "worth pushing at the moment?"])
def test_an_idiom_of_at_is_the_play_in_focus(chat, asked):
    conversation = chat()
    conversation.ask("should I pitch Governance to Juniper?")
    answer = conversation.ask(asked)
    assert answer.ask_back is None, answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Juniper Clinics", "Governance Suite")


def test_an_idiom_of_at_alone_asks_which_play(chat):
    answer = chat().ask("is it worth it at all")
    assert answer.ask_back is not None and answer.ask_back.kind == "play"


def test_a_named_account_stays_beside_the_idiom(chat):
    answer = chat().ask("worth pushing DQ at Acme at the moment?")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Acme Corp", "Data Quality")


@pytest.mark.parametrize("asked", ["what about a longer term?", "how about a bigger tier"])
def test_a_change_at_an_account_owning_two_products_asks_which(chat, asked):
    conversation = chat()
    conversation.ask("should I pitch Governance to Kestrel?")  # Kestrel owns Data Platform and Insights Studio
    answer = conversation.ask(asked)
    assert answer.intent == "check_play" and answer.entities["account"] == "Kestrel Outdoor"
    assert answer.ask_back is not None and answer.ask_back.kind == "product"
    assert set(answer.ask_back.candidates) == {"Data Platform", "Insights Studio"}


@pytest.mark.parametrize("asked", ["and in January?", "what about January?", "and in the new year?"])
def test_a_month_alone_is_a_when_of_the_play_in_focus(chat, asked):
    conversation = chat()
    conversation.ask("acme more capacity?")
    answer = conversation.ask(asked)
    assert answer.ask_back is None or answer.ask_back.kind == "blocker", answer.ask_back
    assert (answer.intent, answer.entities["account"], answer.entities["product"], answer.entities["change"]) == \
        ("check_play", "Acme Corp", "Data Platform", "more_capacity")


def test_a_month_alone_with_nothing_in_focus_is_no_play(chat):
    answer = chat().ask("and in January?")
    assert answer.entities.get("account") is None
