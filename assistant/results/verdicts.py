"""Results about plays: `Coach.check` and `Coach.plays`."""

from __future__ import annotations

import datetime as dt

from assistant.domain import Verdict
from assistant.results.base import Result


class Blocker(Result):
    """What blocks a play (a reason code and its message) and what to do about it: in the
    quarterly plan's entries and in a review's verdict."""

    code: str
    message: str
    remedy: str | None = None


class WhatIf(Result):
    changes: list[str]  # as given, e.g. "utilization=0.9"
    verdict: Verdict  # the verdict on the changed facts (the store is not touched)


class CheckResult(Result):
    verdict: Verdict
    headline: str  # what the verdict means, e.g. "run the play now" (prompts/wording.yaml)
    what_if: WhatIf | None = None


class NotApplied(Result):
    """A what-if that does not fit one listed play (e.g. utilization of a product the account
    does not own): that play's verdict on the changed facts is without it."""

    product: str
    change: str
    what_if: str  # as given
    reason: str


class PlaysWhatIf(Result):
    changes: list[str]  # as given, e.g. "timing_reason=quota"
    plays: list[Verdict]  # every play's verdict on the changed facts, best first; `facts` left out
    not_applied: list[NotApplied] = []


class PlaysResult(Result):
    account: str
    today: dt.date
    plays: list[Verdict]  # best first; `facts` left out (see `check` for a play's facts)
    what_if: PlaysWhatIf | None = None  # with `what_ifs`: the same plays on the changed facts
