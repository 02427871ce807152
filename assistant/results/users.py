"""Users and API tokens as `Coach` returns them (`coach users`, `coach tokens`, the web app's
sign-in, the Slack directory). Never a password hash or a stored token hash; a token's secret
only once, in the NewToken that created it."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assistant.results.base import Result


class UserRecord(Result):
    # The store's key, left out of the JSON: chat sessions are bound to it (assistant/web/sessions.py).
    id: int = Field(exclude=True)
    name: str
    role: str  # am | manager | admin
    slack_user_id: str | None = None
    has_password: bool = False
    locked_until: dt.datetime | None = None  # UTC; set while failed sign-ins lock the user out
    created_at: dt.datetime | None = None


class TokenRecord(Result):
    """What is stored about an API token (its secret is not)."""

    id: int
    user: str
    label: str | None = None
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None


class NewToken(Result):
    """A token just created: its secret is shown this once."""

    secret: str
    token: TokenRecord


class SignedIn(Result):
    """Who a live API token or browser session belongs to; a session's CSRF token for the forms."""

    user: UserRecord
    csrf_token: str | None = None
