"""The lift search changes a copy of the account and play per trial (Probe.target): each copy is as
deep as a deep copy (nothing shared with the original or with another trial), made from one pickle
per Probe instead of a deep copy per trial, which cost a chat answer with lifts much of its time."""

from __future__ import annotations

import pytest

from assistant.domain import Account, Play
from assistant.policy.lift_config import load_lift_config
from assistant.policy.lift_search import Probe
from assistant.scenarios import read_scenario
from tests.policy_lifts.conftest import RULES_DIR, scenario_paths

PATHS = scenario_paths()
pytestmark = pytest.mark.skipif(not PATHS, reason="shared scenarios not found")


@pytest.fixture
def probe(ruleset):
    scenario, _ = read_scenario(PATHS[0])
    return Probe(ruleset, scenario.account, scenario.resolved_catalog(None), scenario.play, scenario.today,
                 load_lift_config(RULES_DIR))


def test_each_trial_changes_a_copy_of_its_own(probe):
    before_account, before_play = probe.account.model_dump(), probe.play.model_dump()
    first, second = probe.target(), probe.target()
    assert first.account == probe.account and first.play == probe.play
    assert first.account is not second.account and first.play is not second.play
    first.account.stakeholders.clear()
    first.account.owns[0].used = first.account.owns[0].used + 1
    first.play.product = "something else"
    assert second.account.model_dump() == before_account and second.play.model_dump() == before_play
    assert probe.account.model_dump() == before_account and probe.play.model_dump() == before_play


def test_a_trial_with_a_change_leaves_the_others_alone(probe):
    tied = bool(probe.play.tied_to_renewal)
    changed = probe.target((("tied_to_renewal", not tied),))
    assert changed.play.tied_to_renewal is (not tied)
    assert probe.target().play.tied_to_renewal == probe.play.tied_to_renewal == tied


def test_no_trial_deep_copies_the_account_or_play(probe, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError("deep copy per trial")

    monkeypatch.setattr(Account, "model_copy", refuse)
    monkeypatch.setattr(Play, "model_copy", refuse)
    for _ in range(3):
        probe.target()
