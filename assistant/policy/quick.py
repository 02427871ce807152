"""Verdicts and reason codes only, for several rule sets at once, for scanning a whole book.

Same phases, `fired` list, unknown-fact handling and strictness as engine.evaluate, minus
what a book scan does not need: messages, remedies and plans are not rendered (over half of
evaluate's time). Converting Python values into a CEL context is the other big cost, so one
context serves every rule set compared and every play: each rule set's programs are
recompiled with its parameter values written in as literals and its own `fired_N` name, a
rule that is identical in two rule sets runs once, only the facts some rule reads are
converted, and a fact root is re-added only when it differs from the previous play's (an
account's plays share `account`, `health` and `renewal`). Tests hold it equal to
engine.evaluate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Iterator

import cel

from assistant.domain import VERDICT_STRICTNESS, Account, Catalog, Play
from assistant.policy.engine import RuleEvaluationError
from assistant.policy.facts import build_facts
from assistant.policy.plays import candidate_plays
from assistant.policy.rules import _STRING_LITERAL, Rule, RuleSet, referenced_names

_PARAM = re.compile(r"(?<![\w.])params\.(\w+)")
_FIRED = re.compile(r"(?<![\w.])fired(?!\w)")
_MISSING = object()
_RANK_TO_VERDICT = {rank: name for name, rank in VERDICT_STRICTNESS.items()}


def play_facts(account: Account, catalog: Catalog, play: Play, today: dt.date) -> tuple[dict, str]:
    """The fact tree without parameters (each rule set brings its own) and the play's motion."""
    facts, _product, motion, _change, _alignment = build_facts(account, catalog, play, today, {})
    facts.pop("params", None)
    return facts, motion.value


def account_play_facts(account: Account, catalog: Catalog, today: dt.date) -> Iterator[tuple[Play, dict, str]]:
    """(play, facts, motion) for every candidate play of the account.

    The plays of one product differ only in `play.change` (motion, alignment and every other
    fact follow from the account and the product), so the tree is built once per product and
    copied with the change swapped; tests hold this equal to building each play's tree.
    """
    built: dict[str, tuple[dict, str]] = {}
    for play in candidate_plays(account, catalog):
        if play.product not in built:
            built[play.product] = play_facts(account, catalog, play, today)
            yield play, *built[play.product]
        else:
            facts, motion = built[play.product]
            yield play, {**facts, "play": {**facts["play"], "change": play.change}}, motion


def _shape(rulesets: list[RuleSet]) -> dict:
    """The fact paths any rule reads, as a tree; True keeps a whole subtree."""
    tree: dict = {}
    for rs in rulesets:
        for rule in rs.rules:
            for name in referenced_names(rule.spec.when):
                parts = name.split(".")
                if parts[0] in ("params", "fired"):
                    continue
                node = tree
                for part in parts[:-1]:
                    if node.get(part) is True:
                        break
                    node = node.setdefault(part, {})
                else:
                    node[parts[-1]] = True
    return tree


def _pruned(facts: dict, shape: dict) -> dict:
    # converting values into CEL costs microseconds each; values no rule reads are left out
    out = {}
    for key, keep in shape.items():
        if key in facts:
            value = facts[key]
            out[key] = value if keep is True or type(value) is not dict else _pruned(value, keep)
    return out


def _cel_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)  # 0 stays an int and 0.85 a double, as when read from params
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cel_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_cel_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"parameter value {value!r} cannot be written as a CEL literal")


def _outside_literals(source: str, rewrite) -> str:
    out, at = [], 0
    for literal in _STRING_LITERAL.finditer(source):
        out.append(rewrite(source[at:literal.start()]))
        out.append(literal.group(0))
        at = literal.end()
    out.append(rewrite(source[at:]))
    return "".join(out)


def _specialised(source: str, params: dict, suffix: str) -> str:
    """`params.x` -> its value as a literal, `fired` -> `fired_<suffix>`; string literals untouched.

    Parameters then need no place in the shared context, which keeps the context small: CEL
    rebuilds its environment after every change of a variable, at a cost that grows with it.
    """
    def rewrite(code: str) -> str:
        code = _PARAM.sub(lambda m: _cel_literal(params[m.group(1)]), code)
        return _FIRED.sub(f"fired_{suffix}", code)
    return _outside_literals(source, rewrite)


