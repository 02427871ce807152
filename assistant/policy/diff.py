"""What a policy change would do to the book: every candidate play of every account, evaluated
under today's rule set and a proposed one, and what moved.

Linear in accounts x plays and streaming: accounts are consumed batch by batch and only the
plays whose verdict or reason codes moved are kept. With `workers > 1` batches are spread over
forked processes (the rule sets are inherited, not pickled); results are merged in order.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from assistant.domain import VERDICT_STRICTNESS, Account, Catalog
from assistant.policy.batch import BatchEvaluator
from assistant.policy.engine import RuleEvaluationError
from assistant.errors import CoachError
from assistant.policy.rules import RuleSet
from assistant.results.policy import PlayMove  # the result model: one definition, built here


def _direction(before: str, after: str) -> str:
    delta = VERDICT_STRICTNESS[after] - VERDICT_STRICTNESS[before]
    return "stricter" if delta > 0 else "looser" if delta < 0 else "same"


@dataclass
class BookDiff:
    current_version: str = ""
    proposed_version: str = ""
    today: dt.date | None = None
    accounts: int = 0
    plays: int = 0
    moves: list[PlayMove] = field(default_factory=list)  # verdict changed
    reasons_only: list[PlayMove] = field(default_factory=list)  # same verdict, different codes
    appeared: Counter = field(default_factory=Counter)  # code -> plays where it newly fires
    disappeared: Counter = field(default_factory=Counter)
    before: Counter = field(default_factory=Counter)  # verdict -> plays, today's rules
    after: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def stricter(self) -> list[PlayMove]:
        return [m for m in self.moves if m.direction == "stricter"]

    @property
    def looser(self) -> list[PlayMove]:
        return [m for m in self.moves if m.direction == "looser"]

    def accounts_moved(self) -> list[str]:
        return sorted({m.account for m in self.moves})

    def merge(self, other: "BookDiff") -> None:
        self.accounts += other.accounts
        self.plays += other.plays
        self.moves.extend(other.moves)
        self.reasons_only.extend(other.reasons_only)
        for mine, theirs in ((self.appeared, other.appeared), (self.disappeared, other.disappeared),
                             (self.before, other.before), (self.after, other.after)):
            mine.update(theirs)
        self.errors.extend(other.errors)

    def to_dict(self) -> dict:
        moves = lambda rows: [m.model_dump() for m in rows]  # noqa: E731
        return {
            "current_version": self.current_version, "proposed_version": self.proposed_version,
            "today": self.today.isoformat() if self.today else None,
            "accounts": self.accounts, "plays": self.plays,
            "moved": len(self.moves), "stricter": len(self.stricter), "looser": len(self.looser),
            "reasons_only": len(self.reasons_only), "accounts_moved": self.accounts_moved(),
            "verdicts_before": dict(self.before), "verdicts_after": dict(self.after),
            "codes_appeared": dict(self.appeared.most_common()),
            "codes_disappeared": dict(self.disappeared.most_common()),
            "moves": moves(self.moves), "reason_changes": moves(self.reasons_only),
            "errors": self.errors, "seconds": round(self.seconds, 3),
        }


def _diff_accounts(evaluator: BatchEvaluator, accounts: Iterable[Account], catalog: Catalog,
                   today: dt.date) -> BookDiff:
    part = BookDiff()
    for account in accounts:
        part.accounts += 1
        try:
            current, proposed = evaluator.classify(account, catalog, today)
        except RuleEvaluationError:  # a broken rule is the rule set's fault, not this account's
            raise
        except CoachError as exc:
            part.errors.append(f"{account.name}: {exc}")
            continue
        for a, b in zip(current, proposed):
            part.plays += 1
            part.before[a.verdict] += 1
            part.after[b.verdict] += 1
            if a.verdict == b.verdict and a.codes == b.codes:
                continue
            appeared = [c for c in b.codes if c not in a.codes]
            disappeared = [c for c in a.codes if c not in b.codes]
            part.appeared.update(appeared)
            part.disappeared.update(disappeared)
            move = PlayMove(account=account.name, owner=account.owner, product=a.product, change=a.change,
                            motion=a.motion, before=a.verdict, after=b.verdict, appeared=appeared,
                            disappeared=disappeared, direction=_direction(a.verdict, b.verdict))
            (part.moves if a.verdict != b.verdict else part.reasons_only).append(move)
    return part


# Worker state, inherited through fork so that compiled rule sets are never pickled.
_WORKER: dict = {}


def _worker_batch(accounts: list[Account]) -> BookDiff:
    if "evaluator" not in _WORKER:
        _WORKER["evaluator"] = BatchEvaluator([_WORKER["current"], _WORKER["proposed"]])
    return _diff_accounts(_WORKER["evaluator"], accounts, _WORKER["catalog"], _WORKER["today"])


def _batches(accounts: Iterable[Account], size: int) -> Iterator[list[Account]]:
    it = iter(accounts)
    while batch := list(islice(it, size)):
        yield batch


def default_workers() -> int:
    """One process per idle CPU, at least one: on a busy machine extra processes only add overhead."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        busy = round(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    return max(1, cpus - busy)


def diff_book(current: RuleSet, proposed: RuleSet, accounts: Iterable[Account], catalog: Catalog,
              today: dt.date, *, workers: int = 1, batch_size: int = 250,
              on_progress: Callable[[int], None] | None = None) -> BookDiff:
    """Evaluate every candidate play of every account under both rule sets; report what moved.

    `on_progress(n)` is called with the number of accounts finished in each batch.
    """
    started = time.perf_counter()
    report = BookDiff(current.version, proposed.version, today)
    batches = _batches(accounts, batch_size)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        evaluator = BatchEvaluator([current, proposed])
        for batch in batches:
            report.merge(_diff_accounts(evaluator, batch, catalog, today))
            if on_progress:
                on_progress(len(batch))
    else:
        _WORKER.clear()
        _WORKER.update(current=current, proposed=proposed, catalog=catalog, today=today)
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque = deque()
            for batch in batches:
                pending.append((pool.submit(_worker_batch, batch), len(batch)))
                while len(pending) > 2 * workers:  # bounded: the book streams through
                    _collect(report, pending.popleft(), on_progress)
            while pending:
                _collect(report, pending.popleft(), on_progress)
        _WORKER.clear()
    report.seconds = time.perf_counter() - started
    return report


def _collect(report: BookDiff, item, on_progress) -> None:
    future, size = item
    report.merge(future.result())
    if on_progress:
        on_progress(size)
