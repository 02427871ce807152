"""Search for the smallest changes to an account/play that make one blocker go away.

Derived from the rules, not written per rule: the facts a blocker's conditions read (and,
for rules that read `fired`, the facts of every earlier rule) pick the changes to try from
rules/lifts.yaml. Each trial re-runs the engine on changed copies, so a lift is only
reported when the engine itself no longer gives the code. Numbers are searched by bisection
between the current value and the extreme of their range (conditions are thresholds, so the
outcome is monotone along that line); other values are tried one by one; single changes
first, then combinations of up to `search.max_changes`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import pickle
from dataclasses import dataclass, field

from assistant.domain import Account, Catalog, Play, Verdict
from assistant.policy.batch import BatchEvaluator
from assistant.policy.engine import evaluate
from assistant.errors import CoachError
from assistant.policy.facts import build_facts
from assistant.policy.lift_config import LiftConfig
from assistant.policy.mutators import MUTATORS, NotApplicable, Target
from assistant.policy.rules import SPECIAL_ROOTS, RuleSet, referenced_names

Moves = tuple[tuple[str, object], ...]


@dataclass
class Found:
    moves: Moves  # the change(s) that lift the blocker
    values: list = field(default_factory=list)  # single change: every value with the same result
    after: Verdict | None = None


@dataclass
class Probe:
    """Evaluates changed copies of one account/play, remembering what it has already tried."""

    ruleset: RuleSet
    account: Account
    catalog: Catalog
    play: Play
    today: dt.date
    config: LiftConfig
    _seen: dict = field(default_factory=dict)
    _codes: dict = field(default_factory=dict)
    _quick: BatchEvaluator | None = None
    _pickled: bytes | None = None

    def target(self, moves: Moves = ()) -> Target:
        # Each trial changes a copy of its own. The account and play are pickled once and each copy
        # unpickled: several times faster than a deep copy (model_copy(deep=True) was about 40% of
        # a chat answer's time with lifts), and as deep (no list or model shared with the original).
        if self._pickled is None:
            self._pickled = pickle.dumps((self.account, self.play), pickle.HIGHEST_PROTOCOL)
        account, play = pickle.loads(self._pickled)
        target = Target(account, play, self.catalog, self.config, self.today)
        for name, value in moves:
            MUTATORS[name].apply(target, value)
        return target

    def verdict(self, moves: Moves) -> Verdict | None:
        key = tuple(sorted(moves, key=lambda m: m[0]))
        if key not in self._seen:
            try:
                t = self.target(moves)
                self._seen[key] = evaluate(self.ruleset, t.account, self.catalog, t.play, self.today,
                                           split_bundle=False)
            except CoachError:  # the change does not fit this play (NotApplicable, PlayError)
                self._seen[key] = None
        return self._seen[key]

    def codes(self, moves: Moves) -> list[str] | None:
        """Reason codes only (the search's question), several times faster than a full verdict."""
        key = tuple(sorted(moves, key=lambda m: m[0]))
        if key not in self._codes:
            self._quick = self._quick or BatchEvaluator([self.ruleset])
            try:
                t = self.target(moves)
                facts, _, motion, _, _ = build_facts(t.account, self.catalog, t.play, self.today, {})
                self._codes[key] = self._quick.evaluate(facts, motion.value)[0][0]
            except CoachError:  # the change does not fit this play (NotApplicable, PlayError)
                self._codes[key] = None
        return self._codes[key]

    def lifted(self, code: str, moves: Moves) -> bool:
        codes = self.codes(moves)
        return codes is not None and code not in codes


def blocker_rules(ruleset: RuleSet, motion: str, code: str) -> list:
    return [r for r in ruleset.rules if r.code == code and motion in r.spec.motions]


def relevant_facts(ruleset: RuleSet, motion: str, code: str) -> list[str]:
    """Fact paths the code's rules read, in evidence order; plus earlier rules' facts if they read `fired`."""
    out: list[str] = []

    def add(rule) -> None:
        for name in [*rule.spec.evidence, *sorted(referenced_names(rule.spec.when))]:
            if name.split(".")[0] not in SPECIAL_ROOTS and name not in out:
                out.append(name)

    rules = blocker_rules(ruleset, motion, code)
    for rule in rules:
        add(rule)
    for rule in rules:
        if "fired" in {n.split(".")[0] for n in referenced_names(rule.spec.when)}:
            # signals before blockers: a lift that adds a signal reads better than one that trades blockers
            for earlier in sorted(ruleset.rules, key=lambda r: r.phase):
                if motion in earlier.spec.motions and earlier.phase < rule.phase:
                    add(earlier)
    return out


def changes_for(config: LiftConfig, facts: list[str]) -> list[str]:
    names: list[str] = []
    for fact in facts:
        mapped = config.facts.get(fact) or tuple(n for f, ns in config.facts.items()
                                                 if f.startswith(fact + ".") for n in ns)
        names.extend(n for n in mapped if n not in names)
    return names


class _Grid:
    """Multiples of `step` from just past `start` to `extreme`, nearest first (computed, not listed)."""

    def __init__(self, start: float, extreme: float, step: float, include_start: bool):
        self.step, self.sign = step, 1 if extreme >= start else -1
        self.digits = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        k = start / step
        if self.sign > 0:
            self.first = math.ceil(k - 1e-9) if include_start else math.floor(k + 1e-9) + 1
            last = math.floor(extreme / step + 1e-9)
        else:
            self.first = math.floor(k + 1e-9) if include_start else math.ceil(k - 1e-9) - 1
            last = math.ceil(extreme / step - 1e-9)
        self.size = max(0, (last - self.first) * self.sign + 1)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> float:
        value = round((self.first + self.sign * index) * self.step, self.digits)
        return int(value) if float(self.step).is_integer() else value


class Searcher:
    def __init__(self, probe: Probe, code: str):
        self.probe, self.code = probe, code

    def current(self, name: str, base: Moves = ()):
        return MUTATORS[name].read(self.probe.target(base))

    def applicable(self, name: str) -> bool:
        try:
            self.current(name)
        except NotApplicable:
            return False
        return name in self.probe.config.changes

    def number(self, name: str, base: Moves = ()):
        """The smallest move of a number (in its lift direction) that lifts the blocker, or None."""
        spec = self.probe.config.changes[name]
        low, high = spec.range
        up = spec.direction != "down"
        now = self.current(name, base)
        extreme = high if up else low
        if now is not None and (now >= extreme if up else now <= extreme):
            return None
        if not self.probe.lifted(self.code, base + ((name, extreme),)):
            return None
        grid = _Grid(now if now is not None else (low if up else high), extreme, spec.step or 1, now is None)
        lo, hi = 0, len(grid) - 1  # grid[hi] lifts (it is the extreme, or one step short of it)
        if not grid or not self.probe.lifted(self.code, base + ((name, grid[hi]),)):
            return extreme
        while lo < hi:
            mid = (lo + hi) // 2
            if self.probe.lifted(self.code, base + ((name, grid[mid]),)):
                hi = mid
            else:
                lo = mid + 1
        return grid[lo]

    def dates(self, name: str, base: Moves = ()) -> list:
        """The nearest later date and the nearest earlier date (not before today) that lift it."""
        spec = self.probe.config.changes[name]
        start = self.current(name, base)
        if start is None:
            return []
        found = []
        for sign in (1, -1):
            for days in range(1, (spec.range_days or 0) + 1):
                when = start + dt.timedelta(days=sign * days)
                if when < self.probe.today:
                    break
                if self.probe.lifted(self.code, base + ((name, when),)):
                    found.append(when)
                    break
        return found

    def choices(self, name: str, base: Moves = ()) -> list:
        mutator = MUTATORS[name]
        return list(mutator.choices(self.probe.target(base))) if mutator.choices else []

    def working(self, name: str, base: Moves = ()) -> list:
        """Every value of `name` that lifts the blocker given `base` (numbers: the smallest move)."""
        kind = MUTATORS[name].kind
        if kind == "number":
            value = self.number(name, base)
            return [] if value is None else [value]
        if kind == "date":
            return self.dates(name, base)
        return [v for v in self.choices(name, base) if self.probe.lifted(self.code, base + ((name, v),))]

    def trials(self, name: str) -> list:
        """Values to hold a change at while searching the others of a combination."""
        kind = MUTATORS[name].kind
        if kind == "number":
            spec = self.probe.config.changes[name]
            up, now = spec.direction != "down", self.current(name)
            extreme = spec.range[1] if up else spec.range[0]
            at_extreme = now is not None and (now >= extreme if up else now <= extreme)
            return [] if at_extreme else [extreme]  # a number already at its extreme cannot help
        return self.choices(name)

    def single(self, name: str) -> list[Found]:
        """One Found per result: values of a choice that give the same verdict are listed together."""
        found: list[Found] = []
        for value in self.working(name):
            after = self.probe.verdict(((name, value),))
            group = None
            if MUTATORS[name].kind not in ("number", "date"):
                group = next((f for f in found if f.after.verdict == after.verdict), None)
            if group is not None:
                group.values.append(value)
            else:
                found.append(Found(((name, value),), [value], after))
        return found

    def combination(self, names: tuple[str, ...]) -> Found | None:
        # solve the last change (a date or number when there is one) with the others held
        order = sorted(names, key=lambda n: {"date": 2, "number": 1}.get(MUTATORS[n].kind, 0))
        held, last = order[:-1], order[-1]
        for values in itertools.product(*(self.trials(n) for n in held)):
            base: Moves = tuple(zip(held, values))
            solved = self.working(last, base)
            if not solved:
                continue
            moves = base + ((last, solved[0]),)
            for i, name in enumerate(held):  # bring each held number back to its smallest move
                if MUTATORS[name].kind == "number":
                    others = moves[:i] + moves[i + 1:]
                    smaller = self.number(name, others)
                    if smaller is not None:
                        moves = others[:i] + ((name, smaller),) + others[i:]
            if self.probe.lifted(self.code, moves):
                moves = tuple(sorted(moves, key=lambda m: names.index(m[0])))  # in the rules' fact order
                return Found(moves, [], self.probe.verdict(moves))
        return None


def search(probe: Probe, motion: str, code: str) -> list[Found]:
    """Single changes that lift `code`; failing that, the smallest combinations that do."""
    searcher = Searcher(probe, code)
    names = [n for n in changes_for(probe.config, relevant_facts(probe.ruleset, motion, code))
             if searcher.applicable(n)]
    found = [f for name in names for f in searcher.single(name)]
    size = 2
    while not found and size <= min(probe.config.max_changes, len(names)):
        found = [f for combo in itertools.combinations(names, size) if (f := searcher.combination(combo))]
        size += 1
    return _distinct(probe, found)


def _distinct(probe: Probe, found: list[Found]) -> list[Found]:
    """Drop a lift that changes the account exactly as an earlier one does (utilization vs min_utilization)."""
    seen, out = set(), []
    for f in found:
        target = probe.target(f.moves)
        key = (target.account.model_dump_json(), target.play.model_dump_json())
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
