"""The gate: nothing reaches a user unless the rules approved it.

Only a `pitch` verdict gets a talk track; anything else gets a NoDraft with the remedy plan and
why. A model draft is checked; a refused one, or a reply that could not be read, is asked again
(at most settings.llm_reasks times, each attempt sampled differently), all within one total
deadline per draft (settings.llm_timeout_s: connect, read and every re-ask). Still refused, a
server failure or the deadline falls back to the template draft with a note of why; notes give
reason codes, never the refused model text (that is in the audit log). The template draft must
pass too: if the account's own text makes it fail (a metric that says "act now"), the answer is
a NoDraft naming the field to correct; any other failure is a TemplateRejected error (a bug),
never a shown draft. Every attempt goes to `audit`.
"""

from __future__ import annotations

import inspect
import time
from typing import Annotated, Callable, Literal, Union

from pydantic import BaseModel, Field

from assistant.approval.approve import approve
from assistant.approval.errors import TemplateRejected
from assistant.approval.loader import DraftChecks, load_draft_checks
from assistant.approval.models import Approval
from assistant.config import Settings
from assistant.domain import Account, Catalog, Verdict
from assistant.drafting.context import DraftContext, Passage, build_context
from assistant.drafting.errors import DraftFailure
from assistant.drafting.parts import DraftParts
from assistant.drafting.template import TemplateDrafter

Audit = Callable[..., object]


class TalkTrack(BaseModel):
    kind: Literal["talk_track"] = "talk_track"
    account: str
    product: str
    motion: str
    text: str
    parts: DraftParts
    drafter_name: str
    approved: bool = True  # always: an unapproved draft is never returned
    notes: list[str] = Field(default_factory=list)
    # Names typed a typo apart from the ones on record, as the answer states them.
    name_notes: list[str] = Field(default_factory=list)
    attempts: int
    approval: Approval


class NoDraft(BaseModel):
    kind: Literal["no_draft"] = "no_draft"
    account: str
    product: str
    motion: str
    verdict: str
    why: list[str]
    remedies: list[str]
    codes: list[str]
    # Names typed a typo apart from the ones on record, as the answer states them.
    name_notes: list[str] = Field(default_factory=list)


# What `Coach.draft` returns: an approved talk track, or why there is none and what to do first.
DraftResult = Annotated[Union[TalkTrack, NoDraft], Field(discriminator="kind")]


def _no_audit(kind: str, payload: dict, **_) -> None:
    return None


def no_draft(verdict: Verdict) -> NoDraft:
    blockers = verdict.blockers()
    return NoDraft(
        account=verdict.account, product=verdict.product, motion=verdict.motion.value,
        verdict=verdict.verdict.value, codes=[r.code for r in blockers],
        why=[f"{r.code}: {r.message}" for r in blockers] or [f"the verdict is {verdict.verdict.value}"],
        remedies=list(dict.fromkeys(r.remedy for r in blockers if r.remedy)),
    )


def prompt_passages(settings: Settings, checks: DraftChecks) -> list[Passage]:
    from assistant.knowledge.sections import load_sections

    wanted = checks.drafting.prompt_passages
    if not wanted:
        return []
    sections = load_sections(settings.knowledge_dir)
    limit = checks.drafting.max_passage_chars
    return [Passage(section=s.id, title=s.title, text=_cut(s.text, limit)) for s in
            (sections[i] for i in wanted if i in sections)]


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending at a sentence end when there is one (small contexts)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(". "), head.rfind(".\n"))
    return head[:end + 1] if end > 0 else head


def _primary(drafter, settings: Settings, checks: DraftChecks):
    """The model drafter when one is given or configured; None means the template only."""
    if drafter is not None:
        return None if isinstance(drafter, TemplateDrafter) else drafter
    if settings.llm_base_url and settings.llm_model:
        from assistant.drafting.llm import LLMDrafter, SlotDrafter

        if settings.llm_mode == "free":
            return LLMDrafter(settings, max_part_chars=checks.drafting.max_part_chars,
                              response_format=checks.drafting.response_format, drafting=checks.drafting)
        return SlotDrafter(settings, drafting=checks.drafting)
    return None


