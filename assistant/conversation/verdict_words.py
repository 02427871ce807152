"""A verdict in the coach's words: headline first, then reasons, plan and sources.

The headline states the verdict (prompts/wording.yaml `verdict.*`), so an answer that opens with it can
never contradict it; every other line comes from the same Verdict object.
"""

from __future__ import annotations

from typing import Sequence

from assistant.conversation.answer import Answer
from assistant.wording import Replies
from assistant.domain import Verdict


class VerdictWords:
    def __init__(self, replies: Replies, reason_codes: dict):
        self.say, self.reason_codes = replies.say, reason_codes

    def headline(self, verdict: Verdict) -> str:
        return self.say(f"verdict.{verdict.verdict.value}", product=verdict.product, account=verdict.account,
                        motion=verdict.motion.value, a_motion=self.say(f"motion.{verdict.motion.value}"),
                        change=self.say(f"change.{verdict.change}"))

    def label(self, code: str) -> str:
        return self.reason_codes.get(code, {}).get("label", code)

    def applied_lines(self, answer: Answer, verdict: Verdict | None, *, listed: Sequence[Verdict] = (),
                      held: Sequence[str] = ()) -> list[str]:
        """What the AM's words applied, each with whether its rule fired: on the verdict, or (a list
        of plays) on any of the `listed` verdicts, or (a review meeting) among the codes its plays are `held` by."""
        codes = set(verdict.codes) if verdict else {code for v in listed for code in v.codes} | set(held)
        lines = []
        for item in answer.applied:
            item.fired = bool(item.rule and item.rule in codes)
            lines.append(self.say("applied", phrase=item.phrase, says=item.says, rule=item.rule, fired=item.fired,
                                  label=self.label(item.rule) if item.rule else None))
        return lines

    def reason_lines(self, verdict: Verdict, kinds=("blocker", "signal", "note")) -> list[str]:
        lines = []
        for kind, heading in (("blocker", "blockers"), ("signal", "signals"), ("note", "notes")):
            group = [r for r in verdict.reasons if r.kind == kind and kind in kinds]
            if group:
                lines.append(self.say(f"section.{heading}"))
            for r in group:
                lines.append(self.say(f"reason.{kind}", label=self.label(r.code), code=r.code, message=r.message,
                                      remedy=r.remedy))
                lines += [self.say("reason.lift", change=lift.get("change_text"), after=lift.get("verdict_after"))
                          for lift in r.lifts]
        for other in verdict.separate_plays:
            lines.append(self.say("reason.separate", product=other.product, verdict=other.verdict.value,
                                  change=self.say(f"change.{other.change}")))
        return lines

    def plan_lines(self, verdict: Verdict) -> list[str]:
        key = "section.plan_pitch" if verdict.verdict.value == "pitch" else "section.plan_later"
        lines = [self.say(key, motion=self.say(f"motion.{verdict.motion.value}"))]
        return lines + [self.say("reason.step", number=i, step=s) for i, s in enumerate(verdict.plan, 1)]

    @staticmethod
    def passages(verdict: Verdict) -> list[dict]:
        seen: dict[str, dict] = {}
        for reason in verdict.reasons:
            for passage in reason.passages:
                seen.setdefault(f"{passage['doc']}#{passage['section']}", passage)
        return list(seen.values())

    def sources_line(self, passages: list[dict]) -> list[str]:
        if not passages:
            return []
        return [self.say("section.sources", sources=[f"{p['title']} ({p['doc']}#{p['section']})" for p in passages])]

    def with_verdict(self, answer: Answer, verdict: Verdict) -> None:
        answer.verdict = verdict
        answer.reasons = [{"code": r.code, "kind": r.kind, "label": self.label(r.code), "message": r.message,
                           "remedy": r.remedy, "forces": r.forces.value if r.forces else None}
                          for r in verdict.reasons]
        answer.passages = self.passages(verdict)
        blockers = [r.remedy for r in verdict.blockers() if r.remedy]
        answer.plan = list(dict.fromkeys(blockers)) + verdict.plan if verdict.verdict.value != "pitch" else verdict.plan

    def alignment_line(self, verdict: Verdict) -> str:
        return self.say("reason.alignment", sponsor=verdict.sponsor, priority=verdict.priority,
                        source=verdict.priority_source)
