"""Multi-turn readings of the fortieth session round (ses40): a fact dropped by naming it ("scratch the
quota bit", "ok forget my quarter thing"), also after a reaction word and before a question of its own.
This file's own wordings."""

from __future__ import annotations

import pytest


def _codes(answer):
    return {a.rule or a.id for a in answer.applied}


@pytest.mark.parametrize("dropped", [
    "scratch the quota bit",
    "ok forget the quarter-end part",
    "k, drop the quota thing",
    "fine. scratch my number, is it a go then?",
])
def test_a_fact_dropped_by_name_leaves_the_play(chat, dropped):
    conversation = chat()
    first = conversation.ask("harbor studio - need it inked before my quota period ends")
    assert "timing.quota_driven" in _codes(first)
    answer = conversation.ask(dropped)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Harbor Insurance", "Insights Studio")
    assert "timing.quota_driven" not in _codes(answer)


def test_a_fact_dropped_after_a_reaction_then_a_question(chat):
    conversation = chat()
    conversation.ask("orchid governance, want it signed b4 my Q closes")
    conversation.ask("who'd sign for it")
    answer = conversation.ask("alright forget my quota. governance at orchid then?")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Orchid Pharma", "Governance Suite")
    assert "timing.quota_driven" not in _codes(answer)


def test_the_other_facts_stay_when_one_is_dropped(chat):
    conversation = chat()
    first = conversation.ask("mariner capacity: they're livid about the sync outage and I need it before my Q closes")
    assert {"timing.quota_driven", "health.dissatisfied"} <= _codes(first)
    answer = conversation.ask("ok scratch the quarter bit")
    assert "timing.quota_driven" not in _codes(answer)
    assert "health.dissatisfied" in _codes(answer)
