"""Intents: the question back with the closest intents when the reading is unsure (and the reply
to it), the patterns for asks to write, the sponsor's budget and "why can't", and the example
phrasings read in one encode. Phrasings of this test's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.intent_choice import closest, load_choices, picked
from assistant.conversation.intents import asked_of_a_story, parse
from assistant.conversation.meaning import IntentReading
from assistant.conversation.meaning_spec import load_meaning_spec
from assistant.conversation.phrasebook import load_phrasebook

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.fixture(scope="module")
def choices():
    return load_choices(PROMPTS)


def ranked(*votes: tuple[str, float]) -> list[IntentReading]:
    out = [IntentReading(name, vote, 0.0, "", vote) for name, vote in votes]
    return sorted(out, key=lambda r: -r.vote)


# -- which intents are offered ------------------------------------------------------------------
def test_intents_about_as_near_are_offered_best_first(choices):
    accept, margin = choices.ask.accept, choices.ask.margin
    top = accept + 0.2
    rankings = [ranked(("draft", top), ("check_play", top - margin / 2), ("why", top - 3 * margin))]
    assert closest(rankings, choices) == ["draft", "check_play"]


def test_nothing_is_offered_when_one_intent_is_clearly_nearest_or_all_are_far(choices):
    accept, margin = choices.ask.accept, choices.ask.margin
    clear = ranked(("draft", accept + 0.2), ("check_play", accept + 0.2 - 2 * margin))
    far = ranked(("draft", accept - 0.05), ("check_play", accept - 0.06))
    assert closest([clear], choices) == []
    assert closest([far], choices) == []


def test_at_most_the_configured_number_is_offered_and_never_an_unlabelled_intent(choices):
    top = choices.ask.accept + 0.2
    many = ranked(("off_topic", top + 0.01), ("draft", top), ("why", top), ("who_sponsor", top), ("qbr", top))
    offered = closest([many], choices)
    assert "off_topic" not in offered and len(offered) == choices.ask.most


def test_the_first_text_with_a_reading_decides(choices):
    """A story's question is read before the whole story: its reading is the one offered."""
    top = choices.ask.accept + 0.2
    question = ranked(("focus", top), ("list_plays", top))
    story = ranked(("why", top), ("why_not", top))
    assert closest([question, story], choices) == ["focus", "list_plays"]


# -- the reply --------------------------------------------------------------------------------
@pytest.mark.parametrize("reply, intent, place, expected", [
    ("2", None, 2, "draft"),  # by place
    ("the first", None, 1, "check_play"),
    ("draft it", "draft", None, "draft"),  # its own pattern reads one offered
    ("draft a talk track for it", None, None, "draft"),  # the label itself (a button)
    ("the email please", None, None, "draft"),  # words of one choice
    ("just the verdict", None, None, "check_play"),
    ("5", None, 5, None),  # no such place
    ("what's the weather", "off_topic", None, None),  # a question of its own
    # more than a pick: its own facts and question are read, whatever words it shares with a choice
    ("ok but they're unhappy, should I still check it now", "check_play", None, None),
    ("the email, though my quarter ends soon so draft it fast", None, None, None),
])
def test_a_reply_picks_an_offered_intent(choices, reply, intent, place, expected):
    assert picked(reply, intent, place, ["check_play", "draft"], choices) == expected


def test_every_offered_intent_is_an_intent_of_the_data_files(choices):
    book = load_phrasebook(PROMPTS)
    spec = load_meaning_spec(PROMPTS)
    assert set(choices.intents) <= set(book.intent_names) & set(spec.intents)


# -- patterns: certain readings no example needs ------------------------------------------------
@pytest.mark.parametrize("question, intent", [
    # an ask to write, first (after filler), whatever names follow
    ("compose the data quality email for acme", "draft"),
    ("pls write smth for borealis about seats", "draft"),
    ("ok now type up the corvid governance pitch", "draft"),
    ("could you put together what we should tell dana", "draft"),
    # ... but not the quarter's plan, a QBR, or a poem
    ("write my plan for the quarter", "focus"),
    ("draft the business review for acme", "qbr"),
    ("write me a poem about acme", "off_topic"),
    # the budget and the sign-off name the sponsor
    ("who holds the purse strings at borealis", "who_sponsor"),
    ("who would pay for it at gale", "who_sponsor"),
    # "why can't" typed without its apostrophe, and a play asked why it is blocked
    ("why shouldnt we do seats at gale", "why_not"),
    ("why is the corvid play still blocked", "why_not"),
    # the plays of the account in focus
    ("what else could we sell them", "list_plays"),
    ("what can we do there then", "list_plays"),
    # a term asked about, in general
    ("what does value moment mean", "framework"),
    ("when does a deal count as a signal", None),  # (no pattern: no "before it counts as")
    # a ranked book
    ("i need a prioritised list of my accounts", "focus"),
    # a reminder or a sum asked as the whole message is off topic; the words inside business talk are not
    ("can you remind me to book the dentist", "off_topic"),
    ("what is 12 times 7", "off_topic"),
    ("remind me what is blocking the gale play", "why_not"),
])
def test_patterns_read_these_for_certain(question, intent):
    assert parse(question, load_phrasebook(PROMPTS)).intent == intent


