"""User management and signing out through Coach are audited: who did what to whom, never a
password, a hash or a token's or session's secret; on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from assistant.coach import Coach
from assistant.config import Settings
from assistant.errors import UserError
from assistant.store import Store, schema
from assistant.store.users import TokenRejected
from tests.store.test_postgres import pg_url  # noqa: F401 - the fixture starts a real server
from tests.support.hashing import cheap_argon2  # noqa: F401 - a fixture

ADMIN = "Ada Admin"
FIRST, SECOND = "first password 1", "second password 2"


def exercise(coach: Coach) -> None:
    coach.add_user("Jordan  Blake", "am", FIRST, user=ADMIN)
    with pytest.raises(UserError, match="already exists"):  # a refused change logs nothing
        coach.add_user("jordan blake", "am", FIRST, user=ADMIN)
    coach.set_password("jordan blake", SECOND, user=ADMIN)
    coach.set_role("Jordan Blake", "manager", user=ADMIN)
    coach.unlock_user("Jordan Blake", user=ADMIN)
    coach.link_slack("Jordan Blake", "U0JORDAN", user=ADMIN)
    created = coach.create_token("Jordan Blake", days=30, label="laptop", user=ADMIN)
    coach.revoke_token(created.token.id, user=ADMIN)
    coach.link_slack("Jordan Blake", None, user=ADMIN)
    coach.add_user("Pat Lee", "am", None, user=ADMIN)
    coach.remove_user("pat lee", user=ADMIN)

    entries = [e for e in reversed(coach.audit_entries(limit=100)) if e["kind"].startswith(("user.", "token."))]
    assert {e["user"] for e in entries} == {ADMIN}
    expires = created.token.expires_at.isoformat()
    assert [(e["kind"], e["payload"]) for e in entries] == [
        ("user.add", {"name": "Jordan Blake", "role": "am", "password": True}),
        ("user.password", {"name": "Jordan Blake"}),
        ("user.role", {"name": "Jordan Blake", "role": "manager", "was": "am"}),
        ("user.unlock", {"name": "Jordan Blake"}),
        ("user.slack", {"name": "Jordan Blake", "slack_user_id": "U0JORDAN"}),
        ("token.create", {"name": "Jordan Blake", "token_id": created.token.id, "label": "laptop",
                          "expires_at": expires}),
        ("token.revoke", {"name": "Jordan Blake", "token_id": created.token.id, "label": "laptop"}),
        ("user.slack", {"name": "Jordan Blake", "slack_user_id": None}),
        ("user.add", {"name": "Pat Lee", "role": "am", "password": False}),
        ("user.remove", {"name": "Pat Lee"}),
    ]

    # Signing out is audited like signing in, with whose session it was; a secret that is no live
    # session (signed out already) logs nothing.
    _, session = coach.sign_in("jordan blake", SECOND, via="web", session_ttl_s=600)
    coach.sign_out(session, via="web")
    coach.sign_out(session, via="web")
    with pytest.raises(TokenRejected):
        coach.signed_in(session, "session")
    signs = [(e["kind"], e["user"], e["payload"]) for e in reversed(coach.audit_entries(limit=100))
             if e["kind"] in ("sign_in", "sign_out")]
    assert signs == [("sign_in", "Jordan Blake", {"via": "web"}), ("sign_out", "Jordan Blake", {"via": "web"})]

    with coach.store.engine.connect() as conn:
        logged = json.dumps([dict(row._mapping) for row in conn.execute(sa.select(schema.audit_log))], default=str)
        hashes = [h for h in conn.execute(sa.select(schema.users.c.password_hash)).scalars() if h]
        token_hashes = list(conn.execute(sa.select(schema.api_tokens.c.token_hash)).scalars())
    for secret in (FIRST, SECOND, created.secret, session, "$argon2", *hashes, *token_hashes):
        assert secret not in logged


def test_user_management_is_audited_on_sqlite(tmp_path, cheap_argon2):
    coach = Coach(Settings(data_dir=tmp_path, load_demo=False))
    try:
        exercise(coach)
    finally:
        coach.store.close()


def test_user_management_is_audited_on_postgresql(pg_url, tmp_path, cheap_argon2):  # noqa: F811
    store = Store(Settings(data_dir=tmp_path, database_url=pg_url, load_demo=False))
    try:
        exercise(Coach(store.settings, store=store))
    finally:
        store.close()
