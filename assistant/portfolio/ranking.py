"""Signal density, the best allowed play per account, and the focus cut.

The framework's quarterly motion: pull usage, overlay outcome status, overlay strategic context,
and rank from the highest signal density to the lowest. Here an account's signals are the
distinct signal codes fired on any of its candidate plays (a signal fires whatever the
blockers; the blockers decide which accounts can be pushed, not how dense their signals are).

    score = sum over layers (rules/portfolio.yaml) of weight x signal codes in that layer
    rank key = (-score, -usage count, -outcome count, -strategy count, ..., name)

Weights are >= 0, so a new signal raises the score or, at weight 0, a layer count: adding a
signal never lowers an account's rank. The focus list is the top max(ceil(focus_share x N),
focus_min) of the accounts with at least one `pitch` play, N being the size of the book;
accounts with no `pitch` play are listed apart with their blockers and never enter it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

from assistant.domain import VERDICT_STRICTNESS, Account
from assistant.policy.batch import Blocker, PlayResult
from assistant.portfolio.parameters import PortfolioParams


@dataclass(frozen=True, slots=True)
class BestPlay:
    product: str
    change: str
    motion: str
    verdict: str
    signals: tuple[str, ...]

    def __reduce__(self):  # pickled by fields: the dataclass default for slots is ~10x slower
        return self.__class__, (self.product, self.change, self.motion, self.verdict, self.signals)


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """All a plan keeps of an account: no facts, no Verdict objects."""

    account: str
    owner: str | None
    signals: tuple[str, ...]          # distinct signal codes, by layer then first seen
    layer_counts: tuple[int, ...]
    score: float
    best: BestPlay | None
    pitch_plays: int
    blockers: tuple[Blocker, ...]     # the best play's, when no play is `pitch`
    annual_value: float | None

    @property
    def pitchable(self) -> bool:
        return self.pitch_plays > 0

    def __reduce__(self):  # summaries come back from worker processes pickled, by fields
        return self.__class__, (self.account, self.owner, self.signals, self.layer_counts, self.score, self.best,
                                self.pitch_plays, self.blockers, self.annual_value)


def density(signals: Iterable[str], params: PortfolioParams) -> tuple[float, tuple[int, ...], tuple[str, ...]]:
    """(score, count per layer, the distinct codes in layer order) for a set of signal codes."""
    layers = params.density.layers
    by_layer: list[list[str]] = [[] for _ in layers]
    for code in signals:
        bucket = by_layer[params.layer_of(code)]
        if code not in bucket:
            bucket.append(code)
    counts = tuple(len(bucket) for bucket in by_layer)
    score = sum(layer.weight * count for layer, count in zip(layers, counts))
    return score, counts, tuple(code for bucket in by_layer for code in bucket)


def play_key(result: PlayResult) -> tuple[int, int]:
    """Best play first: least strict verdict, then most signals (as policy.plays.rank_key)."""
    return VERDICT_STRICTNESS[result.verdict], -len(result.signals)


def summarize(account: Account, results: Sequence[PlayResult], params: PortfolioParams) -> AccountSummary:
    score, counts, codes = density((code for r in results for code in r.signals), params)
    best_result = min(results, key=play_key) if results else None  # min keeps the first of equals
    pitch_plays = sum(1 for r in results if r.verdict == "pitch")
    best = None
    blockers: tuple[Blocker, ...] = ()
    if best_result is not None:
        best = BestPlay(best_result.product, best_result.change, best_result.motion, best_result.verdict,
                        best_result.signals)
        if pitch_plays == 0:
            blockers = best_result.render_blockers()
    values = [o.annual_value for o in account.owns if o.annual_value is not None]
    return AccountSummary(account=account.name, owner=account.owner, signals=codes, layer_counts=counts,
                          score=score, best=best, pitch_plays=pitch_plays, blockers=blockers,
                          annual_value=sum(values) if values else None)


def rank_key(summary: AccountSummary) -> tuple:
    return (-summary.score, *(-c for c in summary.layer_counts), summary.account.casefold(), summary.account)


def rank(summaries: Iterable[AccountSummary]) -> list[AccountSummary]:
    return sorted(summaries, key=rank_key)


def focus_size(book_size: int, params: PortfolioParams) -> int:
    return max(math.ceil(params.focus_share * book_size), params.focus_min)


@dataclass(frozen=True)
class Cut:
    focus: list[AccountSummary]       # this quarter's expansion focus
    later: list[AccountSummary]       # a play to pitch, below the cut
    blocked: list[AccountSummary]     # no play to pitch: blockers and remedies, never pushed
    focus_size: int


def cut(ranked: Sequence[AccountSummary], params: PortfolioParams) -> Cut:
    """Split a ranked book; `ranked` must be in rank order."""
    size = focus_size(len(ranked), params)
    pitchable = [s for s in ranked if s.pitchable]
    return Cut(focus=pitchable[:size], later=pitchable[size:],
               blocked=[s for s in ranked if not s.pitchable], focus_size=size)