@pytest.mark.parametrize("question", [
    # the patterns of questions that state no fact (the sponsor, the reasons, the plays, a term) read a
    # message that opens with them: a story that tells facts first is still a check, read for blockers
    "Mia, who owns the budget there, is unhappy with us. should I pitch DQ to Acme?",
    "they're upset with us lately, what makes DQ at Acme a good play before my quarter closes?",
    "explain to me why I can't pitch DQ to Acme before quarter end",
    "their renewal is tied to it, anything worth selling to Acme?",
])
def test_a_story_is_not_taken_for_a_question_that_states_no_fact(question):
    # (or the reading is marked as what a story asks: chat.py makes it a check when the story tells a fact of
    # the play in cue words, test_asked_anywhere.py)
    parsed = parse(question, load_phrasebook(PROMPTS))
    assert parsed.intent not in ("who_sponsor", "why", "framework", "list_plays", "off_topic", "focus") or \
        asked_of_a_story(parsed)
# -- the question back in a conversation ----------------------------------------------------------
class IntentAxes:
    """A stand-in embedder: each intent's example phrasings point along that intent's axis, the
    other examples (blockers, neutral) along an axis of their own; a message with MUDDLE points
    between the check's and the draft's axes (an even vote), anything else along an axis no
    example is on. Counts its encodes."""

    MUDDLE = "muddle"

    def __init__(self):
        spec = load_meaning_spec(PROMPTS)
        self.axes = {name: i for i, name in enumerate(spec.intents)}
        self.of = {t: name for name, examples in spec.intents.items()
                   for t in examples + spec.intent_variants.get(name, [])}
        self.others = {t for b in spec.blockers for t in b.examples} | set(spec.neutral)
        self.size = len(self.axes) + 2
        self.calls = 0

    def vector(self, text: str):
        v = np.zeros(self.size, dtype="float32")
        if text in self.of:
            v[self.axes[self.of[text]]] = 1.0
        elif self.MUDDLE in text.casefold():
            v[self.axes["check_play"]] = v[self.axes["draft"]] = 1.0
        elif text in self.others:
            v[-2] = 1.0
        else:
            v[-1] = 1.0
        return v / np.linalg.norm(v)

    def __call__(self, texts):
        self.calls += 1
        return np.stack([self.vector(t) for t in texts])


@pytest.fixture
def muddled(chat):
    embed = IntentAxes()
    return lambda: chat(embed=embed)


# (between the check and a draft: it has a word a draft needs, meaning.yaml `intent_needs`; a message
# with none is no draft, and reads as the check alone: test_intent_mechanisms.py)
QUESTION = "what a muddle, all these emails lately"


def test_an_unsure_intent_is_asked_back_with_the_closest_intents(muddled, choices):
    answer = muddled().ask(QUESTION)
    assert answer.intent == "unclear" and answer.ask_back is not None
    assert answer.ask_back.kind == "intent"
    assert set(answer.ask_back.intents) == {"check_play", "draft"}
    for name in answer.ask_back.intents:  # in words a user understands, from the data file
        assert choices.intents[name].label in answer.text
    assert answer.ask_back.candidates == [choices.intents[n].label for n in answer.ask_back.intents]


@pytest.mark.parametrize("reply", ["1", "2", "the verdict", "draft it"])
def test_the_reply_reads_the_message_as_the_intent_picked(muddled, reply):
    conversation = muddled()
    conversation.ask("should I pitch Data Quality to Acme?")
    offered = conversation.ask(QUESTION).ask_back.intents
    answer = conversation.ask(reply)
    expected = {"1": offered[0], "2": offered[1], "the verdict": "check_play", "draft it": "draft"}[reply]
    assert answer.intent == expected and answer.ask_back is None, answer.text
    assert (answer.entities.get("account"), answer.entities.get("product")) == ("Acme Corp", "Data Quality")