def _name(drafter) -> str:
    return getattr(drafter, "name", type(drafter).__name__)


class _Attempts:
    """Runs and records attempts: each one is audited with its prompt, output and gate verdict."""

    def __init__(self, verdict: Verdict, account: Account, catalog: Catalog, checks: DraftChecks, audit: Audit):
        self.verdict, self.account, self.catalog, self.checks, self.audit = verdict, account, catalog, checks, audit
        self.count = 0

    def record(self, drafter: str, parts: DraftParts | None, approval: Approval | None,
               error: DraftFailure | None = None) -> None:
        self.count += 1
        payload = {
            "attempt": self.count, "drafter": drafter, "account": self.verdict.account,
            "product": self.verdict.product, "change": self.verdict.change, "verdict": self.verdict.verdict.value,
            "prompt": (parts.prompt if parts else error.prompt if error else None),
            "raw": (parts.raw if parts else error.raw if error else None),
            "text": parts.text if parts else None,
            "approved": bool(approval and approval.approved),
            "failures": [f.model_dump() for f in approval.failures] if approval else [],
            "error": error.reason if error else None,
        }
        self.audit("talk_track_attempt", payload, ruleset_version=self.checks.version)

    def check(self, drafter: str, parts: DraftParts) -> Approval:
        approval = approve(parts.text, self.verdict, self.account, self.catalog, self.checks,
                           model_text=parts.model_text)
        self.record(drafter, parts, approval)
        return approval


def _call(primary, context: DraftContext, attempt: int, deadline: float | None) -> DraftParts:
    """Drafters that know attempts and deadlines get them; a plain Drafter gets the context only."""
    parameters = inspect.signature(primary.draft).parameters
    if "attempt" in parameters and "deadline" in parameters:
        return primary.draft(context, attempt=attempt, deadline=deadline)
    return primary.draft(context)


def _model_drafts(primary, context: DraftContext, attempts: _Attempts, reasks: int, total_s: float,
                  notes: list[str]) -> tuple[DraftParts, Approval] | None:
    """The first approved model draft, or None (with notes saying why) after the bounded re-asks.

    Refused drafts and unreadable replies are asked again; server failures and the deadline end
    the loop. Notes carry reason codes and failure kinds only, never the model's text.
    """
    current = context
    name = _name(primary)
    prepare = getattr(primary, "prepare", None)
    if prepare is not None:
        prepare()  # build the client (imports LangChain) before the draft's clock starts
    attempts.checks.prepare()  # and load the readability word list
    deadline = time.monotonic() + total_s if total_s and total_s > 0 else None
    for number in range(1, reasks + 2):
        if deadline is not None and time.monotonic() >= deadline:
            notes.append(f"The model ran out of time ({total_s:g} s for the whole draft); showing the template draft.")
            return None
        try:
            parts = _call(primary, current, number - 1, deadline)
        except DraftFailure as exc:
            attempts.record(name, None, None, exc)
            if not exc.retryable:
                notes.append(f"The model's draft could not be used ({exc.reason}); showing the template draft.")
                return None
            notes.append(f"Model draft {number} could not be read ({exc.reason.split(':')[0]}).")
            current = context.with_feedback("", [f"unreadable: {exc.reason}"])
            continue
        approval = attempts.check(name, parts)
        if approval.approved:
            return parts, approval
        notes.append(f"Model draft {number} was refused by the rules ({', '.join(approval.codes)}).")
        current = context.with_feedback(parts.text, approval.reasons())
    notes.append(f"The model gave no approved draft in {reasks + 1} attempt(s); showing the template draft.")
    return None


