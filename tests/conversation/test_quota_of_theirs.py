"""A quota of the customer's or of something metered ("their API quota", "the ingestion quota", "a
cloud quota") is a limit of theirs, not our sales quota: no quota-driven timing is applied
from it (meaning.yaml, the cues' `none` words, which the data file's phrases obey too). Our own quota
beside it is still read. A question whether anything speaks against a play ("any reason not to tie it
to the renewal?") proposes what follows: its "not" denies nothing (`suggests`). Phrasings here are this
test's own; blk_wordings_s33.yaml holds the wordings written before the change, read in full below."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes, load_phrasings, run_phrasings
from tests.conversation.conftest import NoKnowledge

OWN = Path(__file__).parent / "blk_wordings_s33.yaml"


@pytest.mark.parametrize("message, code, read", [
    ("Orchid runs into their storage quota each month end close, is more capacity worth raising?",
     "timing.quota_driven", False),
    ("Juniper's api quota keeps throttling the nightly sync. upgrade them?", "timing.quota_driven", False),
    ("Ironwood's cloud quota got capped by their host again, more volume?", "timing.quota_driven", False),
    ("the event quota on Harbor's platform is nearly used up every week, more capacity?", "timing.quota_driven", False),
    # our own quota beside theirs is still read
    ("Juniper's api quota is fine, I just need this deal for my quota. upgrade them?", "timing.quota_driven", True),
    ("I'm behind on quota this quarter, is Harbor ready for more capacity?", "timing.quota_driven", True),
    # whether anything speaks against it proposes what follows
    ("any reason not to fold the Governance deal into Fjord's renewal?", "renewal.coupled", True),
    ("is there a reason not to link Lumen's governance purchase to their renewal terms?", "renewal.coupled", True),
])
def test_whose_quota_and_what_is_proposed(chat, message, code, read):
    answer = chat().ask(message)
    assert (code in applied_rules(answer) | asked_codes(answer)) == read


@pytest.mark.slow  # the reading by meaning loads the embedding model
def test_the_blocker_wordings_written_before_the_change(coach, embedder):
    from assistant.conversation import Conversation

    spec = load_phrasings(OWN)
    report = run_phrasings(spec, lambda s: Conversation(coach, s, None, today=spec.today,
                                                        knowledge=NoKnowledge(), embed=embedder))
    codes = {c for c, s in coach.ruleset.reason_codes.items() if s.get("kind") in ("blocker", "note")}
    wrong, _ = report.false_positives(codes)
    seen, stated = report.blocker_recall()
    assert seen == stated, report.missed_blockers()
    assert not wrong, [r.say for r in wrong]
    assert report.accuracy >= 0.95, [(r.say, r.problems) for r in report.failures()]


@pytest.mark.parametrize("message", [
    "I need it for my quota, they need it live before their audit too, Studio seats for Kestrel?",  # (not lost)
    "can I close more Studio seats at Kestrel this quarter? their finance team just freed up budget",
])
def test_our_quarter_beside_the_customers_reason_is_asked_not_applied(chat, message):
    answer = chat().ask(message)
    assert "timing.quota_driven" in asked_codes(answer) - applied_rules(answer), (answer.ask_back, answer.applied)
