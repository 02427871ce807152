"""A hand-computed book: density scores, the ranking order, the focus cut, blocked accounts."""

from __future__ import annotations

import pytest

from assistant.policy.batch import BatchEvaluator
from assistant.portfolio.plan import plan_from_summaries, summarize_book
from assistant.portfolio.ranking import AccountSummary, cut, density, focus_size, rank
from tests.portfolio.conftest import TODAY

# weights (rules/portfolio.yaml): usage 3, outcome 2, strategy 1, customer 1
BOOK = {
    "Alpha": dict(utilization=0.92, met=True, strategy=("initiative",)),    # 3 + 2 + 1 = 6, pitch
    "Bravo": dict(utilization=0.9, met=True),                                # 3 + 2     = 5, pitch
    "Charlie": dict(met=True, case_study=True, strategy=("buyer_hire",)),    # 2 + 2 + 1 = 5, pitch
    "Delta": dict(utilization=0.9, met=True, nps=-10),                       # 3 + 2     = 5, hold
    "Echo": dict(utilization=0.4, met=False),                                # 0, intervene
}


@pytest.fixture
def summaries(account, ruleset, catalog, params):
    accounts = [account(name, **kw) for name, kw in BOOK.items()]
    return summarize_book(accounts, ruleset, catalog, TODAY, params)


def test_density_score_is_the_weighted_sum_by_layer(params):
    score, counts, codes = density(["outcome.met", "usage.saturation", "strategy.growth", "usage.saturation",
                                    "customer.expressed_need"], params)
    assert counts == (1, 1, 1, 1)
    assert score == 3 + 2 + 1 + 1
    assert codes == ("usage.saturation", "outcome.met", "strategy.growth", "customer.expressed_need")


def test_summaries_carry_signals_best_play_and_score(summaries):
    by_name = {s.account: s for s in summaries}
    alpha = by_name["Alpha"]
    assert alpha.signals == ("usage.saturation", "outcome.met", "strategy.initiative")
    assert alpha.score == 6 and alpha.layer_counts == (1, 1, 1, 0)
    assert alpha.pitch_plays == 2 and alpha.best.verdict == "pitch"
    assert (alpha.best.product, alpha.best.change, alpha.best.motion) == ("Data Platform", "more_capacity", "upsell")
    assert alpha.blockers == ()
    assert by_name["Charlie"].score == 5 and by_name["Charlie"].layer_counts == (0, 2, 1, 0)


def test_ranking_order_score_then_layers_in_framework_order_then_name(summaries):
    # Bravo, Charlie and Delta all score 5: Bravo and Delta have a usage signal (usage comes
    # first), Charlie does not; Bravo and Delta tie on every layer, so the name decides.
    assert [s.account for s in rank(summaries)] == ["Alpha", "Bravo", "Delta", "Charlie", "Echo"]


def test_focus_cut_takes_the_top_pitchable_accounts_and_lists_blocked_apart(summaries, params):
    small = params.model_copy(update={"focus_share": 0.2, "focus_min": 2})
    split = cut(rank(summaries), small)
    assert split.focus_size == 2
    assert [s.account for s in split.focus] == ["Alpha", "Bravo"]
    assert [s.account for s in split.later] == ["Charlie"]
    assert [s.account for s in split.blocked] == ["Delta", "Echo"]


def test_blocked_accounts_list_their_blockers_with_remedies(summaries):
    by_name = {s.account: s for s in summaries}
    delta = by_name["Delta"]
    assert delta.pitch_plays == 0 and delta.best.verdict == "hold"
    assert [b.code for b in delta.blockers] == ["health.dissatisfied"]
    assert "NPS -10" in delta.blockers[0].message and delta.blockers[0].remedy
    echo = by_name["Echo"]
    assert echo.best.verdict == "intervene"
    assert [b.code for b in echo.blockers] == ["adoption.gap", "value.not_proven"]
    assert all(b.remedy for b in echo.blockers)


def test_plan_ranks_are_positions_in_the_whole_book(summaries, ruleset, params):
    small = params.model_copy(update={"focus_min": 2})
    plan = plan_from_summaries(summaries, ruleset, TODAY, small)
    assert [(e.rank, e.summary.account) for e in plan.focus] == [(1, "Alpha"), (2, "Bravo")]
    assert [(e.rank, e.summary.account) for e in plan.later] == [(4, "Charlie")]
    assert [(e.rank, e.summary.account) for e in plan.blocked] == [(3, "Delta"), (5, "Echo")]
    assert plan.book_size == 5 and plan.ruleset_version == ruleset.version


@pytest.mark.parametrize("book, share, minimum, expected", [
    (60, 0.20, 10, 12),    # 20% of 60
    (30, 0.20, 10, 10),    # 20% is 6: the minimum wins
    (51, 0.20, 10, 11),    # 10.2 rounds up: at least 20% of the book
    (0, 0.20, 10, 10),
])
def test_focus_size_is_the_larger_of_share_and_minimum(params, book, share, minimum, expected):
    assert focus_size(book, params.model_copy(update={"focus_share": share, "focus_min": minimum})) == expected


def test_focus_never_exceeds_the_pitchable_accounts(params):
    def one(name, pitch):
        return AccountSummary(name, None, ("outcome.met",), (0, 1, 0, 0), 2.0, None, pitch, (), None)

    split = cut(rank([one("a", 1), one("b", 0), one("c", 1)]), params)  # focus_min 10
    assert [s.account for s in split.focus] == ["a", "c"]
    assert [s.account for s in split.blocked] == ["b"] and split.later == []


def test_every_candidate_play_is_classified(account, ruleset, catalog):
    results = BatchEvaluator([ruleset]).classify(account("Alpha", **BOOK["Alpha"]), catalog, TODAY)[0]
    assert [(r.change, r.verdict) for r in results] == [("more_capacity", "pitch"), ("longer_term", "pitch")]
