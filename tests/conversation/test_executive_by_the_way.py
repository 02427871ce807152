"""An executive the play goes to, said with no verb of pitching (POLICY.md `stakeholder.no_view`): the
title right beside the way the play goes ("Delta's CFO for MA?", "MA via their CMO?", "DQ at Acme, to
the CFO this time?"). A title no one of the account on record has is asked about (the record may only
lack them), as when the words pitch them outright; a title only mentioned elsewhere in the message pitches
no one ("their CFO wasn't in the room ... time to upgrade?"). Wordings here are this test's own (blk, s30)."""

from __future__ import annotations

import pytest

NO_VIEW = "stakeholder.no_view"


def _asked(answer) -> set[str]:
    return set(getattr(answer.ask_back, "codes", None) or []) if answer.ask_back is not None else set()


@pytest.mark.parametrize("message", [
    "MA via Delta's CFO?",
    "MA for Delta through their CFO?",
    "Delta CFO + MA?",
    "Acme DQ, with the CFO?",
    "DQ at Acme, to the CFO this time?",
    "what about their CFO for DQ, Acme?",
])
def test_an_executive_the_play_goes_to_is_asked_about(chat, message):
    answer = chat().ask(message)
    assert NO_VIEW in _asked(answer) | {a.rule for a in answer.applied}, (message, answer.ask_back)


def test_a_title_only_mentioned_pitches_no_one(chat):
    answer = chat().ask("the CFO at Acme approved budget for next year, DQ?")
    assert NO_VIEW not in _asked(answer) | {a.rule for a in answer.applied}, (answer.ask_back, answer.applied)


def test_a_title_mentioned_beside_a_pitch_is_never_applied_from_the_way_alone(chat):
    """("to pitch" is no "to the CFO": the executive is only mentioned, at most asked about)"""
    answer = chat().ask("Acme's CFO wasn't at the offsite but Dana owns the budget. time to pitch DQ?")
    assert NO_VIEW not in {a.rule for a in answer.applied}, answer.applied


def test_an_executive_who_asked_for_it_is_not_applied_as_one_without_a_view(chat):
    """(meaning.yaml exec_no_view `calm`: the executive asking for it, "asked whether we could ...")"""
    answer = chat().ask("Robert Vance asked whether we could quote MA for Evergreen - should I send it to him?")
    assert answer.entities.get("person") == "Robert Vance", answer.text
    assert NO_VIEW not in {a.rule for a in answer.applied}, answer.applied
