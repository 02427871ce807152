"""Verdicts and fired codes of many plays under one or more rule sets, without rendering.

A book scan (`coach plan`, `coach policy diff`, the lift search) needs, per play, only the
verdict and which codes fired. `engine.evaluate` also renders every message, evidence list and
motion plan into a Verdict, which costs about ten times more: too much for a book of 100,000
accounts. This module runs the same rules in the same phases and order, with the same rules for
stricter-wins, duplicate codes and unknown facts (a condition that reads a missing fact does not
fire); tests/policy_lifts/test_batch_equivalence.py and
tests/portfolio/test_batch_parity.py check it against `engine.evaluate` play by play. Messages and remedies
are rendered, from the same templates, only for the plays a plan shows them for.

Facts come from CandidateFacts (batch_facts.py: account-level facts built once per account) and
are built once for all the rule sets; conditions run through RuleRunners sharing one FactIds
(batch_rules.py), which remembers results by the values they read, across rule sets. And when
no rule reads `play.change`, the upsell changes of one owned product (more capacity, more
volume, higher tier, longer term) are classified once: `build_facts` derives nothing else from
the change. A BatchEvaluator is not thread-safe; use one per thread or process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.domain import VERDICT_STRICTNESS, Account, Catalog, Play
from assistant.policy.batch_facts import CandidateFacts
from assistant.policy.batch_rules import WHOLE, FactIds, RuleRunner, Step
from assistant.policy.engine import render_reason, template_info  # rendered exactly as engine.evaluate does
from assistant.policy.plays import applicable_changes
from assistant.policy.rules import Rule, RuleSet

_VERDICTS = {strictness: verdict for verdict, strictness in VERDICT_STRICTNESS.items()}


@dataclass(frozen=True, slots=True)
class Blocker:
    code: str
    message: str
    remedy: str | None

    def __reduce__(self):  # pickled by fields: the dataclass default for slots is ~10x slower
        return self.__class__, (self.code, self.message, self.remedy)


@dataclass(slots=True)
class PlayResult:
    product: str
    change: str
    motion: str
    verdict: str
    codes: tuple[str, ...]      # every code fired, in firing order (signals, blockers, notes)
    signals: tuple[str, ...]
    blockers: tuple[str, ...]
    # Kept only until the account's summary is made: what rendering the blockers needs.
    _fired: tuple[Rule, ...] = field(default=(), repr=False)
    _render_args: tuple | None = field(default=None, repr=False)

    def render_blockers(self) -> tuple[Blocker, ...]:
        """The blockers with their messages and remedies, rendered by the engine's own code."""
        rules = [rule for rule in self._fired if rule.spec.effect not in ("signal", "note")]
        if not rules or self._render_args is None:
            return ()
        facts, params, account, product, play, alignment = self._render_args
        # this rule set's parameters (the facts were built once for all), and this play's change
        facts = {**facts, "params": params, "play": {**facts["play"], "change": self.change}}
        info = template_info(account, product, play, alignment)
        reasons = (render_reason(rule, facts, info, "blocker") for rule in rules)
        return tuple(Blocker(r.code, r.message, r.remedy) for r in reasons)

    def with_change(self, change: str) -> "PlayResult":
        """This result of one upsell change, for another change of the same product."""
        return PlayResult(self.product, change, self.motion, self.verdict, self.codes, self.signals,
                          self.blockers, self._fired, self._render_args)


def _outcome(fired: list[Step]) -> tuple[list[str], str]:
    strictness = max((s.strictness for s in fired if s.strictness is not None), default=0)
    return [s.code for s in fired], _VERDICTS[strictness]


def _result(fired: list[Step], product: str, change: str, motion: str, render_args: tuple) -> PlayResult:
    codes, signals, blockers, strictness = [], [], [], 0
    for step in fired:  # one pass: this runs for every play of the book
        codes.append(step.code)
        if step.kind == "signal":
            signals.append(step.code)
        elif step.kind == "blocker":
            blockers.append(step.code)
        if step.strictness is not None and step.strictness > strictness:
            strictness = step.strictness
    return PlayResult(product, change, motion, _VERDICTS[strictness], tuple(codes), tuple(signals),
                      tuple(blockers), tuple(step.rule for step in fired), render_args)


class BatchEvaluator:
    def __init__(self, rulesets: list[RuleSet], max_entries: int = 50_000):
        self.rulesets = list(rulesets)
        self._ids = FactIds(max_entries)
        conditions = [[self._ids.condition(rule, rs.params) for rule in rs.rules] for rs in self.rulesets]
        self._ids.freeze_roots()
        self._runners = [RuleRunner(rs, self._ids, c) for rs, c in zip(self.rulesets, conditions)]
        self._facts = CandidateFacts(self.rulesets[0].params)
        self._plays: dict[tuple[str, str], Play] = {}
        self._change_read = self.reads("play.change")

    def reads(self, path: str) -> bool:
        """Whether any rule of any rule set reads this fact (or a part of it)."""
        node = self._ids.trie
        for part in path.split("."):
            if node is WHOLE:
                return True
            if part not in node:
                return False
            node = node[part]
        return True

    def evaluate(self, facts: dict, motion: str) -> list[tuple[list[str], str]]:
        """(codes in firing order, verdict) of one play's fact tree, for each rule set in order."""
        self._ids.load(facts)
        return [_outcome(runner.run(motion)) for runner in self._runners]

    def classify(self, account: Account, catalog: Catalog, today: dt.date) -> list[list[PlayResult]]:
        """Per rule set, one result per candidate play (in policy.plays.candidate_plays order)."""
        results: list[list[PlayResult]] = [[] for _ in self._runners]
        self._facts.start()
        for product in catalog.products:
            first = None
            for change in applicable_changes(account, product):
                if first is not None and not self._change_read and change != "new_product":
                    for mine, result in zip(results, first):
                        mine.append(result.with_change(change))
                    continue
                play = self._plays.get((product.name, change))
                if play is None:  # the same candidate play for every account: built once
                    play = self._plays[(product.name, change)] = Play(product=product.name, change=change)
                first = self._classify_play(account, catalog, play, today)
                for mine, result in zip(results, first):
                    mine.append(result)
        return results

    def _classify_play(self, account: Account, catalog: Catalog, play: Play, today: dt.date) -> list[PlayResult]:
        facts, product, motion, change, alignment = self._facts(account, catalog, play, today)
        self._ids.load(facts)
        return [_result(runner.run(motion.value), product.name, change, motion.value,
                        (facts, ruleset.params, account, product, play, alignment))
                for ruleset, runner in zip(self.rulesets, self._runners)]
