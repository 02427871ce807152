"""Reading the three parts out of a model reply: fenced JSON, bare JSON, labelled lines;
anything else is a DraftFailure."""

from __future__ import annotations

import pytest

from assistant.drafting import DraftFailure
from assistant.drafting.parsing import parse_parts

PARTS = {"outcome_anchor": "You reached 4.2M.", "next_step": "The next step is capacity.", "ask": "We would propose it."}


@pytest.mark.parametrize("raw", [
    '```json\n{"outcome_anchor": "You reached 4.2M.", "next_step": "The next step is capacity.", '
    '"ask": "We would propose it."}\n```',
    'Sure! Here it is: {"outcome_anchor": "You reached 4.2M.", "next_step": "The next step is capacity.", '
    '"ask": "We would propose it."} Hope that helps.',
    '{"Outcome anchor": "You reached 4.2M.", "Next step": "The next step is capacity.", "Ask": "We would propose it."}',
    "Outcome anchor: You reached 4.2M.\nNext step: The next step is capacity.\nAsk: We would propose it.",
    "1. **Outcome anchor:** You reached 4.2M.\n2. **Next-step framing:** The next step is capacity.\n"
    "3. **Outcome-linked ask:** We would propose it.",
    "outcome_anchor = You reached\n  4.2M.\n\nnext_step = The next step is capacity.\nask = We would propose it.",
])
def test_accepted_shapes(raw):
    parts = parse_parts(raw, 600)
    assert {k: getattr(parts, k) for k in PARTS} == PARTS
    assert parts.raw == raw


@pytest.mark.parametrize("raw, reason", [
    ("", "empty"),
    ("   \n ", "empty"),
    ("I am sorry, I cannot help with that.", "does not contain"),
    ('{"outcome_anchor": "You reached 4.2M.", "ask": "We would propose it."}', "next_step"),
    ('{"outcome_anchor": "...", "next_step": "...", "ask": "..."}', "does not contain"),
    ('{"outcome_anchor": {"metric": "x"}, "next_step": "a", "ask": "b"}', "does not contain"),
    ("{not json at all", "does not contain"),
])
def test_garbage_is_a_draft_failure(raw, reason):
    with pytest.raises(DraftFailure, match=reason) as caught:
        parse_parts(raw, 600, prompt=[{"role": "user", "content": "p"}])
    assert caught.value.raw == raw and caught.value.prompt


def test_too_long_part():
    raw = '{"outcome_anchor": "%s", "next_step": "The next step.", "ask": "We would propose it."}' % ("word " * 200)
    with pytest.raises(DraftFailure, match="longer than 600 characters"):
        parse_parts(raw, 600)
