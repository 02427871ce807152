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


@pytest.mark.parametrize("why", [
    "how come that's an issue?",
    "why is this no good",
    "Why is a bad idea?",
])
def test_a_why_about_what_is_wrong_asks_what_blocks_it(chat, why):
    conversation = chat()
    first = conversation.ask("kestrel seats? heads up Lucia is seething about the dashboards being down")
    assert "health.dissatisfied" in _codes(first)
    answer = conversation.ask(why)
    assert (answer.intent, answer.entities["account"]) == ("why_not", "Kestrel Outdoor")


@pytest.mark.parametrize("question", [
    "should Governance go to orchid or to lumen?",
    "would the MA pitch go to evergreen or to mariner first",
])
def test_two_accounts_where_it_should_go_is_a_check_asked_back(chat, question):
    answer = chat().ask(question)
    assert answer.intent == "check_play"
    assert answer.ask_back is not None and answer.ask_back.kind == "account"


@pytest.mark.parametrize("question", ["who at orchid or lumen signs for governance?",
                                      "who do I take governance to, orchid or lumen?"])
def test_two_accounts_asked_whom_still_asks_whom(chat, question):
    answer = chat().ask(question)
    assert answer.intent == "who_sponsor"
    assert answer.ask_back is not None and answer.ask_back.kind == "account"


def test_a_choice_of_two_people_still_asks_whom(chat):
    answer = chat().ask("should I go to Lucia or to Ben for more seats at Kestrel?")
    assert answer.intent == "who_sponsor"


@pytest.mark.parametrize("back", ["ok go back to the second", "back to #2 then", "hmm back to number 2"])
def test_a_place_gone_back_to_picks_from_the_list(chat, back):
    conversation = chat()
    listed = conversation.ask("kestrel - what's sellable there?")
    assert listed.intent == "list_plays"
    conversation.ask("the first one")
    answer = conversation.ask(back)
    second = listed.plays[1]
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Kestrel Outdoor", second["product"])


@pytest.mark.parametrize("other", ["what about nimbus analytics", "how about Nimbus Analytics then?"])
def test_an_account_named_whole_describes_no_product(chat, other):
    conversation = chat()
    conversation.ask("Governance for Lumen, yes or no?")
    answer = conversation.ask(other)
    assert (answer.entities["account"], answer.entities["product"]) == ("Nimbus Analytics", "Governance Suite")


@pytest.mark.parametrize("opening, person, instead", [
    ("draft the DQ note for Acme", "another one for Priya", "now what if I sent it to their CFO instead?"),
    ("write up governance for orchid pls", "and one for Helen", "hmm or I take it to their CFO?"),
])
def test_a_title_pitched_after_an_executive_carried_is_asked_about(chat, opening, person, instead):
    conversation = chat()
    conversation.ask(opening)
    conversation.ask(person)
    answer = conversation.ask(instead)
    assert answer.intent == "check_play"
    assert answer.ask_back is not None and "stakeholder.no_view" in answer.ask_back.codes


@pytest.mark.parametrize("dropped", [
    "ok forget my number. just their autumn campaign",
    "forget my quota. it's their autumn campaign, that's all",
])
def test_a_fact_dismissed_then_a_remark_keeps_the_play(chat, dropped):
    conversation = chat()
    conversation.ask("Lucia: could we get more seats before our autumn campaign starts?")
    conversation.ask("kestrel seats?")
    told = conversation.ask("also helps my number this quarter, honestly")
    assert "timing.quota_driven" in _codes(told)
    answer = conversation.ask(dropped)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Kestrel Outdoor", "Insights Studio")
    assert "timing.quota_driven" not in _codes(answer)


@pytest.mark.parametrize("how", ["how do I get there", "ok so how do we get to a yes?", "and how would I get there from here"])
def test_how_to_get_there_asks_what_blocks_the_play_in_focus(chat, how):
    conversation = chat()
    conversation.ask("orchid governance - they've escalated twice this month, can I still pitch?")
    answer = conversation.ask(how)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("why_not", "Orchid Pharma", "Governance Suite")


