"""The policy page (managers and admins): the rule set and version, the public scenario results,
and a policy diff form (change a parameter, see how the book's verdicts move)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from assistant.errors import CoachError
from assistant.web.api.policy import PUBLIC_SCENARIOS, DiffRequest, policy_view, run_diff
from assistant.web.deps import CoachDep, PageUser, PolicyPageViewer
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)


@router.get("/policy")
async def policy_page(request: Request, coach: CoachDep, viewer: PolicyPageViewer):
    view = await run_in_threadpool(policy_view, coach)
    numeric = {k: v for k, v in view.parameters.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return page(request, "policy.html", {"policy": view, "numeric": numeric})


@router.post("/policy/test")
async def policy_test(request: Request, coach: CoachDep, viewer: PolicyPageViewer):
    result = await run_in_threadpool(coach.policy_test, PUBLIC_SCENARIOS)
    return page(request, "_policy_test.html", {"result": result})


def _value(raw: str):
    text = raw.strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


@router.post("/policy/diff")
async def policy_diff(request: Request, coach: CoachDep, viewer: PolicyPageViewer, user: PageUser,
                      parameter: Annotated[str, Form(max_length=100)], value: Annotated[str, Form(max_length=100)],
                      today: Annotated[dt.date | None, Form()] = None):
    try:
        body = DiffRequest(parameters={parameter: _value(value)}, today=today)
        result = await run_in_threadpool(run_diff, coach, body, user.name)
    except (CoachError, ValidationError) as exc:
        return page(request, "_policy_diff.html", {"error": str(exc).split("\n")[0], "result": None})
    return page(request, "_policy_diff.html", {"result": result, "change": f"{parameter} = {value}", "error": None})
