"""The AM's words quoted for a reading (spans.py) are found without compiling a pattern per clause,
at the same place as the expression the reading used before (checked against it here)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.conversation.reading import Reader
from assistant.conversation.spans import find

_BETWEEN = r"[^\w']+(?:[\w']+[^\w']+)?"


def _spoken_by_pattern(words: list[str], message: str):
    found = re.search(r"(?<![\w'])" + _BETWEEN.join(re.escape(w) for w in words) + r"(?![\w'])", message,
                      re.IGNORECASE)
    return found.span() if found else None


def _quoted_by_pattern(words: list[str], clause: str):
    found = re.search(r"(?<!\w)" + r"[^\w']+".join(re.escape(w) for w in words) + r"(?![\w'])", clause,
                      re.IGNORECASE)
    return found.span() if found else None


# Letters that compare alike ignoring case in more than one way (long s, Kelvin sign, dotless i,
# micro sign), apostrophes, digits, punctuation and line breaks, as messages hold them.
_CHARS = st.sampled_from(list("abskiABSKI09_%'\u2019 ,.-?()\n") + ["\u017f", "\u212a", "\u0131", "\u0130", "\u00b5",
                                                                    "\u03bc", "\u00df", "\u00e9", "\u00c9"])


@st.composite
def _words_in_text(draw):
    text = draw(st.text(_CHARS, max_size=40))
    pool = text.split() or ["a"]
    words = draw(st.lists(st.one_of(st.sampled_from(pool), st.text(_CHARS.filter(str.strip), min_size=1, max_size=3)),
                          max_size=4))
    cased = draw(st.lists(st.sampled_from([str, str.upper, str.swapcase]), min_size=len(words), max_size=len(words)))
    return [change(w) for change, w in zip(cased, words)], text


@settings(max_examples=200, deadline=None)
@given(_words_in_text())
def test_the_span_is_where_the_expression_finds_the_words(case):
    words, text = case
    if words:
        assert find(words, text, before_apostrophe=False, word_between=True) == _spoken_by_pattern(words, text)
    assert find(words, text, before_apostrophe=True, word_between=False) == _quoted_by_pattern(words, text)


def test_the_words_of_clauses_read_together_are_quoted_from_the_message():
    message = "Had a call with Dana. I really need this in before my Q ends, so can I pitch DQ to Acme?"
    assert Reader._spoken("I really need this in before my Q ends can I pitch DQ to Acme?", message) == \
        "I really need this in before my Q ends, so can I pitch DQ to Acme?"
    assert Reader._spoken("before my quarter ends", "BEFORE MY QUARTER ENDS!") == "BEFORE MY QUARTER ENDS"
    assert Reader._spoken("not in the message", message) == "not in the message"
    assert Reader._quoted("by christmas", "can I pitch Governance to Orchid by Christmas?") == "by Christmas"
    assert Reader._quoted("christmas orchid", "pitch Orchid by Christmas") == "pitch Orchid by Christmas"
    assert Reader._quoted("they're upset", "honestly they\u2019re upset, Dana said") == "they\u2019re upset"


def test_no_pattern_is_compiled_for_a_message_never_seen(monkeypatch):
    compiled = []
    real = re._compile
    monkeypatch.setattr(re, "_compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    message = "Honestly the zqx team at Vantor wants the upgrade before our fiscal year closes, thoughts?"
    assert Reader._spoken("the zqx team at Vantor wants the upgrade before our fiscal year closes", message) == \
        "the zqx team at Vantor wants the upgrade before our fiscal year closes"
    assert Reader._quoted("fiscal year closes", message) == "fiscal year closes"
    assert compiled == []
