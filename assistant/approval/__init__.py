"""Approval of talk-track drafts: the draft checks of rules/drafts, the re-ask gate, fallback.

Public API: `approve`, `load_draft_checks`, `Approval`, `Failure`, `DraftChecks`, and in
`assistant.approval.gate`: `produce_talk_track`, `TalkTrack`, `NoDraft`.
"""

from assistant.approval.approve import approve
from assistant.approval.errors import DraftRulesError, TemplateRejected
from assistant.approval.loader import DraftChecks, load_draft_checks
from assistant.approval.models import Approval, Failure

__all__ = ["approve", "load_draft_checks", "Approval", "Failure", "DraftChecks", "DraftRulesError",
           "TemplateRejected"]
