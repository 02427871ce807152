""""Her" and "him" in a follow-up: the person last named, or nobody in particular, never a name to ask
about, and never a product (chat.py, after `by_person`). This file's own wordings."""

from __future__ import annotations


def test_him_with_no_one_named_drafts_the_play_in_focus(chat):
    conversation = chat()
    conversation.ask("Governance for Acme?")
    sponsor = conversation.ask("who should sponsor it?")
    assert sponsor.verdict.sponsor is None  # no sponsor on record: nobody for "him" to be
    for asked in ("draft it for him", "draft a note to her"):
        answer = conversation.ask(asked)
        assert answer.ask_back is None, asked
        assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
            ("draft", "Acme Corp", "Governance Suite"), asked


def test_her_is_the_person_named_not_a_product_her_name_resembles(chat):
    conversation = chat()
    first = conversation.ask("should I pitch Governance to Nimbus Software through Chloe?")
    assert first.entities["person"] == "Chloe Martin"
    answer = conversation.ask("draft it for her")
    assert (answer.intent, answer.entities["account"], answer.entities["product"], answer.entities["person"]) == \
        ("draft", "Nimbus Software", "Governance Suite", "Chloe Martin")


def test_her_after_a_sponsor_is_still_the_sponsor(chat):
    conversation = chat()
    conversation.ask("DQ for Acme?")
    conversation.ask("who should sponsor it?")
    answer = conversation.ask("draft it for her")
    assert (answer.entities["product"], answer.entities["person"]) == ("Data Quality", "Priya Natarajan")

