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


class PlaysResult(Result):
    account: str
    today: dt.date
    plays: list[Verdict]  # best first; `facts` left out (see `check` for a play's facts)