def test_the_message_asked_about_is_read_with_its_own_names(muddled):
    conversation = muddled()
    conversation.ask("should I pitch Data Quality to Acme?")
    conversation.ask(QUESTION)
    pending = conversation.memory.load().pending
    assert pending["kind"] == "intent" and pending["request"]["question"] == QUESTION


def test_a_reply_that_asks_something_else_is_read_as_it_is(muddled):
    conversation = muddled()
    conversation.ask(QUESTION)
    answer = conversation.ask("should I pitch more seats to Kestrel?")
    assert answer.intent == "check_play" and answer.entities["account"] == "Kestrel Outdoor"
    assert conversation.memory.load().pending is None  # the question back is forgotten


def test_a_message_far_from_every_example_is_not_offered_intents(muddled):
    answer = muddled().ask("so much is going on lately, hmm")
    assert answer.intent == "unclear" and answer.ask_back is not None and answer.ask_back.kind == "question"


def test_the_texts_read_for_the_intent_are_encoded_in_one_call(chat):
    """A story's question, its words and its last clause: one encode, not one each."""
    embed = IntentAxes()
    conversation = chat(embed=embed)
    conversation.reader.meaning.vectors  # noqa: B018 - the examples first (one call of their own)
    before = embed.calls
    from assistant.conversation.known_names import KnownNames

    world = KnownNames(conversation.coach, conversation.book, None, None, conversation.reader.spec.names)
    parsed = parse("Lots going on lately. I wonder, honestly, and then some: thoughts on the whole thing?",
                   conversation.book)
    texts = conversation.reader.intent_texts(parsed, world)
    assert len(texts) >= 2
    assert conversation.reader.intent(parsed, world) is None  # nothing near: every text was read
    assert embed.calls - before == 1


def test_a_play_question_naming_a_change_is_not_read_again_as_the_plays(chat):
    """A check the patterns read with a name they could not place ("Quokka") is read again by
    meaning; the examples may then say "the plays at the account", but a message that names the
    change (or the product) asks about that play: the check stays, with its question back."""

    class Plays(IntentAxes):
        def vector(self, text):
            if "quokka" in text.casefold():
                v = np.zeros(self.size, dtype="float32")
                v[self.axes["list_plays"]] = 1.0
                return v
            return super().vector(text)

    answer = chat(embed=Plays()).ask("pitch more capacity to Quokka at Borealis")
    assert answer.intent == "check_play" and answer.entities.get("change") == "more_capacity"
    # (a check naming neither, in words that may ask for the plays, is read as the plays there; without
    # such a word it is no list: meaning.yaml `intent_needs`)
    assert chat(embed=Plays()).ask("pitch anything to the quokka at borealis").intent == "list_plays"
    assert chat(embed=Plays()).ask("pitch it to the quokka at borealis").intent == "check_play"


@pytest.mark.slow
def test_a_word_or_two_is_read_by_meaning_only_when_nearly_an_example(chat):
    meaning = chat().reader.meaning
    t = meaning.spec.thresholds
    assert t.intent_short_words >= 2 and t.intent_accept_short > t.intent_accept
    for noise in ("idk", "can you"):  # near many examples, none nearly
        assert meaning.intent(noise) is None, meaning.ranking(noise)[:2]
    assert meaning.intent("k draft").intent == "draft"


def test_a_story_no_pattern_reads_is_not_taken_for_a_question_about_the_verdict_alone(chat):
    """A story (names and facts, no pattern) nearest the examples of "why not?" is still a check of
    the play it names: reading it as why/why-not/sponsor would leave its facts unread."""

    class Troubles(IntentAxes):
        def vector(self, text):
            if "grumbl" in text.casefold():
                v = np.zeros(self.size, dtype="float32")
                v[self.axes["why_not"]] = 1.0
                return v
            return super().vector(text)

    answer = chat(embed=Troubles()).ask("Acme keeps grumbling about the outage lately, Data Quality hmm")
    assert answer.intent == "check_play", answer.text


def test_a_long_reply_is_read_as_typed_with_its_own_facts(muddled):
    conversation = muddled()
    conversation.ask("should I pitch Data Quality to Acme?")
    assert conversation.ask(QUESTION).ask_back.kind == "intent"
    answer = conversation.ask("ok the verdict then, but I need it signed before quarter end")
    assert answer.intent == "check_play"
    assert "timing.quota_driven" in {a.rule for a in answer.applied}, answer.text
