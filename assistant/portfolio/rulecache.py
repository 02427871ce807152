"""Run a rule set's compiled conditions over many plays, paying once for each distinct case.

A condition's result depends only on the values of the fact roots it reads (and on `fired` if
it reads that). Each root's value, cut down to the paths some rule reads, is interned to a small
id; a result is remembered under (rule, ids of the roots it reads), and so is the set of rules
that hold among the rules of a phase that read the same roots. So account-level rules run once
per account, and product- or alignment-level rules (a handful of distinct values across a
whole book) almost never run.

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

import cel

from assistant.domain import VERDICT_STRICTNESS
from assistant.policy.engine import RuleEvaluationError
from assistant.policy.facts import FACT_ROOTS
from assistant.policy.rules import MOTIONS, Rule, RuleSet, referenced_names

WHOLE = None        # trie leaf: keep the whole subtree
_ABSENT = -1        # value id of a root missing from the facts


def names_read(rule: Rule) -> set[str]:
    names = referenced_names(rule.spec.when)
    # The CEL library's static analysis as a safety net: a root it sees that the name scan missed
    # is read as a whole.
    return names | {v for v in rule.program.variables()
                    if (v in FACT_ROOTS or v in ("params", "fired"))
                    and not any(n == v or n.startswith(v + ".") for n in names)}


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
class Step:
    index: int                 # in the rule set (rules_for keeps that order within a phase)
    rule: Rule
    code: str
    kind: str                  # signal | blocker | note
    strictness: int | None     # the verdict the rule forces, if any
    roots: tuple[int, ...]     # slots of the roots it reads (fired included)
    ids: object                # ids -> the ids of those roots (an itemgetter)
    parts: tuple               # (slot, root name, the paths of it this rule reads)


class RuleRunner:
    def __init__(self, ruleset: RuleSet, max_entries: int):
        self.max_entries = max_entries
        trie: dict = {}
        own: list[dict] = []                        # per rule: the paths it reads
        for rule in ruleset.rules:
            mine: dict = {}
            for name in names_read(rule):
                _add_path(mine, name.split("."))
                if name.split(".")[0] != "fired":
                    _add_path(trie, name.split("."))
            own.append(mine)
        self.trie = trie
        self._roots = [*trie, "fired"]              # root slot -> name
        self._fired_slot = len(self._roots) - 1
        slot = {name: i for i, name in enumerate(self._roots)}
        position = {id(rule): index for index, rule in enumerate(ruleset.rules)}
        # motion -> phases: (reads fired, groups). A group is the rules of a phase that read the
        # same roots: (group id, ids getter, steps); one memo lookup answers the whole group.
        self._phases: dict[str, list[tuple]] = {}
        group_ids: dict[tuple, int] = {}
        for motion in MOTIONS:
            phases = []
            for phase in ruleset.phases:
                groups: dict[tuple, list[Step]] = {}
                for rule in ruleset.rules_for(motion, phase):
                    index = position[id(rule)]
                    roots = tuple(sorted(slot[r] for r in own[index] if r in slot))
                    parts = tuple((slot[r], r, sub) for r, sub in own[index].items() if r in slot)
                    groups.setdefault(roots, []).append(Step(
                        index, rule, rule.code, ruleset.reason_codes[rule.code]["kind"],
                        VERDICT_STRICTNESS.get(rule.spec.effect), roots, _getter(roots), parts))
                entries = [(group_ids.setdefault((roots, tuple(s.index for s in steps)), len(group_ids)),
                            _getter(roots), tuple(steps), _union(steps)) for roots, steps in groups.items()]
                phases.append((any(self._fired_slot in roots for roots in groups), entries))
            self._phases[motion] = phases
        self._clear()

    def _clear(self) -> None:
        count = len(self._roots)
        self._raw: list = [None] * count            # the fact value the current id was computed from
        self._projected: list = [None] * count      # ... and its projection
        self._ids: list[int] = [_ABSENT] * count    # value id of the current play's roots
        self._tables: list[dict] = [{} for _ in range(count)]
        self._values: list[list] = [[] for _ in range(count)]  # slot -> id -> projected value
        self._memo: dict[tuple, object] = {}  # (rule, ids) -> result; (group, ids) -> steps that hold

    def _intern(self, slot: int, frozen, projected) -> int:
        table = self._tables[slot]
        found = table.get(frozen)
        if found is None:
            found = table[frozen] = len(table)
            self._values[slot].append(projected)
        return found

    def load(self, facts: dict) -> None:
        """Take a play's facts: the id of each root's value (unchanged roots cost an equality test)."""
        if len(self._memo) > self.max_entries or any(
                len(t) > self.max_entries for t in self._tables):
            self._clear()
        for slot, (root, sub) in enumerate(self.trie.items()):
            value = facts.get(root, _ABSENT)
            if value is _ABSENT:
                self._ids[slot], self._raw[slot] = _ABSENT, None
                continue
            # Equality with the previous play's value first, raw then projected (C speed; a path's
            # type does not vary, facts come from typed models); only a changed value is interned.
            last = self._raw[slot]
            if self._ids[slot] != _ABSENT and (last is value or last == value):
                continue
            self._raw[slot] = value
            projected = project(value, sub)
            if self._ids[slot] != _ABSENT and projected == self._projected[slot]:
                continue
            self._projected[slot] = projected
            self._ids[slot] = self._intern(slot, _freeze(projected, WHOLE), projected)

    def _execute(self, steps: list[Step], parts: tuple) -> list[bool]:
        """Run conditions that read the same roots, in one environment of the paths they read."""
        ids, values, env = self._ids, self._values, {}
        for slot, root, sub in parts:
            if ids[slot] != _ABSENT:  # a root the facts lack stays out, as in the engine's context
                env[root] = project(values[slot][ids[slot]], sub)
        context = cel.Context(env)  # converted once for the group; never changed after an evaluation
        results = []
        for step in steps:
            try:
                results.append(step.rule.program.execute(context) is True)
            except KeyError:
                results.append(False)  # an unknown fact: the rule does not fire (the engine lists it)
            except (TypeError, ValueError, RuntimeError) as exc:
                raise RuleEvaluationError(f"{step.rule.file}, rule '{step.rule.id}': condition failed: "
                                          f"{exc}") from None
        return results

    def _holding(self, steps: tuple[Step, ...], parts: tuple) -> tuple[Step, ...]:
        ids, memo = self._ids, self._memo
        results: list = []
        keys, pending = [], []
        for step in steps:
            key = (step.index, step.ids(ids))  # a rule's own result, shared by both motions' groups
            result = memo.get(key)
            results.append(result)
            if result is None:
                keys.append(key)
                pending.append(step)
        if pending:
            fresh = self._execute(pending, parts)
            memo.update(zip(keys, fresh))
            fresh_iter = iter(fresh)
            results = [next(fresh_iter) if result is None else result for result in results]
        return tuple(step for step, result in zip(steps, results) if result)

    def run(self, motion: str) -> list[Step]:
        """The steps that fired for the loaded play, in firing order (first rule per code)."""
        ids, memo = self._ids, self._memo
        fired_codes: list[str] = []
        fired: list[Step] = []
        for reads_fired, groups in self._phases[motion]:
            if reads_fired:
                codes = tuple(fired_codes)
                ids[self._fired_slot] = self._intern(self._fired_slot, codes, list(codes))
            holding: list[Step] = []
            for group, group_ids, steps, parts in groups:
                key = (-1 - group, group_ids(ids))  # negative: never a rule index
                found = memo.get(key)
                if found is None:
                    found = memo[key] = self._holding(steps, parts)
                holding += found
            holding.sort(key=_ORDER)
            for step in holding:
                if step.code not in fired_codes:
                    fired_codes.append(step.code)
                    fired.append(step)
        return fired


_ORDER = attrgetter("index")


def _union(steps: list[Step]) -> tuple:
    """(slot, root, paths) read by any of the steps (which all read the same roots)."""
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
