"""A fact of the play taken back later in the session: after a question whose answer hangs on the verdict
("who'd sign for it?", "why not?") the play is checked again without it (follow_ups.py `ON_THE_VERDICT`),
after a draft the draft is written again; and a take-back typed with a contraction ("my quarter's fine",
"the renewal's separate") is read as its words in full (cues.py `_joined`). This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.cues import Said, group


def _codes(answer):
    return {a.rule or a.id for a in answer.applied}


@pytest.mark.parametrize("taken_back", [
    "update - they're happy again, the sync bug got fixed",
    "scrap that, they're not unhappy anymore",
])
def test_a_take_back_after_who_signs_checks_the_play_again(chat, taken_back):
    conversation = chat()
    first = conversation.ask("Mariner is livid after the last outage. more capacity there?")
    assert "health.dissatisfied" in _codes(first)
    sponsor = conversation.ask("ok who would sign off on it")
    assert sponsor.intent == "who_sponsor"
    answer = conversation.ask(taken_back)
    assert (answer.intent, answer.entities["account"], answer.entities["change"]) == \
        ("check_play", "Mariner Shipping", "more_capacity")
    assert "health.dissatisfied" not in _codes(answer)


def test_a_take_back_after_a_draft_drafts_again(chat):
    conversation = chat()
    conversation.ask("Mariner is livid after the last outage. more capacity there?")
    conversation.ask("draft it for Pia anyway")
    answer = conversation.ask("scrap that, they're not unhappy anymore")
    assert (answer.intent, answer.entities["account"]) == ("draft", "Mariner Shipping")
    assert "health.dissatisfied" not in _codes(answer)


@pytest.mark.parametrize("taken_back", [
    "actually my quarter's fine, no rush",
    "nah ignore that, quarter's fine",
])
def test_a_contracted_take_back_of_the_quarter(chat, taken_back):
    conversation = chat()
    first = conversation.ask("gotta get Harbor DQ signed before my Q closes")
    assert "timing.quota_driven" in _codes(first)
    answer = conversation.ask(taken_back)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Harbor Insurance", "Data Quality")
    assert "timing.quota_driven" not in _codes(answer)


def test_is_after_a_word_is_also_its_contraction():
    words = group(["renewal is separate", "it is"])
    assert words.first(Said.of("ok the renewal's separate anyway")) == 2
    assert words.first(Said.of("the renewal is separate")) == 1
    assert words.first(Said.of("the renewals separate")) is None
    assert words.positions(Said.of("fine, it's done")) == range(1, 2)


@pytest.mark.parametrize("taken_back", ["hmm what if I split them?", "ok let's split it up then"])
def test_a_bundle_split_is_taken_back(chat, taken_back):
    conversation = chat()
    first = conversation.ask("thinking of Governance + extra DQ capacity for Orchid as one package deal")
    assert "bundle.separate" in _codes(first)
    answer = conversation.ask(taken_back)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Orchid Pharma", "Governance Suite")
    assert "bundle.separate" not in _codes(answer) and "bundle.separate" not in answer.verdict.codes
