"""Evaluate one play: build facts, run the rules phase by phase, assemble the verdict.

Phases: signals first (phase 1), then blockers (phase 2), then rules that read what fired
(phase 3: no signals at all, value not proven, vendor timing without a customer need).
Stricter wins: hold > intervene > prepare > pitch. A rule whose condition reads a fact that
is unknown for this account does not fire; it is listed under `unknown_facts`.
"""

from __future__ import annotations

import datetime as dt

from assistant.policy import cel_runtime as cel
from assistant.domain import (VERDICT_STRICTNESS, Account, Catalog, Evidence, Play, Product, Reason,
                              Verdict, VerdictKind)
from assistant.policy.alignment import Alignment
from assistant.errors import CoachError
from assistant.policy.facts import build_facts
from assistant.policy.rules import Rule, RuleSet


class RuleEvaluationError(CoachError):
    pass


def lookup(facts: dict, path: str):
    node = facts
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _joined(values: list[str], word: str = "or") -> str:
    values = [v for v in values if v]
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + f" {word} " + values[-1]


def template_info(account: Account, product: Product, play: Play, alignment: Alignment) -> dict:
    return {
        "account": account.name,
        "product": product.name,
        "pitch_to": play.pitch_to or "the contact",
        "serves": _joined(product.serves),
        "used_by": _joined(product.used_by),
        "champions": _joined([p.name for p in account.stakeholders if p.has_role("champion")], "and"),
        "bundled_with": _joined(play.bundled_with, "and"),
        "sponsor": alignment.sponsor,
        "priority": alignment.priority,
        "sponsor_basis": alignment.sponsor_basis,
        "priority_basis": alignment.priority_basis,
    }


def render_reason(rule: Rule, facts: dict, info: dict, kind: str) -> Reason:
    context = {**facts, "info": info}
    evidence = [Evidence(fact=path, value=lookup(facts, path)) for path in rule.spec.evidence
                if lookup(facts, path) is not None]
    forces = VerdictKind(rule.spec.effect) if rule.spec.effect in VERDICT_STRICTNESS else None
    return Reason(
        code=rule.code, rule=rule.id, kind=kind, forces=forces,
        message=" ".join(rule.message.render(context).split()).rstrip(";, "),
        evidence=evidence,
        remedy=" ".join(rule.remedy.render(context).split()) if rule.remedy else None,
        cites=list(rule.spec.cites),
    )


def _run_rules(ruleset: RuleSet, motion: str, facts: dict, info: dict) -> tuple[list[Reason], list[str]]:
    # Parameters are compiled into the conditions as literals (rules.py), so they stay out of
    # the CEL context: converting them was a fifth of a play's evaluation time.
    context = cel.Context({root: value for root, value in facts.items() if root != "params"})
    fired: list[str] = []
    reasons: list[Reason] = []
    unknown: list[str] = []
    for phase in ruleset.phases:
        context.add_variable("fired", list(fired))
        for rule in ruleset.rules_for(motion, phase):
            try:
                result = rule.program.execute(context)
            except KeyError as missing:
                unknown.append(f"{rule.id}: {missing.args[0] if missing.args else missing}")
                continue
            except (TypeError, ValueError, RuntimeError, ArithmeticError) as exc:
                raise RuleEvaluationError(f"{rule.file}, rule '{rule.id}': condition failed: {exc}") from None
            if not isinstance(result, bool):
                raise RuleEvaluationError(f"{rule.file}, rule '{rule.id}': condition gave "
                                          f"{type(result).__name__} {result!r}, not true or false")
            if result is True and rule.code not in fired:
                kind = ruleset.reason_codes[rule.code]["kind"]
                reasons.append(render_reason(rule, facts, info, kind))
                fired.append(rule.code)
    return reasons, unknown


def _plan(ruleset: RuleSet, motion: str, info: dict, product: Product, alignment: Alignment,
          play: Play) -> list[str]:
    plan = ruleset.motions[motion]
    context = {
        "account": info["account"], "product": product.name, "sponsor": alignment.sponsor,
        "priority": alignment.priority, "champion": alignment.champion_in_using_team,
        "used_by": info["used_by"] or "the using team", "amount": play.amount,
    }
    return [" ".join(step.render(context).split()) for step in plan.steps]


def evaluate(ruleset: RuleSet, account: Account, catalog: Catalog, play: Play, today: dt.date,
             *, split_bundle: bool = True) -> Verdict:
    facts, product, motion, change, alignment = build_facts(account, catalog, play, today, ruleset.params)
    info = template_info(account, product, play, alignment)
    reasons, unknown = _run_rules(ruleset, motion.value, facts, info)
    forced = [r.forces.value for r in reasons if r.forces is not None]
    verdict = max(forced, key=VERDICT_STRICTNESS.__getitem__, default="pitch")
    separate = []
    if split_bundle:
        for other in play.bundled_with:
            single = play.model_copy(update={"product": other, "change": None, "bundled_with": [],
                                             "sponsor": None, "advances_priority": None, "amount": None})
            separate.append(evaluate(ruleset, account, catalog, single, today, split_bundle=False))
    return Verdict(
        account=account.name, product=product.name, change=change, motion=motion,
        verdict=VerdictKind(verdict), reasons=reasons,
        plan=_plan(ruleset, motion.value, info, product, alignment, play),
        sponsor=alignment.sponsor, priority=alignment.priority, priority_source=alignment.priority_source,
        amount=play.amount, pitch_to=play.pitch_to, unknown_facts=unknown,
        ruleset_version=ruleset.version, today=today, facts=facts, separate_plays=separate,
    )
