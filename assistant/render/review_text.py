"""The review as plain text, in the order the AM reads it (the CLI and the chat show it)."""

from __future__ import annotations


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def render_review(result) -> str:
    play = result.play
    lines = [f"Review: {result.account} · {result.product} ({play.motion.replace('_', '-')}, {play.change})", ""]
    lines.append(f"1. The play: {play.verdict.upper()}" + ("" if play.allowed else
                                                             " — a well-written text for a blocked play is still the wrong text"))
    for blocker in play.blockers:
        lines.append(f"   x {blocker.code}: {blocker.message}")
        if blocker.remedy:
            lines.append(f"     remedy: {blocker.remedy}")
    test = result.exec_committee
    lines += ["", f"2. Executive-committee test: {'YES' if test.passed else 'NO'}"]
    lines += [f"   - {reason}" for reason in test.reasons]
    lines += ["", "3. Sentences that break a rule:"]
    findings = [(m, f) for m in result.messages for f in m.findings]
    if not findings:
        lines.append("   none")
    for message, finding in findings:
        where = f"message {message.number}, " if len(result.messages) > 1 else ""
        where += f"sentence {finding.sentence}" if finding.sentence else "whole message"
        lines.append(f"   [{where}, chars {finding.start}-{finding.end}] \"{_quote(finding.quote)}\"")
        lines.append(f"     {finding.code}: {finding.explanation}" + (f" ({finding.detail})" if finding.detail else ""))
        if finding.passage:
            lines.append(f"     why ({finding.passage.title}, {finding.passage.section}): {_quote(finding.passage.text)}")
        lines.append(f"     fix: {finding.fix}")
    lines += ["", "4. What is missing:"]
    gaps = [(m, x) for m in result.messages for x in m.missing]
    unsupported = [(m, u) for m in result.messages for u in m.unsupported]
    if not gaps and not unsupported:
        lines.append("   nothing")
    for message, missing in gaps:
        where = f"message {message.number}: " if len(result.messages) > 1 else ""
        lines.append(f"   - {where}{missing.what}")
        lines.append(f"     fix: {missing.fix}")
    for message, number in unsupported:
        where = f"message {message.number}, " if len(result.messages) > 1 else ""
        lines.append(f"   - unsupported: \"{number.text}\" ({where}sentence {number.sentence}) is not in the account's facts")
    lines += ["", "5. Suggested rewrite:"]
    rewrite = result.rewrite
    if rewrite is None:
        lines.append("   none")
    elif rewrite.kind == "no_draft":
        lines.append(f"   No pitch: the verdict is {rewrite.verdict}. Have this conversation instead:")
        lines += [f"   - {step}" for step in rewrite.remedies or rewrite.why]
    else:
        lines.append(f"   (drafted by {rewrite.drafter_name}; passed approval)")
        lines += [f"   {rewrite.parts.outcome_anchor}", f"   {rewrite.parts.next_step}", f"   {rewrite.parts.ask}"]
    lines += ["", f"rules {result.ruleset_version} · review rules {result.review_rules_version}"]
    return "\n".join(lines)
