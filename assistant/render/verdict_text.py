"""A verdict as plain text for the terminal (and anything else that shows text)."""

from __future__ import annotations

import textwrap

from assistant.domain import Reason, Verdict
from assistant.policy.templates import format_number

EXCERPT_CHARS = 240


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent) or [indent]


def _evidence(reason: Reason) -> str:
    if not reason.evidence:
        return ""
    return "; ".join(f"{e.fact}={format_number(e.value) if not isinstance(e.value, list) else e.value}"
                     for e in reason.evidence)


def _reason_lines(reason: Reason) -> list[str]:
    mark = {"signal": "+", "blocker": "x", "note": "!"}[reason.kind]
    forced = f" [{reason.forces.value}]" if reason.forces else ""
    lines = _wrap(f"{mark} {reason.code}{forced}: {reason.message}", "  ")
    evidence = _evidence(reason)
    if evidence:
        lines += _wrap(f"evidence: {evidence}", "      ")
    if reason.remedy:
        lines += _wrap(f"remedy: {reason.remedy}", "      ")
    for lift in reason.lifts:
        after = f" -> verdict then: {lift['verdict_after']}" if lift.get("verdict_after") else ""
        lines += _wrap(f"would lift it: {lift.get('change_text', '')}{after}", "      ")
    for passage in reason.passages:
        lines += _wrap(f"why ({passage['title']}, {passage['doc']}#{passage['section']}): "
                       f"{_excerpt(passage['text'])}", "      ")
    return lines


def render_verdict(verdict: Verdict, headline: str | None = None, *, heading: bool = True) -> str:
    """`headline`: what the verdict means (CheckResult.headline, from prompts/wording.yaml)."""
    lines: list[str] = []
    motion = verdict.motion.value.replace("_", "-")
    if heading:
        meaning = f" ({headline})" if headline else ""
        lines.append(f"{verdict.account} · {verdict.product} ({verdict.change.replace('_', ' ')}): "
                     f"{verdict.verdict.value.upper()}{meaning}")
    for note in verdict.name_notes:
        lines.append(f"Note: {note}")
    lines.append(f"Motion: {motion}")
    sponsor = verdict.sponsor or "none found"
    priority = f'"{verdict.priority}"' if verdict.priority else "none found"
    source = f" (stated: {verdict.priority_source})" if verdict.priority_source else ""
    lines.append(f"Sponsor: {sponsor} · Priority it advances: {priority}{source}")
    for title, kind in (("Signals", "signal"), ("Blockers", "blocker"), ("Notes", "note")):
        group = [r for r in verdict.reasons if r.kind == kind]
        if group:
            lines.append(f"{title}:")
            for reason in group:
                lines += _reason_lines(reason)
    if verdict.verdict.value == "pitch":
        lines.append(f"Plan ({motion}):")
    else:
        lines.append(f"Plan once the blockers are lifted ({motion}):")
    lines += [line for i, step in enumerate(verdict.plan, 1) for line in _wrap(f"{i}. {step}", "  ")]
    if verdict.unknown_facts:
        lines.append("Not evaluated for lack of facts: " + "; ".join(verdict.unknown_facts))
    for other in verdict.separate_plays:
        lines.append("")
        lines.append(f"Separate play: {other.product} ({other.change.replace('_', ' ')}): "
                     f"{other.verdict.value.upper()}")
        lines += ["  " + line for line in render_verdict(other, heading=False).splitlines()]
    if heading:
        lines.append(f"Rule set {verdict.ruleset_version} · evaluated for {verdict.today.isoformat()}")
    return "\n".join(lines)
