"""The quarterly expansion plan over a book: stream the accounts, summarise each, rank, cut.

Memory stays bounded by the book size times a small summary: accounts are read from the store
`batch_size` at a time and each is reduced to an AccountSummary (codes, the best play, rendered
blockers) before the next is read; facts and verdict objects are dropped per account. Work is
linear in accounts (plus one sort). Large books are classified in forked worker processes that
inherit their chunk of accounts (forked.py), at most `run.max_workers` at once.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from assistant.domain import Account, Catalog
from assistant.policy.batch import BatchEvaluator
from assistant.errors import CoachError
from assistant.policy.rules import RuleSet
from assistant.portfolio.forked import fork_available, forked_map
from assistant.portfolio.parameters import PortfolioParams, load_portfolio_params
from assistant.portfolio.ranking import AccountSummary, cut, rank, summarize

Progress = Callable[[int, int], None]  # (accounts done, accounts in the book)


@dataclass(frozen=True, slots=True)
class PlanEntry:
    rank: int                 # position in the whole book by signal density, 1 = densest
    section: str              # focus | later | blocked
    summary: AccountSummary


@dataclass
class QuarterlyPlan:
    today: dt.date
    owner: str | None
    ruleset_version: str
    book_size: int
    focus_size: int
    layers: tuple[str, ...]
    weights: tuple[float, ...]
    focus: list[PlanEntry] = field(default_factory=list)
    later: list[PlanEntry] = field(default_factory=list)
    blocked: list[PlanEntry] = field(default_factory=list)

    def entries(self) -> Iterator[PlanEntry]:
        yield from self.focus
        yield from self.later
        yield from self.blocked


class _Summarizer:
    def __init__(self, ruleset: RuleSet, catalog: Catalog, today: dt.date, params: PortfolioParams):
        self.evaluator = BatchEvaluator([ruleset], params.run.rule_cache_entries)
        self.catalog, self.today, self.params = catalog, today, params

    def __call__(self, account: Account) -> AccountSummary:
        return summarize(account, self.evaluator.classify(account, self.catalog, self.today)[0], self.params)


def _chunks(accounts: Iterable[Account], run, book_size: int, workers: int) -> Iterator[list[Account]]:
    """Chunks for the worker processes: a small first one (the workers start sooner), then
    `chunk_size`, and the last `workers` chunks of equal size (no worker idles at the end while
    another finishes a big one). Every chunk costs a process start, so no more than that."""
    chunk: list[Account] = []
    size, left, tail = run.batch_size, book_size, False
    for account in accounts:
        chunk.append(account)
        if len(chunk) >= size:
            yield chunk
            left -= len(chunk)
            chunk = []
            if not tail:
                size = run.chunk_size
                if left < workers * run.chunk_size:
                    tail, size = True, max(run.batch_size, -(-left // workers))
    if chunk:
        yield chunk


def _worker_count(book_size: int, params: PortfolioParams, workers: int | None) -> int:
    if not fork_available():
        return 1
    if workers is not None:
        return max(1, workers)
    if book_size < params.run.parallel_from:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, params.run.max_workers))


def summarize_book(accounts: Iterable[Account], ruleset: RuleSet, catalog: Catalog, today: dt.date,
                   params: PortfolioParams, *, book_size: int = 0, workers: int = 1,
                   progress: Progress | None = None) -> list[AccountSummary]:
    """One summary per account, for any iterable of accounts (the store's stream, a generator...)."""
    summarizer = _Summarizer(ruleset, catalog, today, params)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, max(book_size, done))

    if workers > 1 and fork_available():
        out = []
        for done_chunk in forked_map(summarizer, _chunks(accounts, params.run, book_size, workers), workers):
            out.extend(done_chunk)
            tick(len(done_chunk))
        return out
    out = []
    for account in accounts:
        out.append(summarizer(account))
        tick(1)
    return out


def plan_from_summaries(summaries: list[AccountSummary], ruleset: RuleSet, today: dt.date,
                        params: PortfolioParams, owner: str | None = None) -> QuarterlyPlan:
    ranked = rank(summaries)
    position = {id(s): index for index, s in enumerate(ranked, start=1)}
    split = cut(ranked, params)
    layers = params.density.layers
    if owner is not None and ranked and ranked[0].owner:
        owner = ranked[0].owner  # as stored, not as typed
    return QuarterlyPlan(
        today=today, owner=owner, ruleset_version=ruleset.version, book_size=len(ranked),
        focus_size=split.focus_size, layers=tuple(l.name for l in layers), weights=tuple(l.weight for l in layers),
        focus=[PlanEntry(position[id(s)], "focus", s) for s in split.focus],
        later=[PlanEntry(position[id(s)], "later", s) for s in split.later],
        blocked=[PlanEntry(position[id(s)], "blocked", s) for s in split.blocked],
    )


def build_plan(store, ruleset: RuleSet, today: dt.date, owner: str | None = None,
               progress: Progress | None = None, *, params: PortfolioParams | None = None,
               workers: int | None = None) -> QuarterlyPlan:
    """The quarterly plan for the whole book, or one account manager's (`owner`)."""
    params = params or load_portfolio_params(ruleset)
    catalog = store.catalog()
    if not catalog.products:
        raise CoachError("The catalog has no products, so there are no plays to rank; import a catalog first.")
    book_size = store.count_accounts(owner=owner)
    accounts = store.accounts(owner=owner, batch_size=params.run.batch_size)
    summaries = summarize_book(accounts, ruleset, catalog, today, params, book_size=book_size,
                               workers=_worker_count(book_size, params, workers), progress=progress)
    return plan_from_summaries(summaries, ruleset, today, params, owner)
