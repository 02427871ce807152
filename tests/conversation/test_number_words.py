"""Numbers said in words (number_words.py, meaning.yaml `number_words:`), read as figures: a blocker
stated in a figure said in words ("sixty two percent to plan", "NPS of minus thirty"), a deadline
on a day said in words ("by the thirty-first"); a lone small number is no figure ("one of the best")."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.cues import Said
from assistant.conversation.deadlines import deadline_reader
from assistant.conversation.figures import compile_figures, read_figures
from assistant.conversation.meaning_spec import load_meaning_spec
from assistant.conversation.number_words import number_words

SPEC = load_meaning_spec(PROJECT_ROOT / "prompts")
LIMITS = {"nps_floor": 0, "csat_floor": 3}


@pytest.mark.parametrize("said, folded", [
    ("sixty two percent", "62 percent"),
    ("a hundred and ten percent", "110 percent"),
    ("two point one out of five", "2.1 out of 5"),
    ("by the thirty first", "by the 31st"),
    ("before the twenty second", "before the 22nd"),
    ("minus thirty", "minus 30"),
])
def test_a_number_said_in_words_is_its_figure(said, folded):
    assert " ".join(number_words(SPEC).fold(said.split()).words) == folded


def test_a_lone_small_number_is_a_figure_only_beside_a_percent_or_a_sign_word():
    numbers = number_words(SPEC)
    strict = dict(strict=True, before=("minus",), after=("percent",))
    assert numbers.fold("one of the best".split(), **strict).words == ("one", "of", "the", "best")
    assert numbers.fold("five percent".split(), **strict).words == ("5", "percent")
    assert numbers.fold("minus ten".split(), **strict).words == ("minus", "10")
    assert numbers.fold("the second call".split(), **strict).words == ("the", "second", "call")


@pytest.mark.parametrize("clause, blocker", [
    ("I'm sitting at sixty two percent to plan", "quota_timing"),
    ("their NPS came back at minus thirty", "unhappy"),
    ("CSAT of two point one after the outage", "unhappy"),
    ("CSAT is one of the best in their industry", None),
    ("NPS of seventy", None),
    ("I'm at a hundred and ten percent of plan", None),
])
def test_a_figure_said_in_words_states_its_blocker(clause, blocker):
    stated = read_figures(compile_figures(SPEC), clause, LIMITS)
    assert stated == (frozenset({blocker}) if blocker else frozenset())


@pytest.mark.parametrize("clause, day, phrase", [
    ("get it signed by the thirty-first", dt.date(2026, 12, 31), "by the thirty first"),
    ("lock it before the twenty second", dt.date(2026, 12, 22), "before the twenty second"),
    ("sign it by dec twenty-nine", dt.date(2026, 12, 29), "by dec twenty nine"),
])
def test_a_day_said_in_words_is_a_deadline_quoted_as_said(clause, day, phrase):
    found = deadline_reader(SPEC).find(Said.of(clause), dt.date(2026, 12, 15), dt.date(2026, 12, 31))
    assert (found.date, found.phrase) == (day, phrase)
