"""What a message asks against what it only mentions: a QBR named as when or where something
happens, a remark that asks nothing, an ask to put a play into words, and a pasted text asked
about in words of feedback (before or after it). Phrasings of this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intents import names_only, parse
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.review_turn import split_review

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROMPTS)


# -- a QBR mentioned is not a QBR asked for ------------------------------------------------------
@pytest.mark.parametrize("message, intent", [
    ("before the QBR should I raise seats at Acme?", "check_play"),
    ("before the QBR next week, should I raise seats at Acme?", "check_play"),
    ("right after their quarterly business review, can I pitch DQ to Acme?", "check_play"),
    ("during the qbr, who should I pitch DQ to at acme?", "who_sponsor"),
])
def test_a_qbr_named_as_when_or_where_leaves_the_question_to_the_rest(book, message, intent):
    assert parse(message, book).intent == intent


@pytest.mark.parametrize("message", [
    "acme qbr",
    "qbr prep for kestrel",
    "what do I tell Fjord at their QBR",
    "what should I say to Ironwood at their QBR on Thursday",
    "help me with the Gale business review",
    "the QBR at Juniper next week, what should I cover?",
])
def test_a_qbr_asked_for_is_still_read(book, message):
    assert parse(message, book).intent == "qbr"


@pytest.mark.parametrize("message", ["at the QBR Dana said they love the dashboards",
                                     "since the business review they have been quiet"])
def test_a_story_told_at_a_qbr_is_no_qbr_request(book, message):
    assert parse(message, book).intent != "qbr"


# -- remarks that ask nothing --------------------------------------------------------------------
@pytest.mark.parametrize("message", ["man, what a week", "long day of calls, phew",
                                     "honestly so tired today"])
def test_a_remark_that_asks_nothing_is_not_read_as_a_plan_or_the_plays(chat, message):
    answer = chat().ask(message)
    assert answer.intent == "unclear", (answer.intent, answer.parser)


# -- asks to put a play into words are drafts ------------------------------------------------------
@pytest.mark.parametrize("message", [
    "can you put into words why Orchid should look at Governance",
    "outline what I should say to Oskar about Governance",
    "wordsmith a short pitch to Wen for the Harbor Foods upgrade",
    "formulate the DQ ask for Dana",
    "help me phrase the seats pitch for Lucia",
])
def test_asks_to_put_the_play_into_words_are_drafts(book, message):
    assert parse(message, book).intent == "draft"


@pytest.mark.parametrize("message", ["outline the options at Acme", "outline my plan for the quarter"])
def test_outlining_the_options_or_the_plan_is_no_draft(book, message):
    assert parse(message, book).intent != "draft"


# -- a pasted text asked about, by its shape -------------------------------------------------------
@pytest.mark.parametrize("message, head", [
    ("Hi Dana, I wanted to follow up on the data quality work we discussed last week. Best, Jordan. thoughts?",
     "thoughts?"),
    ("Hi Omar,\nlatency is down a third since the summer and the ops team keeps asking for more.\n\nCheers,\n"
     "Jordan\n\nhow does that read?", "how does that read?"),
    ('"Lars, your freight team now closes the month in two days, shall we talk capacity?" too pushy?',
     "too pushy?"),
    ("Priya, the pipeline numbers came in well above target this quarter. Thanks, Jordan - ok to send?",
     "ok to send?"),
    ("thoughts on this one for Dana - Hi Dana, your team now closes the month two days earlier.",
     "thoughts on this one for Dana"),
    ("sanity check pls\nHi Omar, latency is down and the ops team is asking for more capacity.",
     "sanity check pls"),
])
def test_a_pasted_message_and_an_ask_for_feedback_is_a_review(message, head):
    found = split_review(message, PROMPTS)
    assert found is not None and found[0] == head
    assert found[1].split()[0].strip('"').rstrip(",") in ("Hi", "Lars", "Priya")


@pytest.mark.parametrize("message", [
    "hi coach, should I pitch DQ to Acme? Dana is keen and the renewal is separate. thoughts?",
    "Juniper, they're unhappy and my quarter ends Friday, I'm pushing capacity anyway. thoughts?",
    "draft a reply to this: Hi Dana, thanks for the update, we will think about the data quality offer.",
    "write me an email to Dana - Hi Dana, thanks for the update, we will think about it.",
    "Kestrel seats: Lucia asked for 20 more, the renewal is separate and they are happy. thoughts?",
])
def test_a_story_or_an_ask_to_write_is_no_review(message):
    assert split_review(message, PROMPTS) is None


def test_a_review_head_is_read_for_names_only(book):
    parsed = names_only("quick review of my note to Nadia on Ironwood's volume increase", book)
    assert parsed.slots == {} and parsed.change == "more_volume" and not parsed.revealed


def test_the_play_of_a_review_comes_from_the_change_its_head_names(chat):
    answer = chat().ask("can you check my note to Dana about the Acme capacity bump before it goes out: Dana, "
                        "my quarter closes on the 31st so if you sign the extra capacity by then I can do a great price.")
    assert answer.intent == "review" and answer.ask_back is None
    assert answer.entities["account"] == "Acme Corp" and answer.entities["product"] == "Data Platform"
    assert not answer.applied  # the pasted text's words are the AM's draft, never facts of the play


def test_a_pasted_message_then_thoughts_reviews_the_play_in_focus(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme?")
    answer = conversation.ask("Hi Dana, your error rates halved since the pilot and I'd love to show you what "
                              "Data Quality does next, before my quarter ends. Best, Jordan. thoughts?")
    assert answer.intent == "review" and answer.entities["product"] == "Data Quality"
    assert not answer.applied


def test_without_a_play_named_or_in_focus_the_review_is_of_the_names_its_text_is_addressed_to(chat):
    answer = chat().ask("Hi Omar, the escalations are behind us and your dashboards refresh every five minutes. "
                        "Could more capacity help the winter peak?\n\nthoughts?")
    assert answer.intent == "review" and answer.ask_back is None
    assert answer.entities["account"] == "Gale Logistics" and answer.entities["product"] == "Data Platform"


# -- a story's closing question of a few words -------------------------------------------------
@pytest.mark.parametrize("message", [
    "Lucia's team filled every seat last month and hiring is on. More seats?",
    "Omar's ops team keeps bumping into the ceiling since the new depot opened. Capacity, what now?",
])
def test_a_story_closed_by_the_play_in_a_few_words_is_a_check(book, message):
    parsed = parse(message, book)
    assert parsed.intent == "check_play" and parsed.pattern.startswith("closing:"), (parsed.intent, parsed.pattern)


@pytest.mark.parametrize("message", [
    "write the follow-up for seats at Kestrel, addressed to Lucia",  # a clause, not a question sentence
    "QBR deck for Gale, due Friday",
    "The verdict for Acme DQ was hold yesterday. Why?",  # a question word asks its own question
])
def test_a_clause_or_a_question_word_is_no_closing_fragment(book, message):
    parsed = parse(message, book)
    assert not (parsed.pattern or "").startswith("closing: (?:{lead_in} )*(?:and |so |then |what about"), parsed.pattern


@pytest.mark.parametrize("message, intent", [
    ("Lars is happy again and the freight volumes grew all year. Anything to sell there?", "list_plays"),
    ("I'm skipping Elena and taking Governance straight to the CEO. How does that look?", "check_play"),
    ("Dana wants one quote for seats and DQ with a discount on the total. How should I handle it?", "check_play"),
])
def test_a_story_closed_by_asking_what_to_sell_or_how_to_play_it(book, message, intent):
    assert parse(message, book).intent == intent


# -- other wordings of the rarer intents -----------------------------------------------------------
@pytest.mark.parametrize("message, intent", [
    ("what's the quota window rule", "framework"),
    ("what is the executive committee test?", "framework"),
    ('what does "signal density" mean when you rank accounts?', "framework"),
    ("explain the Gale capacity call", "why"),
    ("why the no on seats at Kestrel", "why_not"),
    ("why do you say Gale is ready now when they were stuck last spring", "why"),
    ("how did you arrive at that for Kestrel seats?", "why"),
    ("what makes Juniper ready for Governance", "why"),
    ("how do I ask you about my accounts?", "help"),
    ("who's got the money for capacity at Gale", "who_sponsor"),
    ("what needs to happen before I can pitch DQ to Acme", "why_not"),
    ("best way to word the seats ask for Lucia?", "draft"),
    ("any tips for tomorrow's call with Omar about capacity?", "draft"),
    ("can you prepare something for Lucia about seats", "draft"),
    ("what would you say to Omar about more capacity", "draft"),
    ("I'd like an email for Lucia on the Business tier", "draft"),
    ("ping Lucia about the seats for me", "draft"),
])
def test_rarer_intents_in_other_words(book, message, intent):
    assert parse(message, book).intent == intent
