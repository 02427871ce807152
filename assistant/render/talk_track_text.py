"""A talk track (TalkTrack) or the reason there is none (NoDraft) as plain text."""

from __future__ import annotations

_PART_TITLES = (("outcome_anchor", "Outcome anchor"), ("next_step", "Next step"), ("ask", "Ask"))


def render_talk_track(result) -> str:
    label = f"{result.account}: {result.product} ({result.motion.replace('_', '-')})"
    said = "".join(f"Note: {note}\n" for note in getattr(result, "name_notes", []))
    return said + _render(result, label)


def _render(result, label: str) -> str:
    if result.kind == "no_draft":
        headline = (f"No talk track for {label}: the play may be pitched, but no draft passes the checks."
                    if result.verdict == "pitch" else
                    f"No talk track for {label}: the verdict is {result.verdict.upper()}, so no pitch is drafted.")
        lines = [headline, "", "Why:", *[f"- {line}" for line in result.why]]
        if result.remedies:
            lines += ["", "Remedy plan:", *[f"- {step}" for step in result.remedies]]
        return "\n".join(lines)
    lines = [f"Talk track for {label}",
             f"Drafted by {result.drafter_name}; passed approval (rules {result.approval.ruleset_version}).", ""]
    for number, (key, title) in enumerate(_PART_TITLES, start=1):
        lines += [f"{number}. {title}", f"   {getattr(result.parts, key)}"]
    if result.notes:
        lines += ["", "Notes:", *[f"- {note}" for note in result.notes]]
    return "\n".join(lines)
