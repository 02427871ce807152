"""Account pages: the list, one account (facts, signals, plays, stakeholders, history, what-if)
and its QBR (prints cleanly; downloads as Markdown through the API)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool

from assistant.errors import CoachError
from assistant.web.api.common import Change
from assistant.web.deps import CoachDep, PageUser, PageViewer
from assistant.web.pages.render import page

router = APIRouter(include_in_schema=False)
# The what-if form's fields: what-if name -> label (any other name=value goes in "more").
WHAT_IF_FIELDS = {"utilization": "Utilization (0-1)", "renewal.risk": "Renewal risk (low, medium, high)",
                  "nps": "NPS", "csat": "CSAT (1-5)", "open_escalations": "Open escalations",
                  "outcome_met": "Success criterion met (true/false)"}


@router.get("/accounts")
async def accounts_page(request: Request, coach: CoachDep, viewer: PageViewer):
    accounts = await run_in_threadpool(coach.accounts, None, viewer=viewer)
    return page(request, "accounts.html", {"accounts": accounts})


def _account_context(coach, name: str, viewer, today: dt.date | None) -> dict:
    account = coach.account(name, viewer=viewer)  # NotYourAccount / UnknownAccount first
    plays = coach.plays(account.name, today=today, viewer=viewer)
    history = {kind: coach.history(kind, account.name, viewer=viewer) for kind in ("contract", "outcomes", "health")}
    return {"account": account, "plays": plays, "history": history, "catalog": coach.catalog(),
            "what_if_fields": WHAT_IF_FIELDS, "changes": Change.__args__, "today": today}


@router.get("/accounts/{name}")
async def account_page(request: Request, name: str, coach: CoachDep, viewer: PageViewer,
                       today: dt.date | None = None):
    context = await run_in_threadpool(_account_context, coach, name, viewer, today)
    return page(request, "account.html", context)


@router.post("/accounts/{name}/what-if")
async def what_if(request: Request, name: str, coach: CoachDep, viewer: PageViewer, user: PageUser,
                  product: Annotated[str, Form(min_length=1, max_length=200)],
                  change: Annotated[str, Form(max_length=40)] = "",
                  more: Annotated[str, Form(max_length=500)] = "",
                  today: Annotated[dt.date | None, Form()] = None):
    form = await request.form()
    what_ifs = [f"{field}={value.strip()}" for field in WHAT_IF_FIELDS
                if isinstance(value := form.get(field), str) and value.strip()]
    what_ifs += [part.strip() for part in more.split(",") if part.strip()]
    context = {"account_name": name, "what_ifs": what_ifs, "result": None, "error": None}
    if not what_ifs:
        context["error"] = "Change at least one fact to see the verdict on the changed facts."
    else:
        try:
            context["result"] = await run_in_threadpool(
                coach.check, name, product, change=change or None, what_ifs=what_ifs, today=today,
                user=user.name, viewer=viewer)
        except CoachError as exc:
            if type(exc).__name__ == "NotYourAccount":
                raise
            context["error"] = str(exc)
    return page(request, "_what_if.html", context)


@router.get("/accounts/{name}/qbr")
async def qbr_page(request: Request, name: str, coach: CoachDep, viewer: PageViewer, user: PageUser,
                   today: dt.date | None = None):
    qbr = await run_in_threadpool(coach.qbr, name, today=today, user=user.name, viewer=viewer)
    return page(request, "qbr.html", {"qbr": qbr, "today": today})
