"""What a message asks, when it is not "should I pitch": a story's question sentence read first, a
short closing question ("Right move?", ", thoughts?") read as a check of the play told, the words
and forms of a talk track, the plays, what blocks, the sponsor and a term in many wordings, an
off-topic word inside a story, a general pattern's guess read again by meaning, and the example
phrasings of messages that ask nothing. Phrasings of this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intents import asked_of_a_story, closing_intent, loose, parse, question_sentence
from assistant.conversation.phrasebook import PhrasebookError, build, load_phrasebook, read_spec, PhrasebookSpec

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.fixture(scope="module")
def book():
    return load_phrasebook(PROMPTS)


# -- a story's closing question -----------------------------------------------------------------
@pytest.mark.parametrize("message", [
    "I promised Sam the discount only holds if Delta adds MA. Fair?",
    "Going to offer Gale more capacity on Friday since Omar keeps hitting the ceiling. Sound ok?",
    "I'll fold the DQ add-on into Acme's renewal paperwork, thoughts?",
    "Tom is my way in at Acme and I want to skip him and go to the CDO. Am I off base here?",
    "Kestrel is at 49 of 50 seats. Planning the seats pitch for Monday. Should I go ahead?",
    "Lumen asked for a bigger plan last week and I said yes. Did I get that right?",
])
def test_a_story_that_ends_by_asking_if_it_is_right_is_a_check_of_the_play(book, message):
    parsed = parse(message, book)
    assert parsed.intent == "check_play" and parsed.pattern.startswith("closing:"), (parsed.intent, parsed.pattern)


@pytest.mark.parametrize("message", [
    "Dana is keen on the data quality numbers from the pilot. Wording?",
    "Nadia wants the longer term in writing before Friday. The email, please",
])
def test_a_story_that_ends_by_asking_for_the_words_is_a_draft(book, message):
    assert parse(message, book).intent == "draft"


@pytest.mark.parametrize("message", ["thoughts?", "fair?", "ok?", "sound ok?", "Acme, thoughts?"])
def test_a_closing_question_alone_or_after_a_few_words_is_not_a_story(book, message):
    assert closing_intent(message, book) == (None, None)


def test_the_question_sentence_of_a_story_is_read_before_the_whole_message(book):
    # the whole message reads as a QBR (its first sentence names the business review); its question asks about a play
    message = "Helen heard the results at the business review in October. Should I bring Governance Suite to Orchid?"
    assert question_sentence(message) == "Should I bring Governance Suite to Orchid?"
    assert parse(message, book).intent == "check_play"
    # one sentence that tells before it asks: its last clause
    assert parse("the ops team loved the last qbr deck, pitch them more seats at Kestrel?", book).intent == "check_play"
    # a question that states no fact (the reasons, the plays), taken from a story's last clause, is marked so:
    # a fact of the play told in cue words makes it a check (chat.py; test_asked_anywhere.py reads it whole)
    told = parse("their renewal is tied to it, anything worth selling to Acme?", book)
    assert told.intent == "check_play" or asked_of_a_story(told)


def test_an_off_topic_word_inside_a_story_does_not_make_it_off_topic(book):
    assert parse("Omar laughed it off as a joke on the call. Capacity for Gale?", book).intent != "off_topic"
    assert parse("tell me a joke", book).intent == "off_topic"
    assert parse("ok, enough work. tell me a joke", book).intent == "off_topic"


def test_the_words_read_as_a_fact_may_be_where_the_talk_is_given(book):
    # "at their QBR" reads as a fact of the play; the words left ask what to say: the QBR's talk track
    assert parse("what should I say to Ironwood at their QBR on Thursday", book).intent == "qbr"
    assert parse("what should I say to Nadia about the longer term", book).intent == "draft"


# -- many wordings, read by the patterns ----------------------------------------------------------
@pytest.mark.parametrize("message, intent", [
    ("could you help me phrase the seats ask for Kestrel", "draft"),
    ("how do I frame Governance for Helen", "draft"),
    ("how to raise the longer term with Nadia", "draft"),
    ("get me ready for my meeting with Omar", "draft"),
    ("brief me before the Lumen call", "draft"),
    ("a quick note to Sam re Marketing Automation", "draft"),
    ("talking points on Studio seats for Lucia", "draft"),
    ("what should my email to Ingrid say", "draft"),
    ("what's a good opening line for Marcus", "draft"),
    ("walk me through the pitch for Juniper", "draft"),
    ("put a few lines together for Chloe", "draft"),
    ("need a couple of lines I can paste into Slack for Pia", "draft"),
    ("the wording pls", "draft"),
    ("is there any cross-sell at Borealis", "list_plays"),
    ("anything else we could pitch into Orchid?", "list_plays"),
    ("what would you lead with at Mariner", "list_plays"),
    ("what's up for grabs at Nimbus Software", "list_plays"),
    ("growth options for Evergreen", "list_plays"),
    ("Lumen expansion ideas", "list_plays"),
    ("how much headroom at Fjord", "list_plays"),
    ("what's the snag with Governance at Corvid", "why_not"),
    ("what do I have to sort out before Studio at Kestrel", "why_not"),
    ("why is Gale still parked", "why_not"),
    ("how can we get Orchid over the line", "why_not"),
    ("what stops me pitching DQ to Acme", "why_not"),
    ("whom do I win over at Lumen for Governance", "who_sponsor"),
    ("who benefits most from DQ at Acme", "who_sponsor"),
    ("kestrel seats who approves", "who_sponsor"),  # (a run-on: the verb alone asks who decides)
    ("point person?", "who_sponsor"),  # (the one asked for by their part alone)
    ("what's an intervention?", "framework"),
    ("what do you mean by a value moment", "framework"),
    ("generally speaking, should expansion wait for a renewal", "framework"),
])
def test_the_patterns_read_these_wordings(book, message, intent):
    assert parse(message, book).intent == intent


@pytest.mark.parametrize("message", [
    "should I pitch DQ to Acme",  # the verdict, asked as one
    "what's a good play at Acme",  # not a term: the plays
    "what's the best play at Acme",
])
def test_near_misses_keep_their_intent(book, message):
    assert parse(message, book).intent in ("check_play", "list_plays")
    assert parse(message, book).intent != "framework"


# -- a general pattern's guess --------------------------------------------------------------------
@pytest.mark.parametrize("message, guess", [
    ("who at Acme pays for DQ", True),
    ("ok so what's my safest bet at Gale", True),
    ("is there anything left at Corvid", True),
    ("should I pitch DQ to Acme", False),
    ("can we push more seats to Kestrel", False),
    # a story: what it asks is its question sentence
    ("Dana is keen. Should I pitch DQ to Acme?", False),
    ("Dana is keen. Who at Acme pays for DQ?", True),
])
def test_a_check_asked_by_another_question_word_is_a_guess(book, message, guess):
    assert loose(parse(message, book), book) is guess


@pytest.mark.slow  # reading by meaning loads the embedding model
@pytest.mark.parametrize("question, intent", [
    # ("who at Acme pays for DQ" is now read for sure: a who-question that only a check's pattern read
    # asks for the sponsor, intents.yaml `opens`, test_intent_mechanisms.py)
    ("what are the next steps to grow Acme", "list_plays"),
])
def test_a_check_read_by_a_general_pattern_from_another_question_is_read_by_meaning(chat, question, intent):
    answer = chat().ask(question)
    assert (answer.intent, answer.parser) == (intent, "meaning")
    assert answer.entities.get("account") == "Acme Corp"


@pytest.mark.slow
def test_a_check_asked_as_one_asks_for_the_product_rather_than_listing_the_plays(chat):
    answer = chat().ask("is it time to push Borealis?")
    assert answer.intent == "check_play" and answer.ask_back is not None and answer.ask_back.kind == "product"


@pytest.mark.slow
def test_a_story_ending_right_move_is_read_for_its_blocker(chat):
    answer = chat().ask("I told Priya the renewal price holds only if Acme takes Data Quality too. Right move?")
    assert answer.intent == "check_play" and answer.entities.get("product") == "Data Quality"
    assert "renewal.coupled" in {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else [])


@pytest.mark.slow
@pytest.mark.parametrize("message", ["whatever you think", "so?", "hmm what now"])
def test_a_message_nearest_the_examples_of_asking_nothing_is_not_read_by_meaning(chat, message):
    answer = chat().ask(message)
    assert answer.intent == "unclear"


# -- the data file ----------------------------------------------------------------------------------
def test_a_story_setting_naming_an_unknown_intent_is_refused(tmp_path):
    path = PROMPTS / "conversation" / "intents.yaml"
    spec = read_spec(path, PhrasebookSpec, "conversation data file")
    spec.story.asks = ["check_play", "gossip"]
    with pytest.raises(PhrasebookError, match="gossip"):
        build(spec, path)


# -- a review of the AM's own text, in other words than the README's --------------------------------
@pytest.mark.parametrize("question, head", [
    ("feedback on my draft to Lars: Hi Lars, your freight team now closes the month in two days.", "feedback on my draft to Lars"),
    ("how does this sound: Omar, latency is down and the ops team is asking for more capacity.", "how does this sound"),
    ("does this land ok? Gale capacity, to Omar: Omar, your dashboards now refresh every five minutes.",
     "does this land ok? Gale capacity, to Omar"),
    ("can you go over my note for Borealis capacity? Hi Lars, the freight team now plans routes a day earlier "
     "than last spring and volumes keep growing.", "can you go over my note for Borealis capacity"),
    ("any red flags in this? Evergreen MA to Mia: Mia, your campaign team saved a week per launch.",
     "any red flags in this? Evergreen MA to Mia"),
])
def test_asks_for_feedback_on_a_pasted_text_are_reviews(question, head):
    from assistant.conversation.review_turn import split_review

    assert split_review(question, PROMPTS) == (head, question[len(head):].lstrip(" :?"))


@pytest.mark.parametrize("question", [
    "how does the playbook look at bundles: is it ever ok?",
    "is the timing ok: they want it signed in January",
    "does the Acme play look good: Dana asked twice",
    "draft an email to Dana: keep it short",
    "should I pitch DQ to Acme? Dana is keen and the renewal is separate, they asked about it twice this month",
])
def test_questions_with_a_colon_or_a_story_are_not_reviews(question):
    from assistant.conversation.review_turn import split_review

    assert split_review(question, PROMPTS) is None
