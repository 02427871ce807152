"""The QBR shows each strategic event with its link to a use case, or says the link is not on record."""

from __future__ import annotations

from assistant.talk_tracks.qbr import qbr_talk_track
from assistant.policy.plays import evaluate_all

from .conftest import PROMPTS


def _qbr(world, ruleset, settings, checks, prefix):
    w = world(prefix)
    verdicts = evaluate_all(ruleset, w.account, w.catalog, w.scenario.today)
    return qbr_talk_track(w.account, verdicts, w.catalog, settings, checks=checks)


def test_linked_event_shows_what_it_relates_to(world, ruleset, settings, checks):
    qbr = _qbr(world, ruleset, settings, checks, "11")
    assert [(s.kind, s.relates_to) for s in qbr.strategy] == [("initiative", ["data trust"])]
    text = qbr.render_markdown(PROMPTS)
    assert "## Strategic context" in text
    assert "initiative: board-level data trust program for the fiscal year: relates to data trust" in text


def test_unlinked_event_says_the_link_is_not_on_record(world, ruleset, settings, checks):
    qbr = _qbr(world, ruleset, settings, checks, "02")
    assert qbr.strategy[0].relates_to is None
    assert "which priority it serves is not on record yet" in qbr.render_markdown(PROMPTS)
