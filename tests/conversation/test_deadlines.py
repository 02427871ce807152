"""Deadlines in the AM's words read to a date (deadlines.py), and quota-driven timing inside the
vendor's quota window: applied from a deadline on or before the quarter end with no customer
reason, not applied outside the window, nor for the customer's own deadline, nor after the quarter."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.conversation.cues import Said
from assistant.conversation.deadlines import deadline_reader, in_quota_window
from assistant.conversation.meaning_spec import load_meaning_spec

IN_WINDOW = dt.date(2026, 12, 15)  # a Tuesday, 16 days before the demo vendor's quarter end
QUARTER_END = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def reader():
    return deadline_reader(load_meaning_spec(PROJECT_ROOT / "prompts"))


@pytest.mark.parametrize("clause, date, phrase", [
    ("I need to get this done by the 31st", dt.date(2026, 12, 31), "by the 31st"),
    ("close it before month end", dt.date(2026, 12, 31), "before month end"),
    ("get it signed this week", dt.date(2026, 12, 20), "this week"),
    ("could they sign by Friday", dt.date(2026, 12, 18), "by friday"),
    ("send the proposal in the next two weeks", dt.date(2026, 12, 29), "in the next two weeks"),
    ("signed before Christmas", dt.date(2026, 12, 25), "before christmas"),
    ("land it by December 18th", dt.date(2026, 12, 18), "by december 18th"),
    ("by the 20th of january", dt.date(2027, 1, 20), "by the 20th of january"),
    ("ok to push it before mid January", dt.date(2027, 1, 15), "before mid january"),
    ("signed by end of January", dt.date(2027, 1, 31), "by end of january"),
    ("before the books close", QUARTER_END, "before the books close"),
    ("wrap it up before eoq", QUARTER_END, "before eoq"),
])
def test_a_deadline_is_read_to_its_date(reader, clause, date, phrase):
    found = reader.find(Said.of(clause), IN_WINDOW, QUARTER_END)
    assert found is not None and (found.date, found.phrase) == (date, phrase)


@pytest.mark.parametrize("clause, date, phrase", [
    # dates typed in numbers: month first, a year maybe, ISO; read from the clause as typed
    ("get it signed by 12/31", QUARTER_END, "by 12/31"),
    ("close it 12/20", dt.date(2026, 12, 20), "12/20"),  # a clause that closes something: no "by" needed
    ("signed by 12/22/2026", dt.date(2026, 12, 22), "by 12/22/2026"),
    ("book it before 2026-12-30", dt.date(2026, 12, 30), "before 2026-12-30"),
    ("sign it by 31/12", QUARTER_END, "by 31/12"),  # no 31st month: the day first
    ("Kestrel seats by 2/15", dt.date(2027, 2, 15), "by 2/15"),  # the next February 15
    # a day before its month, a date said in full in a clause that closes something
    ("signed by 31 December", QUARTER_END, "by 31 december"),
    ("aiming to close Dec 31st", QUARTER_END, "dec 31st"),
    # a day of the week moved by weeks
    ("get the signature next Tuesday", dt.date(2026, 12, 22), "next tuesday"),
    ("by next Tuesday", dt.date(2026, 12, 22), "by next tuesday"),
    ("close this Friday", dt.date(2026, 12, 18), "this friday"),
    # this month's end said in it, shorthand, the quarter's last day
    ("close it by the end of december", QUARTER_END, "by the end of december"),
    ("want it closed by EOM", QUARTER_END, "by eom"),
    ("signed by tmrw", IN_WINDOW, "by tmrw"),
    ("signed before NYE", QUARTER_END, "before nye"),
    ("close by the last day of the quarter", QUARTER_END, "by the last day of the quarter"),
    ("get it signed in 3 weeks", dt.date(2027, 1, 5), "in 3 weeks"),
    ("pitch it before the holidays", dt.date(2026, 12, 24), "before the holidays"),
])
def test_a_deadline_in_numbers_weekdays_or_shorthand_is_read_to_its_date(reader, clause, date, phrase):
    found = reader.find(Said.of(clause), IN_WINDOW, QUARTER_END, clause)
    assert found is not None and (found.date, found.phrase) == (date, phrase)


@pytest.mark.parametrize("clause", [
    "we have a call with Dana on Friday",  # "on" a day, with nothing closed or proposed by it
    "we met on 12/10",
    "the QBR is in January",
    "they run support 24/7",
    "usage grew in 2-3 weeks",
])
def test_a_date_with_nothing_done_by_it_is_no_deadline(reader, clause):
    assert reader.find_all(Said.of(clause), IN_WINDOW, QUARTER_END, clause) == []


@pytest.mark.parametrize("clause", [
    "we met them this week",  # a period with nothing done by it
    "they loved the Christmas party",  # a holiday without "before" or "by"
    "usage doubled",
])
def test_words_that_give_no_deadline(reader, clause):
    assert reader.find(Said.of(clause), IN_WINDOW, QUARTER_END) is None


def test_urgency_with_no_date_is_read_without_one(reader):
    found = reader.find(Said.of("can we do it asap"), IN_WINDOW, QUARTER_END)
    assert found is not None and found.date is None


def test_the_window_is_the_policy_parameter_before_the_quarter_end():
    assert in_quota_window(IN_WINDOW, QUARTER_END, 21)
    assert in_quota_window(dt.date(2026, 12, 11), QUARTER_END, 21)
    assert not in_quota_window(dt.date(2026, 12, 10), QUARTER_END, 21)  # 21 days out: the policy's `<`
    assert not in_quota_window(IN_WINDOW, QUARTER_END, 10)


# -- in a conversation -----------------------------------------------------------------------------
def _timing(answer) -> list:
    return [a for a in answer.applied if a.rule == "timing.quota_driven"]


@pytest.mark.slow
@pytest.mark.parametrize("question, phrase", [
    ("pitch DQ to Acme this week?", "this week"),
    ("Should I pitch more seats to Kestrel? I need to get this done by the 31st.", "by the 31st"),
    ("can we get Delta more capacity before month end?", "before month end"),
    ("could I get Juniper to sign Governance by Friday?", "by Friday"),
    ("draft the Delta capacity email, want it signed by the 31st", "by the 31st"),
    ("why is Kestrel seats a hold? I was hoping to close it this week", "this week"),
])
def test_a_deadline_inside_the_window_is_quota_driven_timing_quoting_the_words(chat, question, phrase):
    answer = chat(today=IN_WINDOW).ask(question)
    [applied] = _timing(answer)
    assert applied.phrase == phrase and applied.how == "window"
    assert f'"{phrase}"' in answer.text and "timing.quota_driven" in answer.text
    assert answer.verdict is not None and answer.verdict.verdict.value == "hold"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "pitch DQ to Acme this week?",  # outside the window: not a blocker on its own
    "could I get Juniper to sign Governance by Friday?",
])
def test_the_same_words_outside_the_window_are_no_blocker(chat, question):
    answer = chat(today=dt.date(2026, 11, 18)).ask(question)
    assert not _timing(answer) and answer.ask_back is None


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Sam wants the extra capacity live by the 20th for their campaign, ok to pitch?",  # the customer's deadline
    "Orchid needs Governance in place before their audit on Dec 20, pitch now?",
    "Kestrel seats by the end of February?",  # after the quarter end
    "we met Acme this week, should I pitch DQ?",  # nothing to be done by it
    "should I pitch DQ to Acme?",
])
def test_inside_the_window_other_dates_apply_nothing_from_the_words(chat, question):
    assert not _timing(chat(today=IN_WINDOW).ask(question))


@pytest.mark.slow
@pytest.mark.parametrize("question, phrase", [
    ("can I get Acme to sign DQ by 12/31?", "by 12/31"),
    ("Delta MA, aiming to close Dec 31st", "Dec 31st"),
    ("draft the Mariner capacity email, I want it signed this Friday", "this Friday"),
    ("need Nimbus Software to commit to Studio by the end of December", "by the end of December"),
])
def test_a_date_typed_in_numbers_or_a_weekday_inside_the_window_is_quota_driven(chat, question, phrase):
    [applied] = _timing(chat(today=IN_WINDOW).ask(question))
    assert applied.phrase == phrase and applied.how == "window"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "we have a call with Dana on Friday, should I pitch DQ to Acme?",  # a date, nothing done by it
    "Sam asked to have MA running by 12/20 for their January campaign, should I pitch it?",
    "Lucia wants the extra seats by next Tuesday for the new hires. ok to pitch Kestrel seats?",  # theirs
    "Ben really needs it signed by 12/18, should I pitch Kestrel seats?",
    "met Tom on 12/10 and he loved the DQ demo, should I pitch DQ to Acme?",
])
def test_a_date_the_customer_asks_for_or_with_nothing_done_by_it_applies_nothing(chat, question):
    answer = chat(today=IN_WINDOW).ask(question)
    assert not _timing(answer), answer.text


@pytest.mark.slow
def test_urgency_inside_the_window_is_asked_about(chat):
    answer = chat(today=IN_WINDOW).ask("pitch DQ to Acme asap?")
    assert answer.ask_back is not None and "timing.quota_driven" in answer.ask_back.codes
    assert not chat(today=dt.date(2026, 11, 18)).ask("pitch DQ to Acme asap?").ask_back


@pytest.mark.slow
def test_the_window_comes_from_the_rules_parameters(tmp_path, embedder):
    from assistant.coach import Coach
    from assistant.conversation import Conversation
    from tests.conversation.conftest import NoKnowledge, open_store

    rules = tmp_path / "rules"
    shutil.copytree(PROJECT_ROOT / "rules", rules)
    params = rules / "parameters.yaml"
    params.write_text(params.read_text().replace("quota_window_days: 21", "quota_window_days: 10"))
    settings = Settings(data_dir=tmp_path / "data", rules_dir=rules)
    coach = Coach(settings, store=open_store(settings))
    chat = Conversation(coach, None, "Jordan Blake", today=IN_WINDOW, knowledge=NoKnowledge(), embed=embedder)
    assert not _timing(chat.ask("pitch DQ to Acme this week?"))  # 16 days out: outside a 10-day window


@pytest.mark.slow
def test_the_customers_own_reason_inside_the_window_is_recorded_as_the_plays_trigger(chat):
    answer = chat(today=IN_WINDOW).ask("Orchid needs Governance in place before their audit, they want it live "
                                       "before the auditors arrive. Pitch it?")
    [told] = [a for a in answer.applied if a.id == "customer_timing"]
    assert told.rule is None and "timing.quota_driven" not in answer.verdict.codes, answer.text
    # (the same play without the reason is held by the date alone: the window)
    assert "timing.quota_driven" in chat(today=IN_WINDOW).ask("pitch Governance to Orchid?").verdict.codes


@pytest.mark.slow
@pytest.mark.parametrize("today", [dt.date(2026, 11, 18), IN_WINDOW])
def test_a_deadline_after_the_quarter_end_is_not_asked_about(chat, today):
    answer = chat(today=today).ask("can I pitch Governance to Lumen by end of January?")
    assert answer.ask_back is None and not _timing(answer), answer.text
    asked = chat(today=dt.date(2026, 11, 18)).ask("can I pitch Governance to Lumen by Christmas?")
    assert asked.ask_back is not None and "timing.quota_driven" in asked.ask_back.codes


# -- whose deadline: the subject of the clause, not any customer word in it ----------------------------
@pytest.mark.parametrize("clause", [
    "I want to get their signature by Friday",  # their signature: the object of what we want
    "want their signature before the 31st",
    "I'd like to get their PO by the 18th",
    "we need their PO by the 23rd",
    "let's get it over the line with them this week",
    "my manager wants their sign off this month",
])
def test_a_customer_word_after_what_we_do_is_the_object_of_our_deadline(reader, clause):
    assert not reader.theirs_in(Said.of(clause))


@pytest.mark.parametrize("clause", [
    "they need it live by January",
    "their budget freezes on the 20th",
    "their procurement closes on the 19th",
    "the customer wants it signed before the 31st",
    "needs it in place before their audit on the 22nd",  # the deadline is their own event
    "their fiscal year ends on the 31st",
])
def test_a_customer_subject_or_event_makes_the_deadline_theirs(reader, clause):
    assert reader.theirs_in(Said.of(clause))


@pytest.mark.slow
@pytest.mark.parametrize("question, phrase", [
    ("should I pitch DQ to Acme? I want to get Acme's signature by Friday", "by Friday"),
    ("DQ for Acme: I'd like to get their PO by the 18th", "by the 18th"),
    ("Acme DQ: let's get it over the line with them this week", "this week"),
    ("Acme DQ, getting Priya's signature before Christmas would be great", "before Christmas"),
])
def test_our_deadline_for_their_signature_inside_the_window_is_quota_driven(chat, question, phrase):
    [applied] = _timing(chat(today=IN_WINDOW).ask(question))
    assert applied.phrase == phrase and applied.how == "window"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "pitch Governance to Fjord? their budget freezes on the 20th",
    "Acme DQ, their fiscal year ends on the 31st and they want to use the budget",
    "pitch DQ to Acme? their change freeze starts on the 18th so I'd want it signed by then",
])
def test_the_customers_own_calendar_inside_the_window_is_their_trigger_and_asks_nothing(chat, question):
    answer = chat(today=IN_WINDOW).ask(question)
    assert not _timing(answer) and answer.ask_back is None, answer.text
    assert [a.id for a in answer.applied] == ["customer_timing"]


def test_a_possessive_that_owns_the_play_names_the_deal_not_the_customer():
    """"Delta's MA order", "their tier upgrade": the play's names end the words owned, the deadline is
    ours; "their DQ budget" owns something else, and an owner too far before the name owns nothing."""
    import re

    from assistant.conversation.deadlines import play_unowned

    owner = re.compile(r"their|delta's", re.IGNORECASE)
    ends = {"order", "signed", "are", "deal"}.__contains__
    text = "get delta's ma order signed before the 31st"
    assert play_unowned(text, [(12, 14)], owner, 3, ends) == "get the ma order signed before the 31st"
    text = "make sure their extra studio seats are booked by 12/30"
    assert play_unowned(text, [(22, 28), (29, 34)], owner, 3, ends) == \
        "make sure the extra studio seats are booked by 12/30"
    text = "their dq budget closes on the 20th"
    assert play_unowned(text, [(6, 8)], owner, 3, ends) == text  # (their budget)
    text = "their team needs the extra studio seats"
    assert play_unowned(text, [(27, 33)], owner, 3, ends) == text  # (four words before the name)
    assert play_unowned("their dq", [(6, 8)], owner, 3, ends) == "the dq"  # (the name ends the text)


@pytest.mark.slow
@pytest.mark.parametrize("question, phrase", [
    ("get Delta's MA order signed before the 31st?", "before the 31st"),
    ("Fjord's governance deal has to be signed by month end, thoughts?", "by month end"),
    ("make sure Kestrel's extra Studio seats are booked by 12/30. good?", "by 12/30"),
    ("Mariner's capacity expansion should close this week. pitch it?", "this week"),
])
def test_a_deadline_for_the_accounts_play_said_by_its_possessive_is_ours(chat, question, phrase):
    """The account's possessive is the customer's word ("Kestrel's quarter" is theirs), but one that owns
    the play names the deal we close: not the customer's own deadline."""
    [applied] = _timing(chat(today=IN_WINDOW).ask(question))
    assert applied.phrase == phrase and applied.how == "window"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Kestrel's team needs the extra Studio seats live by the 22nd. push it?",
    "their DQ budget closes on the 20th at Orchid, worth pitching now?",
    "Orchid's DQ order needs to land before their audit on the 28th. ok?",
])
def test_the_customers_own_date_said_beside_the_play_is_still_theirs(chat, question):
    assert not _timing(chat(today=IN_WINDOW).ask(question))


