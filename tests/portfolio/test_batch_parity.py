"""The unrendered batch evaluator must agree with engine.evaluate, play by play: same verdict, same
signals and blockers in the same order, and the same rendered blocker messages and remedies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.policy.engine import evaluate
from assistant.policy.plays import candidate_plays
from assistant.policy.batch import BatchEvaluator
from assistant.scenarios import read_scenario
from benchmarks.generate_book import TODAY, generate_accounts, generate_catalog

SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"


def _assert_same(classifier, ruleset, account, catalog, today):
    results = classifier.classify(account, catalog, today)[0]
    plays = list(candidate_plays(account, catalog))
    assert len(results) == len(plays)
    for play, result in zip(plays, results):
        verdict = evaluate(ruleset, account, catalog, play, today)
        where = f"{account.name} / {play.product} / {play.change}"
        assert (result.product, result.change, result.motion) == (verdict.product, verdict.change,
                                                                  verdict.motion.value), where
        assert result.verdict == verdict.verdict.value, where
        assert result.signals == tuple(r.code for r in verdict.signals()), where
        assert result.blockers == tuple(r.code for r in verdict.blockers()), where
        rendered = [(b.code, b.message, b.remedy) for b in result.render_blockers()]
        assert rendered == [(r.code, r.message, r.remedy) for r in verdict.blockers()], where


@pytest.mark.parametrize("cache_entries", [50_000, 40])  # 40: the cache is emptied again and again
def test_generated_book_matches_the_engine(ruleset, cache_entries):
    # One classifier for the whole book: results remembered across accounts must not leak.
    classifier, catalog = BatchEvaluator([ruleset], cache_entries), generate_catalog()
    for account in generate_accounts(150, seed=11):
        _assert_same(classifier, ruleset, account, catalog, TODAY)


@pytest.mark.parametrize("today", [TODAY, dt.date(2026, 6, 20)])  # the second is inside the quota window
def test_shared_scenario_accounts_match_the_engine(ruleset, today):
    files = sorted(Path(SCENARIOS).glob("*.yaml"))
    if not files:
        pytest.skip("shared scenarios not found")
    classifier = BatchEvaluator([ruleset])
    for path in files:
        scenario, _ = read_scenario(path)
        catalog = scenario.resolved_catalog(generate_catalog())
        _assert_same(classifier, ruleset, scenario.account, catalog, today)


def test_derived_facts_fall_back_to_build_facts_on_any_difference(ruleset, monkeypatch):
    from assistant.policy.batch_facts import CandidateFacts

    builder, catalog = CandidateFacts(ruleset.params), generate_catalog()
    derive = builder._derived

    def skewed(*args):  # as if facts.py had gained a play-level fact the derivation misses
        facts, *rest = derive(*args)
        return ({**facts, "extra": 1}, *rest)

    monkeypatch.setattr(builder, "_derived", skewed)
    account = next(generate_accounts(1, seed=2))
    plays = list(candidate_plays(account, catalog))
    builder.start()
    builder(account, catalog, plays[0], TODAY)
    facts = builder(account, catalog, plays[-1], TODAY)[0]
    assert builder.derive is False and "extra" not in facts
