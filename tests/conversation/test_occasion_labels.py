"""A label before a colon that names the occasion the question comes up in ("commit call: ...", "pipeline
review: ...": meaning.yaml `occasion_labels`, occasion.py) tells no fact of the play and asks nothing: its
"commit" is no quota of ours said, its "review" asks for no QBR. The same words said as a fact still are
one. This file's own wordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.meaning_spec import load_meaning_spec
from assistant.conversation.occasion import label_end, without_label

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
QUOTA = "timing.quota_driven"


@pytest.fixture(scope="module")
def labels():
    return load_meaning_spec(PROMPTS).occasion_labels


def test_a_few_words_naming_an_occasion_before_a_colon_are_its_label(labels):
    assert without_label("Commit call: Gale capacity, in or out?", labels) == "Gale capacity, in or out?"
    assert without_label("weekly pipeline review: DQ at Acme?", labels) == "DQ at Acme?"
    for message in ("my quota is at risk: DQ at Acme?",  # (no occasion: a fact, read as said)
                    "call at 10:30, DQ at Acme?",  # (no colon after the label's words)
                    "so after the long and painful forecast call with my manager: DQ at Acme?"):  # (too long)
        assert label_end(message, labels) == 0, message


def test_an_occasion_label_states_no_quota(chat):
    answer = chat().ask("commit call: Gale capacity, in or out?")
    assert (answer.entities.get("account"), answer.entities.get("change")) == ("Gale Logistics", "more_capacity")
    assert QUOTA not in {a.rule for a in answer.applied}, answer.applied


def test_the_same_words_said_as_a_fact_still_state_it(chat):
    answer = chat().ask("my commit call is Friday and I need Gale capacity in, go?")
    assert QUOTA in {a.rule for a in answer.applied}, answer.applied


def test_an_occasion_label_asks_for_no_qbr(chat):
    answer = chat().ask("pipeline review: anything at Orchid I should be chasing?")
    assert (answer.intent, answer.entities.get("account")) == ("list_plays", "Orchid Pharma"), answer.text
