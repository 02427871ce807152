"""The typed results `Coach` returns: the public contract every interface renders.

The CLI prints them (text, tables, `--json`), the web API returns them as JSON, the Slack app
turns them into blocks. They carry data only, no terminal concerns; their JSON Schemas are in
docs/schema/. Models defined by the layer that builds them (the Answer of a conversation turn,
the talk-track models of the approval gate, the QBR) are re-exported here lazily, so that
`coach check` does not pay for importing the drafting layer.
"""

from __future__ import annotations

import importlib

# name -> (module, attribute), imported on first use: `coach check` builds only the models it returns.
_EXPORTS = {
    "WhatIf": ("assistant.results.verdicts", "WhatIf"),
    "CheckResult": ("assistant.results.verdicts", "CheckResult"),
    "PlaysResult": ("assistant.results.verdicts", "PlaysResult"),
    "PlaysWhatIf": ("assistant.results.verdicts", "PlaysWhatIf"),
    "NotApplied": ("assistant.results.verdicts", "NotApplied"),
    "PlanBestPlay": ("assistant.results.portfolio", "PlanBestPlay"),
    "Blocker": ("assistant.results.verdicts", "Blocker"),
    "PlanBlocker": ("assistant.results.portfolio", "PlanBlocker"),
    "PlanEntry": ("assistant.results.portfolio", "PlanEntry"),
    "PlanDensity": ("assistant.results.portfolio", "PlanDensity"),
    "PlanResult": ("assistant.results.portfolio", "PlanResult"),
    "MetricsPeriod": ("assistant.results.portfolio", "MetricsPeriod"),
    "MetricsRevenue": ("assistant.results.portfolio", "MetricsRevenue"),
    "StatusTotal": ("assistant.results.portfolio", "StatusTotal"),
    "PlayStats": ("assistant.results.portfolio", "PlayStats"),
    "ExpansionFollowUp": ("assistant.results.portfolio", "ExpansionFollowUp"),
    "MetricsResult": ("assistant.results.portfolio", "MetricsResult"),
    "ScenarioOutcome": ("assistant.results.policy", "ScenarioOutcome"),
    "PolicyTestResult": ("assistant.results.policy", "PolicyTestResult"),
    "PlayMove": ("assistant.results.policy", "PlayMove"),
    "PolicyDiffResult": ("assistant.results.policy", "PolicyDiffResult"),
    "SearchPassage": ("assistant.results.data", "SearchPassage"),
    "SearchResult": ("assistant.results.data", "SearchResult"),
    "ImportResult": ("assistant.results.data", "ImportResult"),
    "KnowledgeSync": ("assistant.results.data", "KnowledgeSync"),
    "PriorityRecord": ("assistant.results.data", "PriorityRecord"),
    "KnowledgeDocument": ("assistant.results.data", "KnowledgeDocument"),
    "UserRecord": ("assistant.results.users", "UserRecord"),
    "TokenRecord": ("assistant.results.users", "TokenRecord"),
    "NewToken": ("assistant.results.users", "NewToken"),
    "SignedIn": ("assistant.results.users", "SignedIn"),
    "Answer": ("assistant.conversation.answer", "Answer"),
    "RefusedAnswer": ("assistant.refusals", "RefusedAnswer"),
    "Refusal": ("assistant.refusals", "Refusal"),
    "TalkTrack": ("assistant.talk_tracks.gate", "TalkTrack"),
    "NoDraft": ("assistant.talk_tracks.gate", "NoDraft"),
    "DraftResult": ("assistant.talk_tracks.gate", "DraftResult"),
    "QbrResult": ("assistant.talk_tracks.qbr", "QbrResult"),
    "ReviewResult": ("assistant.review.models", "ReviewResult"),
    "DigestResult": ("assistant.portfolio.digest", "Digest"),
    "Result": ("assistant.results.base", "Result"),
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'assistant.results' has no attribute {name!r}")