@pytest.mark.parametrize("question, account, change", [
    ("governance for lumen? orchid sorry", "Orchid Pharma", None),
    ("can I pitch more capacity to ironwood?? volume i meant", "Ironwood Telecom", "more_volume"),
])
def test_a_correction_closing_the_message_replaces_what_it_names(chat, question, account, change):
    answer = chat().ask(question)
    assert answer.intent == "check_play" and answer.entities["account"] == account
    if change:
        assert answer.entities["change"] == change


def test_a_closing_sorry_that_names_nothing_corrects_nothing(chat):
    answer = chat().ask("should I pitch DQ to Acme? long week, sorry")
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Acme Corp", "Data Quality")


@pytest.mark.parametrize("asked", ["whose desk does this land on", "so whose plate would this sit on"])
def test_a_word_for_the_play_keeps_a_nameless_question_on_it(chat, asked):
    conversation = chat()
    conversation.ask("mariner capacity - go or no go?")
    answer = conversation.ask(asked)
    assert (answer.intent, answer.entities["account"]) == ("who_sponsor", "Mariner Shipping")


def test_a_question_elsewhere_naming_no_play_word_stays_off_topic(chat):
    conversation = chat()
    conversation.ask("mariner capacity - go or no go?")
    answer = conversation.ask("who do I even talk to about that laptop thing")
    assert answer.intent == "off_topic"


@pytest.mark.parametrize("then, product", [("studio then", "Insights Studio"), ("ok they don't have MA. DQ then", "Data Quality")])
def test_a_play_that_cannot_be_checked_leaves_its_account_in_focus(chat, then, product):
    conversation = chat()
    first = conversation.ask("harbor: more MA seats?")
    assert first.verdict is None and first.ask_back is None
    answer = conversation.ask(then)
    assert (answer.intent, answer.entities["account"], answer.entities["product"]) == \
        ("check_play", "Harbor Insurance", product)


def test_a_person_after_chat_shorthand_for_with_leads_to_their_account(chat):
    answer = chat().ask("had coffee w/ pia yesterday, she wants more capacity. go?")
    assert (answer.entities["account"], answer.entities["person"]) == ("Mariner Shipping", "Pia Jensen")


def test_a_fact_dismissed_then_a_change_narrows_the_play(chat):
    conversation = chat()
    conversation.ask("kestrel - MA plus 20 extra studio seats as one package, 15% off?")
    answer = conversation.ask("forget the package, only the seats then")
    assert (answer.entities["product"], answer.entities["change"]) == ("Insights Studio", "more_seats")


@pytest.mark.parametrize("reply", ["the one chloe works at", "chloe's one"])
def test_a_reply_naming_someone_at_one_candidate_picks_that_account(chat, reply):
    conversation = chat()
    asked = conversation.ask("can I take governance to nimbus?")
    assert asked.ask_back is not None and asked.ask_back.kind == "account"
    answer = conversation.ask(reply)
    assert (answer.entities["account"], answer.entities["product"]) == ("Nimbus Software", "Governance Suite")


@pytest.mark.parametrize("message, person", [
    ("orchid governance, through Raj? or Helen... no, Raj, he owns the rollout. ok?", "Raj Mehta"),
    ("pitch studio seats at kestrel via lucia? or ben. nah lucia. thoughts?", "Lucia Romero"),
])
def test_a_choice_of_people_settled_in_the_message_is_a_check(chat, message, person):
    answer = chat().ask(message)
    assert (answer.intent, answer.entities["person"]) == ("check_play", person)


def test_facts_told_of_each_settle_no_choice(chat):
    answer = chat().ask("Tom or Priya for DQ at Acme? Tom knows the tool. Priya has budget. thoughts?")
    assert answer.intent == "who_sponsor"
