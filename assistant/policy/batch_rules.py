"""Run the compiled conditions of one or more rule sets over many plays, paying once for each
distinct case.

A condition's result depends only on the values of the fact roots it reads (and on `fired` if
it reads that). Parameters are written into each rule set's conditions as literals, so a
condition is its source text alone, and a rule identical in two rule sets (a `policy diff`
compares two that differ in a parameter or a rule) is one condition. Each root's value, cut
down to the paths some rule reads, is interned to a small id (FactIds, shared by the rule
sets); a result is remembered under (condition, ids of the roots it reads), and so is which
rules hold among the rules of a phase that read the same roots. So account-level rules run
once per account whatever the number of rule sets, and product- or alignment-level rules (a
handful of distinct values across a whole book) almost never run.

Conditions that have to run get a small environment of their own: the paths read by the rules
of their group, converted once. Converting Python values into CEL is the dominant cost, and a
shared cel.Context is copied whole on the first change after every evaluation, so a fresh small
context per group is cheaper than one long-lived context.

Semantics are the engine's: phases in order, `fired` as the codes fired in earlier phases, a
condition reading an unknown fact does not fire, any other evaluation error is a
RuleEvaluationError. Memory is bounded: the memo and intern tables are emptied when they outgrow
`max_entries`. Not thread-safe; use one per thread or process.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter, itemgetter

from assistant.policy import cel_runtime as cel
from assistant.domain import VERDICT_STRICTNESS
from assistant.policy.engine import RuleEvaluationError
from assistant.policy.facts import FACT_ROOTS
from assistant.policy.cel_source import specialised
from assistant.policy.rules import MOTIONS, Rule, RuleSet, referenced_names

WHOLE = None        # trie leaf: keep the whole subtree
_ABSENT = -1        # value id of a root missing from the facts


def names_read(source: str, program) -> set[str]:
    names = referenced_names(source)
    # The CEL library's static analysis as a safety net: a root it sees that the name scan missed
    # is read as a whole.
    return names | {v for v in program.variables()
                    if (v in FACT_ROOTS or v == "fired") and not any(n == v or n.startswith(v + ".") for n in names)}


def _add_path(trie: dict, parts: list[str]) -> None:
    node = trie
    for index, part in enumerate(parts):
        if part in node and node[part] is WHOLE:
            return
        if index == len(parts) - 1:
            node[part] = WHOLE
        else:
            node = node.setdefault(part, {})


def project(value, sub):
    """The parts of a fact tree that the rules read."""
    if sub is WHOLE or value.__class__ is not dict:
        return value
    out = {}
    for key, child in sub.items():
        if key in value:
            item = value[key]
            out[key] = item if child is WHOLE or item.__class__ is not dict else project(item, child)
    return out


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _freeze(value, sub):
    """A hashable image of project(value, sub); leaves keep their type (True, 1 and 1.0 differ in CEL)."""
    kind = value.__class__
    if kind in _SCALARS:
        return kind, value
    if kind is dict:
        if sub is WHOLE:  # key order kept: equal images still mean equal values
            return tuple([(k, _freeze(v, WHOLE)) for k, v in value.items()])
        return tuple([(k, _freeze(value[k], child)) for k, child in sub.items() if k in value])
    if kind in (list, tuple):
        return list, tuple([_freeze(v, WHOLE) for v in value])
    return kind, value


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule's condition with its rule set's parameters written in."""
    key: int                   # the same for the same source text, in any rule set
    program: object
    names: frozenset[str]      # the fact paths (and `fired`) it reads


