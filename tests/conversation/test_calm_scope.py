"""Words that say a blocker is not so ("their renewal is on track", "Oskar saw the results", "no
rush on my side") act on their own clause and on the clauses before them, not on a clause said of
someone else (another account, another person or title), and a clause after them that states the
blocker anyway is asked about: they no longer silence the whole message. Phrasings are this test's own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # read by meaning: the embedding model


def _seen(answer) -> set[str]:
    return {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else ())


@pytest.mark.parametrize("message, code", [
    # said of someone else: the blocker stated of the play's account or executive stands
    ("should I pitch Governance to Lumen? Oskar saw the results, but I'd take it straight to the CFO who "
     "hasn't seen any of it", "stakeholder.no_view"),
    ("can I pitch MA to Delta? Acme chose us again last month, Delta is shopping around though", "renewal.at_risk"),
    ("Acme DQ? Gale's renewal is on track, Acme's is in doubt", "renewal.at_risk"),
    ("should I pitch DQ to Acme? no rush on my side for Delta, but for Acme I need it for my number",
     "timing.quota_driven"),
    # the calm words first, the blocker stated after them anyway: at least asked about
    ("pitch more Kestrel seats? their renewal is on track but they're talking to a competitor", "renewal.at_risk"),
    # an end of the trouble denied is none ("nobody's fixed them")
    ("Harbor's analysts are still fuming about the sync bugs, four tickets open and nobody's fixed them. DQ?",
     "health.dissatisfied"),
    # calm words inside a longer phrase of the blocker that says they are not so
    ("Harbor's renewal is far from locked in, tier upgrade?", "renewal.at_risk"),
    # (the category between the words of a phrase: "reviewing every <category> vendor")
    ("Kestrel told me they're reviewing every BI vendor next year. Studio seats?", "renewal.at_risk"),
])
def test_calm_words_do_not_silence_a_blocker_stated_elsewhere(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), (answer.text, [(a.rule, a.phrase) for a in answer.applied])


@pytest.mark.parametrize("message", [
    # calm words after the blocker's words, of the same play: taken back, as before
    "should I pitch DQ to Acme? my quarter ends in December, but that's not why I'm asking",
    "should I pitch DQ to Acme? my quarter is fine, not why I'm asking",
    "pitch DQ to Acme? they're not unhappy, just busy",
    "pitch more Kestrel seats? they talked to a competitor but Ben turned them down flat",
])
def test_calm_words_of_the_same_play_still_take_it_back(chat, message):
    answer = chat().ask(message)
    assert not _seen(answer), (answer.text, [(a.rule, a.phrase) for a in answer.applied])
