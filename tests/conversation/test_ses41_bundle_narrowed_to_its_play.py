"""A bundle taken apart and the play narrowed to its own product ("ok, split them. just DQ then" after a draft of
DQ with MA as one bundle): the same question again without the bundle, the draft of DQ, not a new check.
A product named after a draft with nothing taken back ("MA then") still asks for that play's verdict.
This file's own wordings."""

from __future__ import annotations

import pytest


def _codes(answer):
    return {a.rule or a.id for a in answer.applied}


@pytest.mark.parametrize("narrowed", ["ok, split them. just DQ then", "fine, unbundle it. DQ then"])
def test_a_bundle_split_to_its_play_after_a_draft_is_the_draft_again(chat, narrowed):
    conversation = chat()
    first = conversation.ask("DQ + MA for Acme in one package at a discount?")
    assert "bundle.separate" in _codes(first)
    conversation.ask("write it up")
    answer = conversation.ask(narrowed)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("draft", "Acme Corp", "Data Quality")
    assert "bundle.separate" not in _codes(answer)


def test_another_product_after_a_draft_is_still_its_check(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to acme?")
    conversation.ask("draft it")
    answer = conversation.ask("MA then")
    assert (answer.intent, answer.entities["product"]) == ("check_play", "Marketing Automation")
