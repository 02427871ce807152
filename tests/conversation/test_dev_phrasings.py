"""The development set (dev_phrasings.yaml): its tuned part must stay read at the issue's
targets. Its held-out part is scored by the benchmark and reported (benchmarks/RESULTS-
conversation.md); it was not used while tuning."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings, run_phrasings
from tests.conversation.conftest import NoKnowledge

DEV = Path(__file__).with_name("dev_phrasings.yaml")


def test_the_development_set_is_split_and_large_enough():
    tuned, held_out = load_phrasings(DEV, "tune"), load_phrasings(DEV, "held_out")
    singles = [c for c in tuned.cases + held_out.cases if len(c.turns) == 1]
    sessions = [c for c in tuned.cases + held_out.cases if len(c.turns) > 1]
    assert len(singles) >= 150 and len(sessions) >= 20
    assert 0.25 <= len(held_out.cases) / (len(tuned.cases) + len(held_out.cases)) <= 0.4


@pytest.mark.slow  # the reading by meaning loads the embedding model
def test_the_tuned_part_of_the_development_set_is_read(coach, embedder):
    from assistant.conversation import Conversation

    spec = load_phrasings(DEV, "tune")
    report = run_phrasings(spec, lambda session: Conversation(coach, session, spec.user, today=spec.today,
                                                              knowledge=NoKnowledge(), embed=embedder))
    failures = "\n".join(f"{r.case}: {r.say!r}: {'; '.join(r.problems)}" for r in report.failures())
    assert report.accuracy >= 0.95, f"accuracy {report.accuracy:.1%}:\n{failures}"
    seen, stated = report.blocker_recall()
    assert seen / stated >= 0.95, report.missed_blockers()
    blocker_codes = {c for c, s in coach.ruleset.reason_codes.items() if s.get("kind") in ("blocker", "note")}
    wrong, free = report.false_positives(blocker_codes)
    asked, _ = report.needless_questions()
    assert len(wrong) / free <= 0.05 and len(asked) / free <= 0.10