class FactIds:
    """The shared half: fact roots interned to ids, one play at a time, and the memo of results."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.trie: dict = {}
        self.sources: dict[str, int] = {}   # specialised source -> condition key
        self.groups: dict[tuple, int] = {}  # (roots, condition keys) -> group key
        self.roots: list[str] = []
        self.fired_slot = -1

    def condition(self, rule: Rule, params: dict) -> Condition:
        source = specialised(rule.spec.when, params)
        program = rule.program if source == rule.spec.when else cel.compile(source)
        names = names_read(source, program)
        for name in names:
            if name.split(".")[0] != "fired":
                _add_path(self.trie, name.split("."))
        return Condition(self.sources.setdefault(source, len(self.sources)), program, frozenset(names))

    def freeze_roots(self) -> None:
        """Called once every condition is known: fixes the root slots."""
        self.roots = [*self.trie, "fired"]
        self.fired_slot = len(self.roots) - 1
        self._clear()

    def _clear(self) -> None:
        count = len(self.roots)
        self.raw: list = [None] * count            # the fact value the current id was computed from
        self.projected: list = [None] * count      # ... and its projection
        self.ids: list[int] = [_ABSENT] * count    # value id of the current play's roots
        self.tables: list[dict] = [{} for _ in range(count)]
        self.values: list[list] = [[] for _ in range(count)]  # slot -> id -> projected value
        self.memo: dict[tuple, object] = {}  # (condition, ids) -> result; (group, ids) -> positions that hold

    def intern(self, slot: int, frozen, projected) -> int:
        table = self.tables[slot]
        found = table.get(frozen)
        if found is None:
            found = table[frozen] = len(table)
            self.values[slot].append(projected)
        return found

    def load(self, facts: dict) -> None:
        """Take a play's facts: the id of each root's value (unchanged roots cost an equality test)."""
        if len(self.memo) > self.max_entries or any(len(t) > self.max_entries for t in self.tables):
            self._clear()
        for slot, (root, sub) in enumerate(self.trie.items()):
            value = facts.get(root, _ABSENT)
            if value is _ABSENT:
                self.ids[slot], self.raw[slot] = _ABSENT, None
                continue
            # Equality with the previous play's value first, raw then projected (C speed; a path's
            # type does not vary, facts come from typed models); only a changed value is interned.
            last = self.raw[slot]
            if self.ids[slot] != _ABSENT and (last is value or last == value):
                continue
            self.raw[slot] = value
            projected = project(value, sub)
            if self.ids[slot] != _ABSENT and projected == self.projected[slot]:
                continue
            self.projected[slot] = projected
            self.ids[slot] = self.intern(slot, _freeze(projected, WHOLE), projected)


@dataclass(frozen=True, slots=True)
class Step:
    index: int                 # in the rule set (rules_for keeps that order within a phase)
    rule: Rule
    condition: Condition
    code: str
    kind: str                  # signal | blocker | note
    strictness: int | None     # the verdict the rule forces, if any
    ids: object                # ids -> the ids of the roots it reads (an itemgetter)
    parts: tuple               # (slot, root name, the paths of it this rule reads)


class RuleRunner:
    """One rule set's half: its phases, run against the play loaded into the shared FactIds."""

    def __init__(self, ruleset: RuleSet, shared: FactIds, conditions: list[Condition]):
        self.shared = shared
        slot = {name: i for i, name in enumerate(shared.roots)}
        position = {id(rule): index for index, rule in enumerate(ruleset.rules)}
        # motion -> phases: (reads fired, groups). A group is the rules of a phase that read the
        # same roots: (group key, ids getter, steps); one memo lookup answers the whole group.
        self._phases: dict[str, list[tuple]] = {}
        self._unions: dict[tuple, tuple] = {}  # rule indices -> the paths they read, merged
        for motion in MOTIONS:
            phases = []
            for phase in ruleset.phases:
                groups: dict[tuple, list[Step]] = {}
                for rule in ruleset.rules_for(motion, phase):
                    index = position[id(rule)]
                    own: dict = {}
                    for name in conditions[index].names:
                        _add_path(own, name.split("."))
                    roots = tuple(sorted(slot[r] for r in own if r in slot))
                    parts = tuple((slot[r], r, sub) for r, sub in own.items() if r in slot)
                    groups.setdefault(roots, []).append(Step(
                        index, rule, conditions[index], rule.code, ruleset.reason_codes[rule.code]["kind"],
                        VERDICT_STRICTNESS.get(rule.spec.effect), _getter(roots), parts))
                # group keys are negative: never a condition key in the shared memo
                entries = [(-1 - shared.groups.setdefault((roots, tuple(s.condition.key for s in steps)),
                                                          len(shared.groups)),
                            _getter(roots), tuple(steps)) for roots, steps in groups.items()]
                phases.append((any(shared.fired_slot in roots for roots in groups), entries))
            self._phases[motion] = phases

    def _execute(self, steps: list[Step], parts: tuple) -> list[bool]:
        """Run conditions in one environment of the paths they read."""
        ids, values, env = self.shared.ids, self.shared.values, {}
        for slot, root, sub in parts:
            if ids[slot] != _ABSENT:  # a root the facts lack stays out, as in the engine's context
                env[root] = project(values[slot][ids[slot]], sub)
        context = cel.Context(env)  # converted once for the group; never changed after an evaluation
        results = []
        for step in steps:
            try:
                result = step.condition.program.execute(context)
            except KeyError:
                results.append(False)  # an unknown fact: the rule does not fire (the engine lists it)
                continue
            except (TypeError, ValueError, RuntimeError, ArithmeticError) as exc:
                raise RuleEvaluationError(f"{step.rule.file}, rule '{step.rule.id}': condition failed: "
                                          f"{exc}") from None
            if not isinstance(result, bool):
                raise RuleEvaluationError(f"{step.rule.file}, rule '{step.rule.id}': condition gave "
                                          f"{type(result).__name__} {result!r}, not true or false")
            results.append(result)
        return results

    def _resolve(self, misses: list[tuple]) -> None:
        """Answer the groups of a phase the memo lacks; what has to run runs in one environment."""
        ids, memo = self.shared.ids, self.shared.memo
        answers, keys, pending = [], [], []
        for _, steps in misses:
            results = []
            for step in steps:
                key = (step.condition.key, step.ids(ids))  # shared by both motions and every rule set
                result = memo.get(key)
                results.append(result)
                if result is None:
                    keys.append(key)
                    pending.append(step)
            answers.append(results)
        if pending:
            fresh = iter(self._execute(pending, self._parts(pending)))
            answers = [[next(fresh) if r is None else r for r in results] for results in answers]
        for (key, _), results in zip(misses, answers):  # positions, not steps: the group may be another rule set's
            memo[key] = tuple(i for i, result in enumerate(results) if result)

    def _parts(self, steps: list[Step]) -> tuple:
        which = tuple(step.index for step in steps)
        parts = self._unions.get(which)
        if parts is None:
            if len(self._unions) > 10_000:
                self._unions.clear()
            trie = self.shared.trie  # a root read as far as any rule reads it is stored that way already
            parts = self._unions[which] = tuple((slot, root, WHOLE if sub == trie.get(root, WHOLE) else sub)
                                                for slot, root, sub in _union(steps))
        return parts

    def run(self, motion: str) -> list[Step]:
        """The steps that fired for the loaded play, in firing order (first rule per code)."""
        shared = self.shared
        ids, memo = shared.ids, shared.memo
        fired_codes: list[str] = []
        fired: list[Step] = []
        for reads_fired, groups in self._phases[motion]:
            if reads_fired:
                codes = tuple(fired_codes)
                ids[shared.fired_slot] = shared.intern(shared.fired_slot, codes, list(codes))
            holding: list[Step] = []
            misses = None
            for group, group_ids, steps in groups:
                key = (group, group_ids(ids))
                found = memo.get(key)
                if found is None:
                    misses = misses or []
                    misses.append((key, steps))
                elif found:
                    holding += [steps[i] for i in found]
            if misses:
                self._resolve(misses)
                for key, steps in misses:
                    holding += [steps[i] for i in memo[key]]
            if len(holding) > 1:
                holding.sort(key=_ORDER)
            for step in holding:
                if step.code not in fired_codes:
                    fired_codes.append(step.code)
                    fired.append(step)
        return fired


_ORDER = attrgetter("index")


def _union(steps: list[Step]) -> tuple:
    """(slot, root, paths) read by any of the steps."""
    merged: dict[tuple, dict] = {}
    for step in steps:
        for slot, root, sub in step.parts:
            trie = merged.setdefault((slot, root), {})
            for path in _paths(sub):
                _add_path(trie, [root, *path])
    return tuple((slot, root, trie[root]) for (slot, root), trie in merged.items())


def _paths(sub, prefix=()):
    if sub is WHOLE:
        yield prefix
        return
    for key, child in sub.items():
        yield from _paths(child, (*prefix, key))


def _getter(slots: tuple[int, ...]):
    """ids -> the ids at `slots`, as one hashable value."""
    if not slots:
        return lambda ids: ()
    return itemgetter(*slots)
