"""The phrasings file: at least 90 phrasings, and at least 95% of them understood."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings, run_phrasings
from tests.conversation.conftest import NoKnowledge

PHRASINGS = Path(__file__).with_name("phrasings.yaml")
REQUIRED_ACCURACY = 0.95


@pytest.mark.slow  # the reading by meaning loads the embedding model
def test_phrasings_are_understood(coach, embedder):
    spec = load_phrasings(PHRASINGS)
    from assistant.conversation import Conversation

    report = run_phrasings(spec, lambda session: Conversation(coach, session, spec.user, today=spec.today,
                                                              knowledge=NoKnowledge(), embed=embedder))
    assert len(report.results) >= 90
    follow_ups = [c for c in spec.cases if len(c.turns) > 1]
    assert len(follow_ups) >= 10
    failures = "\n".join(f"{r.case}: {r.say!r}: {'; '.join(r.problems)}" for r in report.failures())
    assert report.accuracy >= REQUIRED_ACCURACY, f"accuracy {report.accuracy:.1%}:\n{failures}"
