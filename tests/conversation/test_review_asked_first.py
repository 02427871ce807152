"""An ask for a review before the AM's own text, in the shapes typed and said on the go: a line break typed
as " / " ("quick look pls / Hi Dana, ..."), the text read out after "it says" ("can you check what I wrote to
Nadia, it says, um, hello Nadia, ..."), and a quoted text after asking whether it is ok to send ("safe to send
to Pia? '...'"). Someone else's words reported the same way stay a story. Phrasings of this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.review_turn import split_review

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.mark.parametrize("question, head", [
    ("quick review pls / Hi Dana, duplicates fell by half since the rollout. Could Data Quality keep that up? Jordan",
     "quick review pls"),
    ("feedback on my email / Priya, your team closed most of the open tickets. Worth a call about DQ next week?",
     "feedback on my email"),
    ("ok so can you check what I wrote to Nadia, it says, um, hello Nadia, the network team is close to its "
     "volume limit so a bigger plan could help, so yeah does that work", "ok so can you check what I wrote to Nadia"),
    ("have a look at my note for Lars, it reads like, hi Lars, Borealis runs most of its units every week now "
     "and more room would keep routing on time", "have a look at my note for Lars"),
    ("safe to send to Pia? \"Pia, the upgrade would give your team the audit trail you asked about last week\"",
     "safe to send to Pia?"),
    ("is this good to send to Oskar? 'Oskar, a three year term would lock in this year's price for the whole team'",
     "is this good to send to Oskar?"),
])
def test_the_ask_then_the_text_is_a_review(question, head):
    said = split_review(question, PROMPTS)
    assert said is not None and said[0].strip() == head


@pytest.mark.parametrize("question", [
    "Dana wrote back, it says, hi Jordan, we are not ready for anything new this quarter sorry",
    "Ingrid emailed: 'We are not ready for anything new this quarter, sorry' is it ok to send a reply now?",
    "Acme DQ / Hi Dana, we would love to show you what Data Quality could do for the team this month",
])
def test_no_ask_for_a_review_or_someone_elses_words_is_no_review(question):
    assert split_review(question, PROMPTS) is None
