"""Accounts: list (your book, or every account for managers), one account, history, import."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from assistant.domain import Account
from assistant.errors import CoachError
from assistant.results import ImportResult
from assistant.web.api.common import Strict
from assistant.web.deps import CoachDep, CurrentUser, ImportViewer, ViewerDep

router = APIRouter(tags=["accounts"])


class AccountSummary(BaseModel):
    name: str
    owner: str | None = None
    products: list[str]
    renewal_date: str | None = None


class AccountList(BaseModel):
    accounts: list[AccountSummary]


class AccountsImport(Strict):
    accounts: list[dict] = Field(min_length=1, max_length=5000,
                                 description="Account snapshots in the scenario format's `account:` shape")


@router.get("/accounts", response_model=AccountList, summary="Accounts you may see")
def list_accounts(coach: CoachDep, viewer: ViewerDep,
                  owner: str | None = Query(None, max_length=200)) -> AccountList:
    """An AM gets their own book (asking for another owner's is a 403)."""
    return AccountList(accounts=[
        AccountSummary(name=a.name, owner=a.owner, products=[o.product for o in a.owns],
                       renewal_date=a.renewal.date.isoformat() if a.renewal.date else None)
        for a in coach.accounts(owner, viewer=viewer)])


@router.get("/accounts/{name}", response_model=Account, summary="One account's facts")
def get_account(name: str, coach: CoachDep, viewer: ViewerDep) -> Account:
    """404 `unknown_account` with the closest names; 403 `not_your_account`."""
    return coach.account(name, viewer=viewer)


@router.get("/accounts/{name}/history", summary="Contract events, play outcomes or health readings")
def account_history(name: str, coach: CoachDep, viewer: ViewerDep,
                    kind: Literal["contract", "outcomes", "health"] = "contract") -> list[dict]:
    coach.account(name, viewer=viewer)
    return [row.model_dump(mode="json") for row in coach.history(kind, name, viewer=viewer)]


@router.post("/accounts/import", response_model=ImportResult, summary="Import account snapshots (admin)")
def import_accounts(body: AccountsImport, coach: CoachDep, viewer: ImportViewer, user: CurrentUser) -> ImportResult:
    """One transaction: a bad snapshot changes nothing and the error names it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "accounts.json"
        path.write_text(json.dumps({"accounts": body.accounts}), encoding="utf-8")
        try:
            result = coach.import_accounts(path, user=user.name)
        except CoachError as exc:  # name what the user sent, not our temporary file
            exc.args = (str(exc).replace(str(path), "request body"),)
            raise
    return result.model_copy(update={"file": "request body"})
