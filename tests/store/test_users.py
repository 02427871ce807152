"""Users, API tokens and sessions in the store: argon2 hashes, lock-out, expiry, revocation.

The same checks run on SQLite here and on a real PostgreSQL server below.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Iterator

import pytest
import sqlalchemy as sa

from assistant.config import Settings
from assistant.store import Store, schema
from assistant.store.users import SignInFailed, TokenRejected, UnknownUser, UserError, UserLocked
from tests.store.test_postgres import pg_url  # noqa: F401 - the fixture starts a real server
from tests.support.hashing import cheap_argon2  # noqa: F401 - a fixture

PASSWORD = "correct horse battery"


def exercise_users(store: Store, clock) -> None:
    users = store.users
    jordan = users.add("Jordan  Blake", "am", PASSWORD)
    assert (jordan.name, jordan.role, jordan.has_password) == ("Jordan Blake", "am", True)
    with pytest.raises(UserError, match="already exists"):
        users.add("jordan blake", "manager", PASSWORD)
    with pytest.raises(UserError, match="Unknown role 'boss'"):
        users.add("Pat", "boss", PASSWORD)
    with pytest.raises(UserError, match="too short"):
        users.add("Pat", "am", "short")
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.users.c.password_hash)).scalar()
    assert stored.startswith("$argon2") and PASSWORD not in stored

    assert users.authenticate("JORDAN BLAKE", PASSWORD).name == "Jordan Blake"
    with pytest.raises(SignInFailed, match="Wrong user name or password"):
        users.authenticate("Jordan Blake", "wrong password!")
    with pytest.raises(SignInFailed, match="Wrong user name or password"):
        users.authenticate("Nobody", PASSWORD)

    # Five failures in a row lock the user; the right password does not help until the lock ends.
    for _ in range(store.settings.max_failed_signins - 1):
        with pytest.raises(SignInFailed):
            users.authenticate("Jordan Blake", "nope nope nope")
    with pytest.raises(UserLocked):
        users.authenticate("Jordan Blake", "nope nope nope")
    with pytest.raises(UserLocked):
        users.authenticate("Jordan Blake", PASSWORD)
    clock.advance(store.settings.lockout_s + 1)
    assert users.authenticate("Jordan Blake", PASSWORD).name == "Jordan Blake"

    # Tokens: the secret is returned once; only its hash is stored; expiry and revocation count.
    secret, info = users.create_token("jordan blake", ttl=dt.timedelta(days=1), label="laptop")
    with store.engine.connect() as conn:
        hashes = list(conn.execute(sa.select(schema.api_tokens.c.token_hash)).scalars())
    assert secret not in hashes and len(hashes) == 1
    user, found = users.resolve(secret, "api")
    assert (user.name, found.id, found.label) == ("Jordan Blake", info.id, "laptop")
    with pytest.raises(TokenRejected, match="not valid"):
        users.resolve(secret, "session")  # an API token is not a browser session
    with pytest.raises(TokenRejected, match="not valid"):
        users.resolve(secret + "x", "api")
    clock.advance(2 * 86400)
    with pytest.raises(TokenRejected, match="expired"):
        users.resolve(secret, "api")
    fresh, fresh_info = users.create_token("Jordan Blake", ttl=dt.timedelta(days=1))
    users.revoke_token(fresh_info.id)
    with pytest.raises(TokenRejected, match="revoked"):
        users.resolve(fresh, "api")
    with pytest.raises(UserError, match="No API token with id 999"):
        users.revoke_token(999)

    # Sessions carry a CSRF token and end on sign-out.
    session, session_info = users.create_token("Jordan Blake", ttl=dt.timedelta(hours=8), kind="session")
    assert users.resolve(session, "session")[1].csrf_token == session_info.csrf_token
    users.end_session(session)
    with pytest.raises(TokenRejected):
        users.resolve(session, "session")

    # Slack links are unique; a user is found by their Slack id.
    users.add("Maya Lindqvist", "manager", None)
    users.link_slack("Jordan Blake", "U0JORDAN")
    assert users.by_slack_id("U0JORDAN").name == "Jordan Blake"
    with pytest.raises(UserError, match="already linked to 'Jordan Blake'"):
        users.link_slack("Maya Lindqvist", "U0JORDAN")
    with pytest.raises(SignInFailed):  # no password: Slack and tokens only
        users.authenticate("Maya Lindqvist", "")
    with pytest.raises(UnknownUser, match="Users: Jordan Blake, Maya Lindqvist"):
        users.get("Jordon")
    users.remove("Jordan Blake")
    assert users.by_slack_id("U0JORDAN") is None
    assert [u.name for u in users.all()] == ["Maya Lindqvist"]


def test_users_tokens_and_sessions_on_sqlite(store, clock):
    exercise_users(store, clock)


@contextmanager
def users_on_postgresql(pg_url: str, tmp_path, clock=None) -> Iterator[Store]:  # noqa: F811
    store = Store(Settings(data_dir=tmp_path, database_url=pg_url, load_demo=False), clock=clock)
    try:
        with store.engine.begin() as conn:  # the module's server is shared: start from no users
            conn.execute(schema.users.delete())
        yield store
    finally:
        store.close()


def test_users_tokens_and_sessions_on_postgresql(pg_url, tmp_path, cheap_argon2):  # noqa: F811
    # (the same checks on PostgreSQL's storage; argon2 with the shipped parameters is the SQLite
    # test's: here its dozen hashes at those parameters took 20 s of a busy machine)
    from tests.store.conftest import Clock

    clock = Clock()
    with users_on_postgresql(pg_url, tmp_path, clock) as store:
        exercise_users(store, clock)


def test_a_sign_in_upgrades_a_hash_made_with_weaker_parameters(store, monkeypatch):
    from argon2 import PasswordHasher

    from assistant.store import users as users_module
    from tests.support.hashing import cheap_hasher

    monkeypatch.setattr(users_module, "_hasher", cheap_hasher)
    store.users.add("Jordan Blake", "am", PASSWORD)
    monkeypatch.undo()
    with store.engine.connect() as conn:
        weak = conn.execute(sa.select(schema.users.c.password_hash)).scalar()
    assert store.users.authenticate("Jordan Blake", PASSWORD).name == "Jordan Blake"
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.users.c.password_hash)).scalar()
    assert stored != weak and not PasswordHasher().check_needs_rehash(stored)
    assert store.users.authenticate("Jordan Blake", PASSWORD).name == "Jordan Blake"


def count_failures_at_once(store: Store, monkeypatch) -> None:
    """As many wrong passwords at once as the lock-out allows: every one is counted (each is read
    again under the write lock), so the user ends up locked, and none fails on the database."""
    import threading

    from assistant.store import users as users_module
    from tests.support.hashing import cheap_hasher

    monkeypatch.setattr(users_module, "_hasher", cheap_hasher)
    store.users.add("Jordan Blake", "am", PASSWORD)
    attempts = store.settings.max_failed_signins
    start, errors = threading.Barrier(attempts), []

    def wrong_password():
        start.wait(30)
        try:
            store.users.authenticate("Jordan Blake", "not the password")
        except SignInFailed:
            pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=wrong_password) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert store.users.get("Jordan Blake").locked_until is not None
    with pytest.raises(UserLocked):
        store.users.authenticate("Jordan Blake", PASSWORD)


def test_failed_sign_ins_at_once_are_each_counted_on_sqlite(store, monkeypatch):
    count_failures_at_once(store, monkeypatch)


def test_failed_sign_ins_at_once_are_each_counted_on_postgresql(pg_url, tmp_path, monkeypatch):  # noqa: F811
    with users_on_postgresql(pg_url, tmp_path) as store:
        count_failures_at_once(store, monkeypatch)
