"""The drafts: sections of scenario files, checked by approval (`coach policy test` uses it)."""

from __future__ import annotations

from typing import Callable

from assistant.approval.approve import approve
from assistant.approval.loader import DraftChecks, load_draft_checks
from assistant.config import Settings
from assistant.domain import Catalog, Verdict

DraftChecker = Callable[[object, Verdict, Catalog], list[str]]


def check_drafts(scenario, verdict: Verdict, catalog: Catalog, checks: DraftChecks) -> list[str]:
    """One problem string for every draft whose approval or reason codes differ from the file."""
    problems = []
    for number, case in enumerate(scenario.drafts, start=1):
        approval = approve(case.text, verdict, scenario.account, catalog, checks)
        got = ", ".join(approval.codes) or "none"
        if approval.approved != case.approved:
            expected = "approved" if case.approved else "refused"
            actual = "approved" if approval.approved else f"refused ({got})"
            problems.append(f"draft {number}: expected {expected}, got {actual}")
        missing = [code for code in case.reasons if code not in approval.codes]
        if missing:
            problems.append(f"draft {number}: missing draft reasons {', '.join(missing)} (got: {got})")
    return problems


def draft_checker(settings: Settings | None = None, checks: DraftChecks | None = None) -> DraftChecker:
    """A `draft_checker(scenario, verdict, catalog)` for `assistant.scenarios.run_scenario`."""
    if checks is None:
        settings = settings or Settings()
        checks = load_draft_checks(settings.rules_dir, settings.knowledge_dir)

    def check(scenario, verdict: Verdict, catalog: Catalog) -> list[str]:
        return check_drafts(scenario, verdict, catalog, checks)

    return check
