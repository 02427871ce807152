"""A correction naming another person of the account after a draft ("no wait, for Priya", "actually, make it
for Priya") asks the last question again for them: the draft, not a check whose product is the correction's
own words (chat.py: what follows a correction's opening is read). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("corrected", ["no wait, for Priya", "sorry, make it for Priya, she owns the budget"])
def test_a_correction_after_a_draft_drafts_for_the_person_meant(chat, corrected):
    conversation = chat()
    conversation.ask("acme more capacity - ok?")
    assert conversation.ask("draft it for Tom").intent == "draft"
    answer = conversation.ask(corrected)
    assert (answer.intent, answer.entities["account"], answer.entities.get("person")) == \
        ("draft", "Acme Corp", "Priya Natarajan")


def test_a_correction_naming_another_account_asks_the_last_question_there(chat):
    conversation = chat()
    conversation.ask("who should sponsor DQ at Acme?")
    answer = conversation.ask("sorry, and for Kestrel?")
    assert (answer.intent, answer.entities["account"]) == ("who_sponsor", "Kestrel Outdoor")
