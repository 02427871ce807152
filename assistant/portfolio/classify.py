"""The verdict and fired codes of every candidate play of an account, without rendering.

A quarterly plan needs, per play, only the verdict and which codes fired. `engine.evaluate`
also renders every message, evidence list and motion plan into a Verdict, which costs about
ten times more: too much for a book of 100,000 accounts. This module runs the same compiled
rules in the same phases and order, with the same rules for stricter-wins, duplicate codes and
unknown facts (a condition that reads a missing fact does not fire); tests/portfolio checks it
against `engine.evaluate` play by play. Messages and remedies are rendered, from the same
templates, only for the plays a plan shows them for.

Facts come from CandidateFacts (candidate_facts.py: account-level facts built once per account),
conditions run through a RuleRunner (rulecache.py), which remembers results by the values they
read. And when no rule reads `play.change`, the upsell changes of one owned product (more
capacity, more volume, higher tier, longer term) are classified once: `build_facts` derives
nothing else from the change. A Classifier is not thread-safe; use one per thread or process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.domain import VERDICT_STRICTNESS, Account, Catalog, Play
from assistant.policy.engine import _reason, _template_info  # rendered exactly as engine.evaluate does
from assistant.policy.plays import applicable_changes
from assistant.policy.rules import Rule, RuleSet
from assistant.portfolio.candidate_facts import CandidateFacts
from assistant.portfolio.rulecache import WHOLE, RuleRunner

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
        facts, account, product, play, alignment = self._render_args
        if facts["play"].get("change") != self.change:  # a copy made for another upsell change
            facts = {**facts, "play": {**facts["play"], "change": self.change}}
        info = _template_info(account, product, play, alignment)
        reasons = (_reason(rule, facts, info, "blocker") for rule in rules)
        return tuple(Blocker(r.code, r.message, r.remedy) for r in reasons)


class Classifier:
    def __init__(self, ruleset: RuleSet, max_entries: int = 50_000):
        self.ruleset = ruleset
        self._rules = RuleRunner(ruleset, max_entries)
        self._facts = CandidateFacts(ruleset.params)
        self._plays: dict[tuple[str, str], Play] = {}
        play_paths = self._rules.trie.get("play", {})
        self._change_read = play_paths is WHOLE or "change" in play_paths

    def classify(self, account: Account, catalog: Catalog, today: dt.date) -> list[PlayResult]:
        """One result per candidate play (as policy.plays.candidate_plays lists them, in that order)."""
        results: list[PlayResult] = []
        self._facts.start()
        for product in catalog.products:
            changes = applicable_changes(account, product)
            first = None
            for change in changes:
                if first is not None and not self._change_read and change != "new_product":
                    results.append(_with_change(first, change))
                    continue
                play = self._plays.get((product.name, change))
                if play is None:  # the same candidate play for every account: built once
                    play = self._plays[(product.name, change)] = Play(product=product.name, change=change)
                result = self._classify_play(account, catalog, play, today)
                first = result
                results.append(result)
        return results

    def _classify_play(self, account: Account, catalog: Catalog, play: Play, today: dt.date) -> PlayResult:
        facts, product, motion, change, alignment = self._facts(account, catalog, play, today)
        self._rules.load(facts)
        fired = self._rules.run(motion.value)
        strictness = max((s.strictness for s in fired if s.strictness is not None), default=0)
        return PlayResult(
            product=product.name, change=change, motion=motion.value, verdict=_VERDICTS[strictness],
            signals=tuple(s.code for s in fired if s.kind == "signal"),
            blockers=tuple(s.code for s in fired if s.kind == "blocker"),
            _fired=tuple(s.rule for s in fired), _render_args=(facts, account, product, play, alignment),
        )


def _with_change(result: PlayResult, change: str) -> PlayResult:
    """The result of one upsell change, for another change of the same product."""
    r = result
    return PlayResult(r.product, change, r.motion, r.verdict, r.signals, r.blockers, r._fired, r._render_args)