# -- "before" leaves the date out: "before January" is by December 31st, inside our quarter -----------
@pytest.mark.parametrize("clause, said, last_day", [
    ("get it signed before January", dt.date(2027, 1, 1), QUARTER_END),
    ("can we close it before the 1st", dt.date(2027, 1, 1), QUARTER_END),
    ("land it ahead of January 1st", dt.date(2027, 1, 1), QUARTER_END),
    ("book it prior to 1/1", dt.date(2027, 1, 1), QUARTER_END),
    ("signed by January", dt.date(2027, 1, 1), dt.date(2027, 1, 1)),  # "by": the date itself
    ("signed before Christmas", dt.date(2026, 12, 25), dt.date(2026, 12, 24)),
])
def test_a_deadline_said_before_a_date_ends_the_day_before_it(reader, clause, said, last_day):
    found = reader.find(Said.of(clause), IN_WINDOW, QUARTER_END, clause)
    assert found is not None and (found.date, found.last_day) == (said, last_day)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "I want Acme's DQ signed before January, ok?",
    "can I get Kestrel's extra seats done before the 1st?",
    "close Orchid Governance prior to Jan 1?",
])
def test_a_deadline_before_the_next_quarter_starts_is_inside_ours(chat, question):
    """Said before the first day after our quarter, the deadline is our quarter's last day: quota-driven
    inside the window (it used to be read as after the quarter, so not even asked about)."""
    assert _timing(chat(today=IN_WINDOW).ask(question))


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "I want Acme's DQ signed before Christmas, ok?",
    "get Delta's MA order signed before the 31st?",
])
def test_outside_the_window_a_deadline_for_the_accounts_play_is_asked_about(chat, question):
    """The account's possessive owns the play ("Acme's DQ"): the deadline is not the customer's own,
    so outside the window the coach asks whose timing it is, as for "I want DQ signed before Christmas"."""
    answer = chat(today=dt.date(2026, 11, 18)).ask(question)
    assert not _timing(answer)
    assert answer.ask_back is not None and "timing.quota_driven" in answer.ask_back.codes, answer.text
    theirs = chat(today=dt.date(2026, 11, 18)).ask("Acme's team needs DQ in place before Christmas, can I pitch it?")
    assert theirs.ask_back is None or "timing.quota_driven" not in theirs.ask_back.codes


