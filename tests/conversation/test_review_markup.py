"""A text pasted with Markdown's markup around it ("**Draft for Oskar**", a quote's "> " on each line, a
"## heading") is still the AM's own text asked about: the markup says nothing of the words, and the ask for
a review is read as if it were not there. Phrasings of this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.review_turn import split_review

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.mark.parametrize("question, head", [
    ("**My email to Priya**\n> Hi Priya, your team closed 96% of the open data tickets since June. Could Data "
     "Quality keep that rate as volumes grow?\n\nthoughts?", "My email to Priya"),
    ("## Email to Lars\n> Hi Lars, Borealis runs 470 of its 500 units every week now. Would more room keep "
     "the routing jobs on time?\n\nhow does this read?", "Email to Lars"),
    ("my draft to Dana:\n> Hi Dana, duplicates fell by half since the rollout. Could we look at what "
     "Data Quality adds next?\n> Best, Jordan\nok to send?", "my draft to Dana"),
])
def test_a_text_pasted_with_markup_is_reviewed(question, head):
    said = split_review(question, PROMPTS)
    assert said is not None and said[0].strip() == head
    assert "**" not in said[1] and not said[1].lstrip().startswith(">")


@pytest.mark.parametrize("question", ["#2 - why not?", "**should I pitch DQ to Acme?**"])
def test_markup_alone_asks_for_no_review(question):
    assert split_review(question, PROMPTS) is None
