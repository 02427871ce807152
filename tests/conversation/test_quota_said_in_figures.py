"""Our quota said in figures and in other Englishes is read as our quota ("I'm at 58% of my Q1 number",
"QTD I'm still 80k short", Nigerian Pidgin "my oga wan make e enter this quarter", British "the gaffer");
"unsatisfied" is a customer unhappy with us. Said to be no reason ("I hit plan already", "what if my
number had nothing to do with it?"), or "mad for" (keen, in Irish and British English), they bring in
no blocker. All in meaning.yaml (cues, calm words, shorthand); the phrasings are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message, code", [
    ("only at 58% of my Q1 number so far, is Juniper ready for Governance?", "timing.quota_driven"),
    ("QTD I'm still 80k short. would Acme DQ be a good pitch?", "timing.quota_driven"),
    ("I'm 150k short, does a Kestrel seats pitch make sense?", "timing.quota_driven"),
    ("my oga wan make I close am this quarter. Orchid governance fit go?", "timing.quota_driven"),
    ("the gaffer wants it booked this quarter, is Kestrel good for more seats?", "timing.quota_driven"),
    ("Delta is quite unsatisfied with support lately, MA still an option?", "health.dissatisfied"),
])
def test_stated_in_figures_or_other_englishes(chat, message, code):
    answer = chat().ask(message)
    assert code in applied_rules(answer) | asked_codes(answer), (answer.applied, answer.ask_back)


@pytest.mark.parametrize("message, code", [
    ("no pressure, I hit plan already - is Acme ready for Data Quality?", "timing.quota_driven"),
    ("not in any rush here, would more Studio seats suit Kestrel?", "timing.quota_driven"),
    ("the analysts at Kestrel are mad for the dashboards, more Studio seats?", "health.dissatisfied"),
])
def test_said_to_be_no_reason(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer) | asked_codes(answer), (answer.applied, answer.ask_back)


def test_a_quarter_supposed_away_is_not_applied_again(chat):
    conversation = chat()
    first = conversation.ask("acme dq, I need it for my number this quarter. ok?")
    assert "timing.quota_driven" in applied_rules(first)
    then = conversation.ask("and what if my number had nothing to do with it?")
    assert "timing.quota_driven" not in applied_rules(then), then.applied
