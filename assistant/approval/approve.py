"""approve(): run every draft check on one draft and collect what failed, with reason codes."""

from __future__ import annotations

from assistant.approval.draft_facts import DraftFacts
from assistant.approval.loader import DraftChecks
from assistant.approval.models import Approval, Failure
from assistant.approval.text import read_draft
from assistant.domain import Account, Catalog, Verdict


def approve(draft_text: str, verdict: Verdict, account: Account, catalog: Catalog,
            checks: DraftChecks, *, model_text: list[str] | None = None) -> Approval:
    """Approved only when every check passes; all checks run so every reason is reported.

    `model_text` is what a model wrote (slot clauses, or the parts in free mode): only that is
    read for readability. Template and human text passes None.
    """
    draft = read_draft(draft_text, checks.sentence_break, checks.reader, model_text)
    world = DraftFacts(verdict, account, catalog, checks.vocabulary, checks.reader)
    failures = []
    for check in checks.checks:
        findings = check.validator.run(draft, world)
        if findings:
            fields = {f.field for f in findings}
            failures.append(Failure(code=check.code, message=" ".join(check.spec.message.split()),
                                    detail="; ".join(f.detail for f in findings), check=check.id,
                                    cites=list(check.spec.cites),
                                    record_field=fields.pop() if len(fields) == 1 else None))
    return Approval(approved=not failures, failures=failures, ruleset_version=checks.version)
