"""A blocker's words said only to be set aside are no blocker: our quarter named and then said not to be
the reason ("this isn't about my number"), a close date next year with "no rush at all", a play that fell
off the forecast (which asks why, not presses), the quarter as time to spend ("the best way to spend my
quarter?"), an idea of tying it to the renewal dropped ("ditched the
idea, separate deal") or refused ("I could tie it to the renewal but I won't"); the AM's own idea dropped is not the customer dropping us at renewal. Our number said
to be fine ("my number is fine btw") or our quarter to have gone well ("my quarter's been strong") is no
reason either, nor the customer's own closing of its quarter ("their finance team closes the quarter with
spreadsheets"); another vendor replaced by us ("they replaced
Hubspot with us") is no renewal risk. The quarter's
end said to be far off ("quarter end is nowhere near") is no deadline of ours; our number far from made
("nowhere near my number") is our quota, its negation part of the phrase. Texting shorthand for our number
("need it 4 my #") is our quota. The words are in meaning.yaml (calm words,
`none` words, shorthand); this file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message, code", [
    ("early stage w/ Acme on DQ, realistic close is Q1 next year, honestly no rush at all. worth a pitch?",
     "timing.quota_driven"),
    ("yes my quarter ends in 8 weeks, but this isn't about my number: Acme's data team is drowning in "
     "duplicate records. pitch DQ?", "timing.quota_driven"),
    ("Juniper Governance fell off my forecast after your last check, what's holding it?", "timing.quota_driven"),
    ("is Acme DQ really the best way to spend my quarter? pitch it?", "timing.quota_driven"),
    ("quarter end is nowhere near, acme dq?", "timing.quota_driven"),
    ("Acme: Priya asked about DQ herself, the board wants cleaner data by spring. my number is fine btw. pitch?",
     "timing.quota_driven"),
    ("good on quota this quarter, acme dq for their spring cleanup?", "timing.quota_driven"),
    ("delta ma. they replaced Hubspot with us last year and love it. ok?", "renewal.at_risk"),
    ("I could tie Acme DQ to the renewal but I won't. good to pitch?", "renewal.coupled"),
    ("acme dq - my quarter's been strong, this one is purely for their audit", "timing.quota_driven"),
    ("Acme's finance team closes the quarter with spreadsheets, DQ would help them. ok?", "timing.quota_driven"),
    ("the end of the quarter is miles away, no stress. would Juniper governance make sense?", "timing.quota_driven"),
    ("was going to fold DQ into Acme's renewal, ditched the idea, separate deal. still pitch DQ?", "renewal.coupled"),
    ("was going to fold DQ into Acme's renewal, ditched the idea, separate deal. still pitch DQ?", "renewal.at_risk"),
])
def test_set_aside_is_no_blocker(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer) | asked_codes(answer), (answer.applied, answer.ask_back)


@pytest.mark.parametrize("message, code", [
    ("need acme dq signed, its 4 my #", "timing.quota_driven"),
    ("juniper governance pls, my # is looking grim", "timing.quota_driven"),
    ("my forecast is light, I need Juniper Governance in it. ok?", "timing.quota_driven"),
    ("Acme DQ: I'm nowhere near my number this qtr. worth it?", "timing.quota_driven"),
    ("not even close to quota yet and it's november, delta MA?", "timing.quota_driven"),
    ("they could drop Governance at the Juniper renewal. more capacity anyway?", "renewal.at_risk"),
    ("delta ma. they might replace us with Hubspot at renewal. ok?", "renewal.at_risk"),
    ("I'll tie Acme DQ to the renewal, good to pitch?", "renewal.coupled"),
    ("I need to close the quarter with a win, acme dq?", "timing.quota_driven"),
])
def test_stated_is_still_read(chat, message, code):
    answer = chat().ask(message)
    assert code in applied_rules(answer), (answer.applied, answer.ask_back)


def test_a_yes_after_the_number_keeps_it(chat):
    conversation = chat()
    first = conversation.ask("can u send the acme dq draft by fri pls, need it 4 my #")
    assert "timing.quota_driven" in applied_rules(first)
    then = conversation.ask("y")
    assert "timing.quota_driven" in applied_rules(then), then.applied
