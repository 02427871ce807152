"""The account in focus said again in a follow-up (by name, or "their") is the same play: it keeps the
play's change as it keeps its product, and a follow-up naming someone else to take it to asks about that
play, not the last question again (follow_ups.py `_play`, `_followup_intent`)."""

from __future__ import annotations


def test_the_account_in_focus_named_again_keeps_the_change(chat):
    conversation = chat()
    conversation.ask("Fjord - 3 year term?")
    answer = conversation.ask("should I take it to Fjord's CFO")
    assert (answer.entities["product"], answer.entities["change"]) == ("Data Platform", "longer_term")
    assert conversation.ask("why").entities["change"] == "longer_term"


def test_their_new_executive_after_the_sponsor_is_a_check_of_the_play(chat):
    conversation = chat()
    conversation.ask("harbor tier upgrade?")
    assert conversation.ask("who signs for that").intent == "who_sponsor"
    answer = conversation.ask("what if I went to their CEO instead")
    assert (answer.intent, answer.entities["account"], answer.entities["change"]) == \
        ("check_play", "Harbor Insurance", "higher_tier")


def test_another_account_still_asks_the_last_question_there(chat):
    conversation = chat()
    conversation.ask("harbor tier upgrade?")
    conversation.ask("who signs for that")
    answer = conversation.ask("and for Mariner?")
    assert (answer.intent, answer.entities["account"]) == ("who_sponsor", "Mariner Shipping")


def test_whether_to_write_the_words_after_a_verdict_is_a_draft(chat):
    for asked, intent in (("shall we draft it", "draft"), ("can we write it now", "draft"),
                          ("could we draft it together", "draft"), ("can we pitch it now?", "check_play")):
        conversation = chat()
        conversation.ask("Would Marketing Automation make sense for Delta Retail?")
        answer = conversation.ask(asked)
        assert (answer.intent, answer.entities["product"]) == (intent, "Marketing Automation"), asked