@dataclass
class _Compiled:
    key: str  # the specialised source with `fired` unnumbered: equal keys (and `fired`) give equal results
    program: object
    code: str
    rank: int  # strictness the rule forces (0 for signals and notes)
    reads_fired: bool
    rule: Rule


class RuleSetsEvaluator:
    """Evaluates plays under several rule sets with one shared CEL context (not thread-safe)."""

    def __init__(self, rulesets: list[RuleSet]):
        self.rulesets = rulesets
        self.phases = sorted({p for rs in rulesets for p in rs.phases})
        self.context = cel.Context({})
        self._plan: dict[str, list[list[list[_Compiled]]]] = {}  # motion -> phase -> rule set -> rules
        self._roots: dict[str, object] = {}
        self._shape = _shape(rulesets)
        self._fired_set: list[tuple[str, ...] | None] = [None] * len(rulesets)

    def reads(self, path: str) -> bool:
        """Whether any rule of any rule set reads this fact (or a part of it)."""
        node = self._shape
        for part in path.split("."):
            if node is True:
                return True
            if part not in node:
                return False
            node = node[part]
        return True

    def _compile(self, rule: Rule, params: dict, index: int) -> _Compiled:
        reads_fired = "fired" in {n.split(".")[0] for n in referenced_names(rule.spec.when)}
        key = _specialised(rule.spec.when, params, "")
        program = cel.compile(_specialised(rule.spec.when, params, str(index)))
        return _Compiled(key, program, rule.code, VERDICT_STRICTNESS.get(rule.spec.effect, 0), reads_fired, rule)

    def _compiled(self, motion: str) -> list[list[list[_Compiled]]]:
        if motion not in self._plan:
            self._plan[motion] = [[[self._compile(r, rs.params, i) for r in rs.rules_for(motion, phase)]
                                   for i, rs in enumerate(self.rulesets)] for phase in self.phases]
        return self._plan[motion]

    def _set_facts(self, facts: dict) -> None:
        for root, value in facts.items():
            if root not in self._roots or self._roots[root] != value:
                self.context.add_variable(root, value)
                self._roots[root] = value
        missing = set(self._roots) - set(facts)
        if missing:  # a root present before must not leak into this play
            raise ValueError(f"fact roots missing for this play: {sorted(missing)}")

    def _set_fired(self, index: int, codes: tuple[str, ...]) -> None:
        if self._fired_set[index] != codes:
            self.context.add_variable(f"fired_{index}", list(codes))
            self._fired_set[index] = codes

    def evaluate(self, facts: dict, motion: str) -> list[tuple[list[str], str]]:
        """(reason codes in firing order, verdict) for each rule set, in the order given."""
        plan = self._compiled(motion)
        self._set_facts(_pruned(facts, self._shape))
        fired: list[list[str]] = [[] for _ in self.rulesets]
        ranks = [0] * len(self.rulesets)
        memo: dict = {}  # a rule identical in two rule sets (and seeing the same `fired`) runs once
        for per_set in plan:
            for index, rules in enumerate(per_set):
                codes = fired[index]
                seen = tuple(codes)  # as in the engine, a phase sees what fired in earlier phases
                for compiled in rules:
                    reads_fired = compiled.reads_fired
                    key = (compiled.key, seen) if reads_fired else compiled.key
                    result = memo.get(key, _MISSING) if index else _MISSING  # the first set has nothing to share
                    if result is _MISSING:
                        if reads_fired:
                            self._set_fired(index, seen)
                        try:
                            result = compiled.program.execute(self.context)
                        except KeyError:  # reads an unknown fact: the rule does not fire (as in the engine)
                            result = None
                        except (TypeError, ValueError, RuntimeError) as exc:
                            raise RuleEvaluationError(f"{compiled.rule.file}, rule '{compiled.rule.id}': "
                                                      f"condition failed: {exc}") from None
                        memo[key] = result
                    if result is True and compiled.code not in codes:
                        codes.append(compiled.code)
                        if compiled.rank > ranks[index]:
                            ranks[index] = compiled.rank
        return [(codes, _RANK_TO_VERDICT[rank]) for codes, rank in zip(fired, ranks)]