@pytest.mark.slow
def test_a_rule_applied_from_the_words_is_not_asked_about_again(chat):
    """"asap" alone is asked about in the window, but "my quarter's almost over" beside it applies
    quota-driven timing: the coach does not then ask whether the timing is driven by the quarter."""
    answer = chat(today=IN_WINDOW).ask("can I get Acme DQ closed asap? my quarter's almost over")
    assert _timing(answer) and answer.ask_back is None, answer.text


@pytest.mark.slow
@pytest.mark.parametrize("told", ["I need it signed by Friday", "oh and I want it booked by the 23rd"])
def test_a_deadline_told_alone_of_the_play_in_focus_is_applied_to_it(chat, told):
    """Inside the window, a deadline told after a check, with nothing else ("I need it signed by
    Friday"), is the play in focus with quota-driven timing, not a message the coach did not understand."""
    session = chat(today=IN_WINDOW)
    session.ask("pitch DQ to Acme?")
    answer = session.ask(told)
    assert answer.intent == "check_play" and answer.entities.get("product") == "Data Quality", answer.text
    assert _timing(answer) and answer.ask_back is None


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "I need the Acme DQ deal ready by the 20th",
    "we need it live by Friday, Acme DQ?",
])
def test_our_side_needing_it_ready_is_not_the_customers_reason(chat, question):
    """"Live by", "ready by" are the customer's reason when the customer needs it ("they need it live by
    Friday"); said by our side ("I need", "we need") with no word of the customer's, the deadline is ours:
    quota-driven inside the window, not recorded as a customer-side trigger."""
    answer = chat(today=IN_WINDOW).ask(question)
    assert _timing(answer) and "customer_timing" not in [a.id for a in answer.applied], answer.text
    theirs = chat(today=IN_WINDOW).ask("they need it live by Friday. Acme DQ, pitch?")
    assert not _timing(theirs) and [a.id for a in theirs.applied] == ["customer_timing"]