def _record_text_refusal(verdict: Verdict, approval: Approval) -> NoDraft | None:
    """When only the account's own text fails the template draft: a NoDraft naming the field."""
    if approval.approved or any(f.record_field is None for f in approval.failures):
        return None
    fields = sorted({f.record_field for f in approval.failures})
    return NoDraft(
        account=verdict.account, product=verdict.product, motion=verdict.motion.value, verdict=verdict.verdict.value,
        codes=approval.codes,
        why=[f"{f.code}: the account's {f.record_field} text is not fit for a customer-facing talk track "
             f"({f.detail})" for f in approval.failures],
        remedies=[f"Correct the account's {', '.join(fields)} in the source data and import it again; "
                  "a talk track quotes it word for word."])


def _no_outcome(verdict: Verdict) -> NoDraft:
    return NoDraft(
        account=verdict.account, product=verdict.product, motion=verdict.motion.value, verdict=verdict.verdict.value,
        codes=["draft.not_outcome_first"],
        why=["draft.not_outcome_first: no outcome with an achieved figure is on record, and a talk track "
             "opens with what the customer achieved"],
        remedies=["Record the outcome's achieved value (and its target) for this account, then draft again."])


def produce_talk_track(verdict: Verdict, account: Account, catalog: Catalog, settings: Settings,
                       drafter=None, audit: Audit | None = None, *,
                       checks: DraftChecks | None = None) -> TalkTrack | NoDraft:
    audit = _no_audit if audit is None else audit
    if verdict.verdict.value != "pitch":
        result = no_draft(verdict)
        audit("talk_track_refused", result.model_dump(), ruleset_version=verdict.ruleset_version)
        return result
    checks = checks or load_draft_checks(settings.rules_dir, settings.knowledge_dir)
    primary = _primary(drafter, settings, checks)
    # Only free mode quotes reference passages; slot mode's prompt is the few facts a clause needs.
    passages = prompt_passages(settings, checks) if getattr(primary, "mode", None) == "free" else []
    context = build_context(verdict, account, catalog, checks.vocabulary, passages)
    if context.outcome is None:
        result = _no_outcome(verdict)
        audit("talk_track_refused", result.model_dump(), ruleset_version=checks.version)
        return result
    attempts = _Attempts(verdict, account, catalog, checks, audit)
    notes = [f"{other.product} was proposed in the same offer: it is a separate play "
             f"(verdict {other.verdict.value}) and is not part of this talk track." for other in verdict.separate_plays]
    if primary is not None:
        found = _model_drafts(primary, context, attempts, max(0, settings.llm_reasks), settings.llm_timeout_s, notes)
        if found is not None:
            return _shown(verdict, found, _name(primary), notes, attempts, audit, checks)
    template = TemplateDrafter(settings.prompts_dir)
    try:
        parts = template.draft(context)
    except DraftFailure as exc:
        attempts.record(template.name, None, None, exc)
        raise TemplateRejected(f"the template talk track for {verdict.account} / {verdict.product} could not "
                               f"be drafted: {exc.reason}") from None
    approval = attempts.check(template.name, parts)
    refusal = _record_text_refusal(verdict, approval)
    if refusal is not None:
        audit("talk_track_refused", refusal.model_dump(), ruleset_version=checks.version)
        return refusal
    if not approval.approved:
        raise TemplateRejected(f"the template talk track for {verdict.account} / {verdict.product} failed "
                               f"approval (a bug in prompts/ or rules/drafts): {'; '.join(approval.reasons())}")
    return _shown(verdict, (parts, approval), template.name, notes, attempts, audit, checks)


def _shown(verdict: Verdict, found: tuple[DraftParts, Approval], drafter: str, notes: list[str],
           attempts: _Attempts, audit: Audit, checks: DraftChecks) -> TalkTrack:
    parts, approval = found
    track = TalkTrack(account=verdict.account, product=verdict.product, motion=verdict.motion.value,
                      text=parts.text, parts=parts, drafter_name=drafter, notes=notes,
                      attempts=attempts.count, approval=approval)
    audit("talk_track", {"account": track.account, "product": track.product, "drafter": drafter,
                         "text": track.text, "attempts": track.attempts, "notes": notes},
          ruleset_version=checks.version)
    return track
