"""GET /api/v1/me: who the token or session belongs to, and what their role lets them do."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from assistant.access import IMPORT_DATA, MANAGE_USERS, SEE_ALL_ACCOUNTS, SEE_POLICY
from assistant.web.deps import CurrentUser

router = APIRouter(tags=["users"])


class Me(BaseModel):
    name: str
    role: str
    sees_all_accounts: bool
    sees_policy: bool
    imports_data: bool
    manages_users: bool


@router.get("/me", response_model=Me, summary="The signed-in user and their role")
def me(user: CurrentUser) -> Me:
    return Me(name=user.name, role=user.role, sees_all_accounts=user.role in SEE_ALL_ACCOUNTS,
              sees_policy=user.role in SEE_POLICY, imports_data=user.role in IMPORT_DATA,
              manages_users=user.role in MANAGE_USERS)
