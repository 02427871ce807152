"""The policy (managers and admins): the rule set and its version, the public scenario tests,
and a policy diff (change parameters, see how the book's verdicts move before it ships)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from fastapi import APIRouter
from pydantic import BaseModel, Field

from assistant.config import PROJECT_ROOT
from assistant.errors import CoachError, InvalidInput
from assistant.results import PolicyDiffResult, PolicyTestResult
from assistant.web.api.common import Strict
from assistant.web.deps import CoachDep, CurrentUser, PolicyViewer

router = APIRouter(tags=["policy"])
# The public scenarios shipped with the package (the shared snapshot format).
PUBLIC_SCENARIOS = PROJECT_ROOT / "assistant" / "demo" / "scenarios"


class RuleView(BaseModel):
    id: str
    code: str
    file: str
    motions: list[str]
    effect: str
    when: str
    message: str
    remedy: str | None = None
    cites: list[str]


class PolicyView(BaseModel):
    ruleset_version: str
    parameters: dict
    rules: list[RuleView]


class DiffRequest(Strict):
    parameters: dict[str, float | int | bool | str | list[str]] = Field(
        min_length=1, max_length=50, description="Proposed values for any subset of rules/parameters.yaml",
        examples=[{"saturation": 0.9}])
    owner: str | None = Field(None, max_length=200)
    today: dt.date | None = None


def policy_view(coach) -> PolicyView:
    ruleset = coach.ruleset
    return PolicyView(ruleset_version=ruleset.version, parameters=dict(ruleset.params), rules=[
        RuleView(id=r.spec.id, code=r.spec.code, file=r.file, motions=list(r.spec.motions), effect=r.spec.effect,
                 when=r.spec.when, message=r.spec.message, remedy=r.spec.remedy, cites=list(r.spec.cites))
        for r in ruleset.rules])


def run_diff(coach, body: DiffRequest, user: str) -> PolicyDiffResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "proposed-parameters.yaml"
        path.write_text(yaml.safe_dump(body.parameters), encoding="utf-8")
        try:  # one process: forking from a threaded web worker is not safe
            return coach.policy_diff(params=path, owner=body.owner, today=body.today, workers=1, user=user)
        except CoachError as exc:  # name what the user sent, not our temporary file
            raise InvalidInput(str(exc).replace(str(path), "parameters")) from None


@router.get("/policy", response_model=PolicyView, summary="The rule set, its version and its parameters")
def get_policy(coach: CoachDep, viewer: PolicyViewer) -> PolicyView:
    return policy_view(coach)


@router.post("/policy/test", response_model=PolicyTestResult, summary="Run the public scenario tests")
def policy_test(coach: CoachDep, viewer: PolicyViewer) -> PolicyTestResult:
    return coach.policy_test(PUBLIC_SCENARIOS)


@router.post("/policy/diff", response_model=PolicyDiffResult, summary="What a parameter change does to the book")
def policy_diff(body: DiffRequest, coach: CoachDep, viewer: PolicyViewer, user: CurrentUser) -> PolicyDiffResult:
    """An unknown parameter name is a 400 naming the ones that exist."""
    return run_diff(coach, body, user.name)
