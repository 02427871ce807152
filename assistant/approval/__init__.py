"""Approval of talk-track drafts: the draft checks of rules/drafts, run on any draft's text.

Public API: `approve`, `load_draft_checks`, `Approval`, `Failure`, `DraftChecks`. The gate that
re-asks and falls back to the template (`produce_talk_track`) is in assistant.talk_tracks.gate.
"""

from assistant.approval.approve import approve
from assistant.approval.errors import DraftRulesError, TemplateRejected
from assistant.approval.loader import DraftChecks, load_draft_checks
from assistant.approval.models import Approval, Failure

__all__ = ["approve", "load_draft_checks", "Approval", "Failure", "DraftChecks", "DraftRulesError",
           "TemplateRejected"]
