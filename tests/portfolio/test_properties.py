"""Properties: adding a signal never lowers an account's rank; a blocked account is never in
the focus list. Checked on summaries (fast, any code mix) and on generated accounts through the
real rules."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.domain import Account
from assistant.policy.batch import BatchEvaluator
from assistant.portfolio.ranking import AccountSummary, cut, density, rank, summarize
from tests.portfolio.conftest import TODAY
from tests.support.strategies import accounts

SIGNALS = ["usage.saturation", "usage.ceiling", "usage.adjacent_feature", "usage.organic_growth", "outcome.met",
           "outcome.public_attribution", "outcome.case_study", "strategy.initiative", "strategy.buyer_hire",
           "strategy.growth", "customer.expressed_need", "timing.milestone"]
NAMES = [f"acct-{i:02d}" for i in range(30)]


def _summary(params, name, codes, pitch_plays=1):
    score, counts, ordered = density(codes, params)
    return AccountSummary(name, None, ordered, counts, score, None, pitch_plays, (), None)


def _position(ranked, name):
    return [s.account for s in ranked].index(name)


# On a loaded machine (2 cores shared by several test runs) generating the examples can take
# longer than Hypothesis allows (the too_slow health check failed once, a deadline could too):
# what these properties check does not depend on speed, so neither is checked here. The
# `params`, `ruleset` and `catalog` fixtures are read-only, so reusing them across examples is safe.
UNDER_LOAD = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FAST = settings(**UNDER_LOAD)
SLOW = settings(max_examples=60, **UNDER_LOAD)

books = st.dictionaries(st.sampled_from(NAMES), st.tuples(st.sets(st.sampled_from(SIGNALS)), st.integers(0, 3)),
                        min_size=1, max_size=30)


@FAST
@given(book=books, data=st.data())
def test_adding_a_signal_never_lowers_rank_summaries(params, book, data):
    name = data.draw(st.sampled_from(sorted(book)))
    codes, pitch = book[name]
    new = data.draw(st.sampled_from([c for c in SIGNALS if c not in codes] or SIGNALS))
    before = rank(_summary(params, n, c, p) for n, (c, p) in book.items())
    after_book = {**book, name: (codes | {new}, pitch)}
    after = rank(_summary(params, n, c, p) for n, (c, p) in after_book.items())
    assert _position(after, name) <= _position(before, name)


@FAST
@given(book=books, share=st.floats(0, 1), minimum=st.integers(0, 12))
def test_blocked_accounts_are_never_in_focus_summaries(params, book, share, minimum):
    p = params.model_copy(update={"focus_share": share, "focus_min": minimum})
    ranked = rank(_summary(params, n, c, pitch) for n, (c, pitch) in book.items())
    split = cut(ranked, p)
    assert all(s.pitch_plays > 0 for s in split.focus + split.later)
    assert {s.account for s in split.blocked} == {n for n, (_, pitch) in book.items() if pitch == 0}
    pitchable = [s for s in ranked if s.pitch_plays > 0]
    assert split.focus == pitchable[:split.focus_size]  # the top of the pitchable accounts, in rank order


def _add_signal(data: dict, which: str) -> dict:
    """The account with one more signal-bearing fact (nothing else changed)."""
    out = copy.deepcopy(data)
    owned = out["owns"][0]
    if which == "saturation":
        owned["used"] = owned["capacity"]
    elif which == "organic":
        out["usage"]["organic_new_users_90d"] = owned["capacity"]
    elif which == "met":
        out["outcomes"].append({"metric": "renewal cost", "met": True})
    elif which == "case_study":
        out["outcomes"].append({"metric": "reference", "case_study": True})
    elif which == "need":
        out["needs_expressed"].append("Data Platform")
    else:
        out["strategy"].append({"kind": which})
    return out


ADDITIONS = ["saturation", "organic", "met", "case_study", "need", "initiative", "buyer_hire", "growth"]


@SLOW
@given(target=accounts(), others=st.lists(accounts(), max_size=6), which=st.sampled_from(ADDITIONS))
def test_adding_a_signal_never_lowers_rank_accounts(ruleset, catalog, params, target, others, which):
    classifier = BatchEvaluator([ruleset])

    def summary(data, name):
        account = Account.model_validate({**data, "name": name})
        return summarize(account, classifier.classify(account, catalog, TODAY)[0], params)

    rest = [summary(data, f"other-{i}") for i, data in enumerate(others)]
    before, after = summary(target, "target"), summary(_add_signal(target, which), "target")
    assert set(before.signals) <= set(after.signals)
    assert after.score >= before.score
    assert _position(rank(rest + [after]), "target") <= _position(rank(rest + [before]), "target")


@SLOW
@given(book=st.lists(accounts(), min_size=1, max_size=12), minimum=st.integers(0, 5))
def test_blocked_accounts_are_never_in_focus_accounts(ruleset, catalog, params, book, minimum):
    classifier = BatchEvaluator([ruleset])
    summaries = []
    for i, data in enumerate(book):
        account = Account.model_validate({**data, "name": f"acct-{i}"})
        summaries.append(summarize(account, classifier.classify(account, catalog, TODAY)[0], params))
    split = cut(rank(summaries), params.model_copy(update={"focus_min": minimum}))
    assert all(s.best.verdict == "pitch" for s in split.focus)
    for s in split.blocked:
        assert s.best.verdict != "pitch" and s not in split.focus
        assert s.blockers and all(b.remedy for b in s.blockers)  # every blocked account says why and what to do


def test_every_property_here_tolerates_a_loaded_machine():
    # Each property runs without a deadline and without the too_slow health check (see UNDER_LOAD).
    properties = [f for name, f in globals().items() if name.startswith("test_") and hasattr(f, "hypothesis")]
    assert len(properties) == 4
    for prop in properties:
        chosen = prop._hypothesis_internal_use_settings
        assert chosen.deadline is None and HealthCheck.too_slow in chosen.suppress_health_check, prop.__name__
