"""Cue words for blockers (prompts/conversation/meaning.yaml, assistant/conversation/cues.py):
read per clause without the model, turned off by a negation, kept off by a customer's word,
and the past never applied. Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.conversation.cues import CueRule, Said, fires, group
from assistant.conversation.intents import parse
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.reading import Reader
from assistant.wording import load_replies


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("cues"))
    # An embedder that fails: cue words are read without the model.
    def no_model(texts):
        raise AssertionError("the model must not be used to read cue words")
    return Reader(settings, load_phrasebook(settings.prompts_dir), load_replies(settings.prompts_dir), no_model)


def codes(reader, clause):
    return {reader.spec.blocker(b).code for b in reader.cued(clause)}


def test_a_rule_needs_a_word_of_every_group_none_of_its_exclusions_and_no_negation_before():
    rule = CueRule(all=(group(["my", "our"]), group(["quarter*", "q4"])), none=group(["their"]))
    negations = frozenset({"not", "no"})
    assert fires(rule, Said.of("it has to land in our Q4's last week"), negations, 5)
    assert fires(rule, Said.of("my quarterly number"), negations, 5)
    assert not fires(rule, Said.of("our product"), negations, 5)
    assert not fires(rule, Said.of("their quarter and our plan"), negations, 5)
    assert not fires(rule, Said.of("this is not about my quarter"), negations, 5)
    negated = CueRule(negated=group(["renew"]))
    assert fires(negated, Said.of("I doubt they'll renew"), negations, 5) is False
    assert fires(negated, Said.of("they probably won't renew"), negations, 5)


@pytest.mark.parametrize("clause, code", [
    ("the VP of sales keeps asking me about my attainment", "timing.quota_driven"),
    ("we are two weeks from our fiscal close and I'm behind", "timing.quota_driven"),
    ("the new renewal rate only applies if they add the module", "renewal.coupled"),
    ("bundle both modules and knock some money off", "bundle.separate"),
    ("their CFO is new and has no idea what we did", "stakeholder.no_view"),
    ("the admins are livid after last week's incident", "health.dissatisfied"),
    ("they are running a tender for our category", "renewal.at_risk"),
    ("honestly I doubt they will renew", None),
    ("they told me they won't renew", "renewal.at_risk"),
])
def test_cue_words_name_the_blocker_a_clause_may_state(reader, clause, code):
    found = codes(reader, clause)
    assert (code in found) if code else not found, found


@pytest.mark.parametrize("clause", [
    "this has nothing to do with my quota",
    "I won't tie it to the renewal",
    "no bundle and no discount",
    "they hit their quarterly target",
    "they need it before their fiscal year closes",
    "usage grew a lot this quarter",
    "I'd sell the two separately, no package price",
])
def test_near_misses_are_not_cues(reader, clause):
    assert not codes(reader, clause)


def test_a_negated_phrase_of_the_data_file_reveals_nothing(reader):
    book = reader.book
    tied = reader.drop_negated(parse("should I pitch DQ to Acme, tied to the renewal", book))
    assert [r.id for r in tied.revealed] == ["renewal_tie"]
    untied = reader.drop_negated(parse("should I pitch DQ to Acme, it is not tied to the renewal", book))
    assert untied.revealed == []
    mine = reader.drop_negated(parse("should I pitch DQ to Acme? not to hit my quota, they asked", book))
    assert mine.revealed == []
