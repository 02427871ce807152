"""The batch evaluator's codes-only evaluation agrees with engine.evaluate, play for play."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from assistant.policy.engine import evaluate
from assistant.policy.errors import RuleLoadError
from assistant.policy.plays import candidate_plays
from assistant.policy.batch import BatchEvaluator
from assistant.policy.batch_facts import CandidateFacts
from assistant.policy.facts import build_facts
from assistant.policy.rules import load_ruleset
from assistant.scenarios import read_scenario
from assistant.yaml_io import read_yaml
from tests.policy_lifts.conftest import RULES_DIR, TODAY, scenario_paths
from tests.policy_lifts.strategies import CATALOG, account_and_play, accounts

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def stricter(tmp_path_factory):
    params = read_yaml(RULES_DIR / "parameters.yaml")
    params.update(saturation=0.9, adoption_floor=0.7, nps_floor=10, quota_window_days=30)
    path = tmp_path_factory.mktemp("params") / "stricter.yaml"
    path.write_text(yaml.safe_dump(params))
    return load_ruleset(RULES_DIR, params_file=path)


def play_facts(account, catalog, play, today):
    facts, _product, motion, _change, _alignment = build_facts(account, catalog, play, today, {})
    return facts, motion.value


def _check(evaluator, rulesets, account, catalog, play, today):
    facts, motion = play_facts(account, catalog, play, today)
    got = evaluator.evaluate(facts, motion)
    for ruleset, (codes, verdict) in zip(rulesets, got):
        expected = evaluate(ruleset, account, catalog, play, today)
        assert (codes, verdict) == (expected.codes, expected.verdict.value)


@pytest.mark.parametrize("path", scenario_paths(), ids=lambda p: p.stem)
def test_scenarios_and_their_candidate_plays(ruleset, stricter, path):
    scenario, _ = read_scenario(path)
    catalog = scenario.resolved_catalog(None)
    evaluator = BatchEvaluator([ruleset, stricter])
    for play in [scenario.play, *candidate_plays(scenario.account, catalog)]:
        _check(evaluator, [ruleset, stricter], scenario.account, catalog, play, scenario.today)


@SETTINGS
@given(case=account_and_play())
def test_generated_plays_under_two_rule_sets(ruleset, stricter, case):
    account, play = case
    # one evaluator across examples, as in a book scan: nothing may leak from the previous play
    evaluator = _shared(ruleset, stricter)
    _check(evaluator, [ruleset, stricter], account, CATALOG, play, TODAY)


_EVALUATORS: dict = {}


def _shared(*rulesets):
    key = tuple(id(r) for r in rulesets)
    return _EVALUATORS.setdefault(key, BatchEvaluator(list(rulesets)))


@SETTINGS
@given(account=accounts())
def test_facts_derived_per_candidate_play_equal_facts_built_per_play(ruleset, account):
    builder = CandidateFacts(ruleset.params)
    builder.start()
    for play in candidate_plays(account, CATALOG):
        assert builder(account, CATALOG, play, TODAY)[0] == build_facts(account, CATALOG, play, TODAY, ruleset.params)[0]
    assert builder.derive


@SETTINGS
@given(account=accounts())
def test_classify_under_two_rule_sets_equals_the_engine(ruleset, stricter, account):
    evaluator = _shared(ruleset, stricter)
    plays = list(candidate_plays(account, CATALOG))
    for ruleset_, results in zip([ruleset, stricter], evaluator.classify(account, CATALOG, TODAY)):
        assert len(results) == len(plays)
        for play, result in zip(plays, results):
            expected = evaluate(ruleset_, account, CATALOG, play, TODAY)
            assert (list(result.codes), result.verdict) == (expected.codes, expected.verdict.value)


def test_parameters_become_literals_of_the_right_type():
    from assistant.policy.cel_source import specialised

    params = {"floor": 0, "share": 0.85, "reasons": ["quota", "it's"], "flag": True}
    source = 'x < params.floor && y >= params.share && r in params.reasons && params.flag && "params.floor" != z'
    assert specialised(source, params) == (
        'x < 0 && y >= 0.85 && r in ["quota", "it\'s"] && true && "params.floor" != z')


def test_a_broken_proposed_rule_is_reported_with_its_file(tmp_path):
    import shutil

    shutil.copytree(RULES_DIR, tmp_path / "rules")
    (tmp_path / "rules" / "policy" / "zz-broken.yaml").write_text(
        "- id: broken\n  code: no_signals\n  motions: [upsell]\n  effect: hold\n  when: 'health.nps + \"x\" == 1'\n"
        "  message: m\n  remedy: r\n  cites: [no-signals-no-push]\n")
    try:
        broken = load_ruleset(tmp_path / "rules")
    except RuleLoadError:
        pytest.skip("the loader already rejects this rule")
    account = _healthy()
    from assistant.policy.engine import RuleEvaluationError

    with pytest.raises(RuleEvaluationError, match="zz-broken.yaml"):
        BatchEvaluator([broken]).evaluate(*play_facts(account, CATALOG, next(candidate_plays(account, CATALOG)),
                                                         TODAY))


def _healthy():
    from assistant.domain import Account

    return Account.model_validate({"name": "H", "owns": [{"product": "Data Platform", "capacity": 10, "used": 9}],
                                   "health": {"nps": 10}})


def test_reads_knows_which_facts_the_rules_read(ruleset):
    evaluator = BatchEvaluator([ruleset])
    assert evaluator.reads("product.utilization") and evaluator.reads("play.pitch_to")
    assert evaluator.reads("play.pitch_to.is_executive") and evaluator.reads("product.strategy_linked_kinds")
    assert not evaluator.reads("play.change") and not evaluator.reads("play.product")
    # evidence only: the labelled strategy lists are never read by a condition
    assert not evaluator.reads("product.strategy_linked") and not evaluator.reads("account.strategy_kinds")
