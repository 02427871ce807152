"""How the sets score a fact carried from an earlier turn (evaluation.py, `false_positives`): on a
follow-up on the play ("why not?", "who should sponsor it?", "draft it") a fact the AM stated earlier at
the same account holds and is shown again as said earlier; that is no blocker applied from the
follow-up's own words. Anything else applied to a blocker-free turn still counts: a fact never stated
in the case, one stated at another account, one matched in the turn's own words, and one kept on a
check (where a take-back is read)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation.answer import Answer, Applied
from assistant.conversation.evaluation import Case, Expect, PhrasingsFile, Turn, run_phrasings

CODE = "timing.quota_driven"


def _answer(intent, account, how=None):
    applied = [Applied(id="quarter_end", phrase="before my quarter ends", sets={}, rule=CODE, fired=True,
                       says="quota", how=how)] if how else []
    return Answer(intent=intent, text="", question="", session_id="s", entities={"account": account},
                  applied=applied)


class _Scripted:
    """A conversation that answers each turn with the answer scripted for it."""

    def __init__(self, answers):
        self.answers = iter(answers)

    def ask(self, text):
        return next(self.answers)


def _report(turns):
    """turns: (expected intent, expected account, blockers expected, how the coach applied the fact)."""
    case = Case(turns=[Turn(say=f"turn {n}", expect=Expect(intent=i, account=a, blockers=b))
                       for n, (i, a, b, _) in enumerate(turns)])
    spec = PhrasingsFile(today=dt.date(2026, 12, 2), cases=[case])
    return run_phrasings(spec, lambda s: _Scripted([_answer(i, a, how) for i, a, _, how in turns]))


@pytest.mark.parametrize("follow_up", ["why_not", "why", "who_sponsor", "draft"])
def test_a_fact_stated_earlier_is_no_false_positive_on_a_follow_up(follow_up):
    report = _report([("check_play", "Acme Corp", [CODE], "phrase"), (follow_up, None, [], "earlier")])
    wrong, free = report.false_positives({CODE})
    assert (len(wrong), free) == (0, 1)


@pytest.mark.parametrize("turns", [
    # never stated in the case
    [("check_play", "Acme Corp", [], None), ("why_not", None, [], "earlier")],
    # stated at another account
    [("check_play", "Kestrel Outdoor", [CODE], "phrase"), ("why_not", "Acme Corp", [], "earlier")],
    # matched in the follow-up's own words
    [("check_play", "Acme Corp", [CODE], "phrase"), ("why_not", None, [], "phrase")],
    # kept on a check: a take-back ("what if it weren't for my quarter?") is read as one
    [("check_play", "Acme Corp", [CODE], "phrase"), ("check_play", "Acme Corp", [], "earlier")],
])
def test_anything_else_applied_to_a_blocker_free_turn_counts(turns):
    wrong, _ = _report(turns).false_positives({CODE})
    assert len(wrong) == 1
