"""The plays other than the one named ("lumen - any options besides governance?", "harbor insurance: what else
beyond DQ?") are the account's list, not a check of the play named; a check that mentions something beside
the play ("any upside beyond the renewal in pitching DQ to Acme?") stays the check. Phrasings of this test's
own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, intent", [
    ("lumen - any options besides governance?", "list_plays"),
    ("harbor insurance: what else beyond DQ?", "list_plays"),
    ("orchid pharma, upside other than the platform?", "list_plays"),
    ("is there any upside beyond the renewal in pitching DQ to Acme?", "check_play"),
])
def test_the_plays_beside_one_named_are_the_list(chat, question, intent):
    assert chat().ask(question).intent == intent
