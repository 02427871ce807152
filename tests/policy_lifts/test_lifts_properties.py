"""Property: on generated accounts, applying any suggested lift removes the blocker it is for."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from assistant.policy.engine import evaluate
from assistant.policy.lifts import attach_lifts
from tests.policy_lifts.conftest import TODAY, replay
from tests.policy_lifts.strategies import CATALOG, account_and_play

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@SETTINGS
@given(case=account_and_play())
def test_every_suggested_lift_removes_its_blocker(ruleset, case):
    account, play = case
    verdict = evaluate(ruleset, account, CATALOG, play, TODAY)
    explained = attach_lifts(ruleset, account, CATALOG, play, TODAY, verdict)
    for reason in explained.blockers():
        # every product of the demo catalog serves priorities and names using teams, and every
        # condition of every blocker can be moved, so nothing is out of reach
        assert reason.lifts, f"no lift for {reason.code}: {reason.message}"
        for lift in reason.lifts:
            after = replay(ruleset, account, CATALOG, play, TODAY, lift)
            assert reason.code not in after.codes, (reason.code, lift["what_if"], after.codes)
            assert after.verdict.value == lift["verdict_after"]


@SETTINGS
@given(case=account_and_play())
def test_a_combination_is_only_offered_when_no_single_change_does(ruleset, case):
    account, play = case
    verdict = evaluate(ruleset, account, CATALOG, play, TODAY)
    for reason in attach_lifts(ruleset, account, CATALOG, play, TODAY, verdict).blockers():
        sizes = {len(lift["what_if"]) for lift in reason.lifts}
        assert len(sizes) <= 1, f"{reason.code}: mixed single changes and combinations {sizes}"
        for lift in reason.lifts:
            if len(lift["what_if"]) > 1:  # minimal: dropping any one change brings the blocker back
                for i in range(len(lift["what_if"])):
                    fewer = {**lift, "what_if": lift["what_if"][:i] + lift["what_if"][i + 1:]}
                    assert reason.code in replay(ruleset, account, CATALOG, play, TODAY, fewer).codes
