"""The gate: nothing reaches a user unless the rules approved it.

Only a `pitch` verdict gets a talk track; anything else gets a NoDraft with the remedy plan and
why. A model draft is checked; a refused one is re-asked with the refusal reasons (at most
settings.llm_reasks times); still refused, or any model failure, falls back to the template
draft with a visible note of why. The template draft must pass too: if it does not, that is a
TemplateRejected error, never a shown draft. Every attempt goes to `audit`.
"""

from __future__ import annotations

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
        from assistant.drafting.llm import LLMDrafter

        return LLMDrafter(settings, max_part_chars=checks.drafting.max_part_chars,
                          response_format=checks.drafting.response_format)
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
        approval = approve(parts.text, self.verdict, self.account, self.catalog, self.checks)
        self.record(drafter, parts, approval)
        return approval


def _model_drafts(primary, context: DraftContext, attempts: _Attempts, reasks: int,
                  notes: list[str]) -> tuple[DraftParts, Approval] | None:
    """The first approved model draft, or None (with notes saying why) after the bounded re-asks."""
    current = context
    name = _name(primary)
    for number in range(1, reasks + 2):
        try:
            parts = primary.draft(current)
        except DraftFailure as exc:
            attempts.record(name, None, None, exc)
            notes.append(f"The model's draft could not be used ({exc.reason}); showing the template draft.")
            return None
        approval = attempts.check(name, parts)
        if approval.approved:
            return parts, approval
        notes.append(f"Model draft {number} was refused by the rules: "
                     + "; ".join(f"{f.code} ({f.detail})" for f in approval.failures))
        current = context.with_feedback(parts.text, approval.reasons())
    notes.append(f"The model's drafts were refused {reasks + 1} time(s); showing the template draft.")
    return None


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
    passages = prompt_passages(settings, checks) if primary is not None else []
    context = build_context(verdict, account, catalog, checks.vocabulary, passages)
    attempts = _Attempts(verdict, account, catalog, checks, audit)
    notes = [f"{other.product} was proposed in the same offer: it is a separate play "
             f"(verdict {other.verdict.value}) and is not part of this talk track." for other in verdict.separate_plays]
    if primary is not None:
        found = _model_drafts(primary, context, attempts, max(0, settings.llm_reasks), notes)
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
