"""A blocker the coach asked about and the AM left unanswered is asked again on a check of another play at the
same account and on a list of its plays ("they'd likely not re-sign. studio?" ... "ok and more capacity?"):
those verdicts hang on it too; not at another account, and not a person's (an executive's view). A check of
the same play that adds a fact of its own ("and if I tie MA to a renewal discount to save it?") still shows
what was said of the account before. This file's own wordings."""

from __future__ import annotations

from assistant.conversation.evaluation import applied_rules, asked_codes


def test_an_open_question_is_asked_again_on_another_play_and_the_list(chat):
    conversation = chat()
    first = conversation.ask("Harbor's CFO told me they'd likely not re-sign. studio?")
    assert "renewal.at_risk" in asked_codes(first), first.text
    other = conversation.ask("ok and more capacity?")
    assert other.intent == "check_play" and "renewal.at_risk" in asked_codes(other), other.text
    listed = conversation.ask("what can I sell there overall?")
    assert listed.intent == "list_plays" and "renewal.at_risk" in asked_codes(listed), listed.text


def test_not_at_another_account(chat):
    conversation = chat()
    conversation.ask("Harbor's CFO told me they'd likely not re-sign. studio?")
    answer = conversation.ask("ok, Fjord governance then?")
    assert "renewal.at_risk" not in asked_codes(answer) | applied_rules(answer), answer.text


def test_a_fact_added_on_the_same_play_keeps_the_earlier_one(chat):
    conversation = chat()
    conversation.ask("Delta might walk at renewal. MA?")
    answer = conversation.ask("hmm, and if I tie MA to a renewal discount to save it?")
    assert {"renewal.at_risk", "renewal.coupled"} <= applied_rules(answer), answer.text
    assert any(a.rule == "renewal.at_risk" and a.how == "earlier" for a in answer.applied), answer.text


def test_a_fact_taken_back_while_adding_one_is_not_shown(chat):
    conversation = chat()
    conversation.ask("acme DQ? they're furious about the outage")
    answer = conversation.ask("actually they're happy again now, but I need it before my quarter closes. DQ?")
    assert "health.dissatisfied" not in applied_rules(answer), answer.text
    assert "timing.quota_driven" in applied_rules(answer), answer.text
