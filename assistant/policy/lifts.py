"""What would change the verdict: for each blocker, what would lift it, in the account's terms.

Each lift is a dict (it lands in `Reason.lifts` and in JSON output as it is):
  code           the blocker it lifts
  fact           the fact path the change moves (" + "-joined for a combination)
  now, needed    that fact's value now and after the change (lists for a combination; a list
                 of values for a single change when several values work)
  change_text    the change said in the account's terms (wording from rules/lifts.yaml)
  verdict_after  the play's verdict once this change is made (other blockers still count)
  what_if        the NAME=VALUE changes that replay it with `--what-if`
  changes        one entry per change: {fact, now, needed, change_text, what_if}
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.policy import cel_runtime as cel
from assistant.domain import Account, Catalog, Play, Verdict
from assistant.policy.engine import lookup
from assistant.policy.lift_config import LiftConfig, load_lift_config
from assistant.policy.lift_search import Found, Probe, blocker_rules, relevant_facts, search
from assistant.policy.mutators import MUTATORS
from assistant.policy.rules import RuleSet
from assistant.policy.templates import format_number
from assistant.policy.whatif import format_what_if

_COMPARISON = r"\s*(?:<=|>=|<|>)\s*([^&|)]+)"
_PARAM = re.compile(r"params\.(\w+)")


def _threshold(ruleset: RuleSet, motion: str, code: str, fact: str, facts: dict, needed, step) -> str | None:
    """The parameter(s) a condition compares `fact` against, when `needed` sits at that threshold."""
    if not isinstance(needed, (int, float)) or isinstance(needed, bool):
        return None
    # the blocker's own rules first; then any rule of the motion (a `fired` rule is lifted through a signal's)
    rules = blocker_rules(ruleset, motion, code) + [r for r in ruleset.rules if motion in r.spec.motions]
    for rule in rules:
        for rhs in re.findall(re.escape(fact) + _COMPARISON, rule.spec.when):
            names = _PARAM.findall(rhs)
            if not names:
                continue
            try:
                value = cel.evaluate(rhs.strip(), facts)
            except (KeyError, TypeError, ValueError, RuntimeError):
                continue
            if isinstance(value, (int, float)) and abs(value - needed) <= (step or 0) + 1e-9:
                return ", ".join(f"{n.replace('_', ' ')} {format_number(ruleset.params[n])}" for n in names)
    return None


def _moved_fact(name: str, relevant: list[str], config: LiftConfig, before: dict, after: dict) -> str:
    """The first relevant fact this change is listed for whose value actually moved."""
    mapped = [f for f in relevant if name in config.facts.get(f, ())] or \
        [f for f, names in config.facts.items() if name in names]
    return next((f for f in mapped if lookup(before, f) != lookup(after, f)), mapped[0] if mapped else name)


def _compact(values: list):
    unique = []
    for v in values:
        if v not in unique:
            unique.append(v)
    return unique[0] if len(unique) == 1 else unique


def _describe(probe: Probe, name: str, value, values: list, before: Verdict, after: Verdict,
              fact: str, needed, motion: str, code: str) -> str:
    mutator, spec = MUTATORS[name], probe.config.changes[name]
    base, changed = probe.target(), probe.target(((name, value),))
    context = {
        "now": mutator.read(base), "value": value, "values": [str(v) for v in values],
        "fact": fact, "fact_now": lookup(before.facts, fact), "fact_needed": needed,
        "threshold": _threshold(probe.ruleset, motion, code, fact, after.facts, needed, spec.step),
        "params": probe.ruleset.params, "product": before.product, "account": before.account,
    }
    if mutator.describe is not None:
        context.update(mutator.describe(base, changed))
    return " ".join(spec.text.render(context).split())


def _entry(probe: Probe, before: Verdict, found: Found, name: str, value, relevant: list[str],
           motion: str, code: str) -> dict:
    values = found.values if len(found.moves) == 1 and found.values else [value]
    after = probe.verdict(((name, value),)) if len(found.moves) > 1 else found.after
    fact = _moved_fact(name, relevant, probe.config, before.facts, after.facts)
    needed = _compact([lookup(probe.verdict(((name, v),)).facts, fact) for v in values])
    needed_one = lookup(after.facts, fact)
    return {
        "fact": fact, "now": lookup(before.facts, fact), "needed": needed,
        "change_text": _describe(probe, name, value, values, before, after, fact, needed_one, motion, code),
        "what_if": format_what_if(name, value),
    }


def _lift(probe: Probe, before: Verdict, found: Found, relevant: list[str], code: str) -> dict:
    motion = before.motion.value
    entries = [_entry(probe, before, found, name, value, relevant, motion, code) for name, value in found.moves]
    single = len(entries) == 1
    return {
        "code": code,
        "fact": entries[0]["fact"] if single else " + ".join(e["fact"] for e in entries),
        "now": entries[0]["now"] if single else [e["now"] for e in entries],
        "needed": entries[0]["needed"] if single else [e["needed"] for e in entries],
        "change_text": entries[0]["change_text"] if single else "; and ".join(e["change_text"] for e in entries),
        "verdict_after": found.after.verdict.value,
        "what_if": [e["what_if"] for e in entries],
        "changes": entries,
    }


def lifts_for(ruleset: RuleSet, account: Account, catalog: Catalog, play: Play, today: dt.date,
              verdict: Verdict, code: str, *, config: LiftConfig | None = None,
              probe: Probe | None = None) -> list[dict]:
    """Every lift found for one blocker code of `verdict` (empty when none is within reach)."""
    probe = probe or Probe(ruleset, account, catalog, play, today, config or load_lift_config(ruleset.directory))
    motion = verdict.motion.value
    relevant = relevant_facts(ruleset, motion, code)
    return [_lift(probe, verdict, found, relevant, code) for found in search(probe, motion, code)]


def attach_lifts(ruleset: RuleSet, account: Account, catalog: Catalog, play: Play, today: dt.date,
                 verdict: Verdict, *, config: LiftConfig | None = None) -> Verdict:
    """A copy of `verdict` whose blocker reasons carry their lifts (a `pitch` is returned as it is)."""
    if verdict.verdict.value == "pitch":
        return verdict
    probe = Probe(ruleset, account, catalog, play, today, config or load_lift_config(ruleset.directory))
    reasons = [reason.model_copy(update={"lifts": lifts_for(ruleset, account, catalog, play, today, verdict,
                                                            reason.code, probe=probe)})
               if reason.kind == "blocker" else reason for reason in verdict.reasons]
    return verdict.model_copy(update={"reasons": reasons})
