"""A product or change named only in the customer's words pasted into a follow-up is what the customer
said, not the play asked about: the play in focus stays, unless the AM's own words name another
(follow_ups.py `quoted_names_aside`; README "coach ask and coach chat")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("reply", [
    'Sam emailed back: "Interesting, but we just renewed the platform and our dashboards team is swamped." thoughts?',
    "fwd from Sam: 'honestly automation is the one thing we already love, the rest can wait'. still a go?",
    'Sam said on a call: "we might want governance stuff next year". ok to push?',
])
def test_a_product_in_the_customers_words_keeps_the_play_in_focus(chat, reply):
    conversation = chat()
    conversation.ask("should I pitch Insights Studio to Delta?")
    answer = conversation.ask(reply)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Delta Retail", "Insights Studio")
    assert conversation.ask("draft it").entities["product"] == "Insights Studio"


def test_the_ams_own_words_name_the_play_beside_the_customers(chat):
    conversation = chat()
    conversation.ask("is Governance a fit for Ironwood?")
    answer = conversation.ask('Nadia wrote: "automation is higher on our list this year". should I go with DQ then?')
    assert answer.entities["product"] == "Data Quality"


def test_with_no_play_in_focus_the_customers_words_name_it(chat):
    answer = chat().ask('Dana at Acme emailed: "could you send us something on Data Quality?" should I pitch it?')
    assert (answer.entities["account"], answer.entities["product"]) == ("Acme Corp", "Data Quality")


def test_a_quotation_opened_by_one_of_their_people_and_a_colon_is_their_words(chat):
    conversation = chat()
    conversation.ask("Kestrel Studio seats - go?")
    answer = conversation.ask('Lucia: "we could also use more room on the platform tbh". seats first?')
    assert (answer.entities["product"], answer.entities["change"]) == ("Insights Studio", "more_seats")


def test_their_quarter_in_their_own_words_after_their_name_is_not_ours(chat):
    conversation = chat()
    conversation.ask("more capacity at Delta?")
    answer = conversation.ask('Sam: "our quarter closes on the 31st and we need the extra capacity live before then". ok to go?')
    assert answer.ask_back is None and not answer.applied
