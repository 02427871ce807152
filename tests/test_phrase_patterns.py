"""One way to turn a data file's phrases into a regular expression (assistant/phrase_patterns.py),
used by the conversation, the draft checks and the review alike."""

from __future__ import annotations

import re

from assistant.phrase_patterns import alternation


def test_a_longer_phrase_is_tried_before_one_that_starts_it():
    pattern = re.compile(alternation(["per", "per cent", "m", "million"]))
    assert [m.group(0) for m in pattern.finditer("5 per cent, 2 million")] == ["per cent", "million"]


def test_phrases_are_escaped_and_blank_ones_left_out():
    said = alternation(["c++", "", "  ", "a.b"])
    assert re.fullmatch(said, "c++") and re.fullmatch(said, "a.b")
    assert not re.fullmatch(said, "axb") and not re.fullmatch(said, "")


def test_any_spaces_between_the_words_when_asked_for():
    loose, strict = alternation(["not really"], any_spaces=True), alternation(["not really"])
    assert re.fullmatch(loose, "not \t really") and not re.fullmatch(strict, "not  really")
    assert re.fullmatch(loose, "not really") and re.fullmatch(strict, "not really")
