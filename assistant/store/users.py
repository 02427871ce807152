"""Users, API tokens and browser sessions, on the store's engine.

Passwords are argon2 hashes (argon2-cffi). Token and session secrets are 256 random bits shown
once; only their SHA-256 is stored (a fast hash is enough for a random secret, and it can be
looked up). Repeated failed sign-ins lock the user for a while; the lock-out counts across
every app worker because it lives in the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa

# The errors live in assistant.errors, where the interfaces catch them; named here for the callers below.
from assistant.errors import SignInFailed, TokenRejected, UnknownUser, UserError, UserLocked  # noqa: F401
from assistant.store import log, schema
from assistant.store.failure_audit import FailureWindows
from assistant.store.serial_writes import SerialWriter

ROLES = ("am", "manager", "admin")
TOKEN_PREFIX = "coach_"
SIGN_IN_FAILED = "sign_in.failed"  # the audit kind of every refused sign-in, password or token


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    slack_user_id: str | None = None
    has_password: bool = False
    locked_until: dt.datetime | None = None
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user: str
    kind: str
    label: str | None
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    csrf_token: str | None = None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _hasher():
    from argon2 import PasswordHasher  # imported on use: the CLI's other commands never pay for it

    return PasswordHasher()


# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH: list[str] = []


class Users:
    def __init__(self, engine: sa.Engine, now: Callable[[], dt.datetime], *, writer: SerialWriter,
                 min_password_length: int = 10, max_failed_signins: int = 5, lockout_s: int = 900,
                 failure_audit_window_s: float = 60):
        # Reads on the engine; every write through the store's serial writer (serial_writes.py),
        # queued with the process's other writes (a writer of its own would queue on another lock).
        self.engine, self.writer, self._now = engine, writer, now
        self.min_password_length = min_password_length
        self.max_failed_signins, self.lockout_s = max_failed_signins, lockout_s
        self.failures = FailureWindows(failure_audit_window_s, now)

    # -- users ------------------------------------------------------------------------------
    @staticmethod
    def _user(row) -> User:
        return User(id=row.id, name=row.name, role=row.role, slack_user_id=row.slack_user_id,
                    has_password=bool(row.password_hash), locked_until=row.locked_until,
                    created_at=row.created_at)

    def _row(self, conn: sa.Connection, name: str):
        row = conn.execute(sa.select(schema.users).where(schema.users.c.name_key == _key(name))).first()
        if row is None:
            known = list(conn.execute(sa.select(schema.users.c.name).order_by(schema.users.c.name_key)).scalars())
            raise UnknownUser(name, known)
        return row

    def _check_password(self, password: str) -> str:
        if len(password) < self.min_password_length:
            raise UserError(f"The password is too short: use at least {self.min_password_length} characters.")
        return _hasher().hash(password)

    @staticmethod
    def _check_role(role: str) -> str:
        if role not in ROLES:
            raise UserError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
        return role

    def add(self, name: str, role: str, password: str | None = None) -> User:
        clean = " ".join((name or "").split())
        if not clean or len(clean) > schema.users.c.name.type.length:
            raise UserError("A user needs a name of 1 to 200 characters.")
        values = {"name": clean, "name_key": _key(clean), "role": self._check_role(role),
                  "password_hash": self._check_password(password) if password is not None else None,
                  "failed_signins": 0, "created_at": self._now()}
        with self.writer.begin() as conn:
            if conn.execute(sa.select(schema.users.c.id).where(schema.users.c.name_key == values["name_key"])).first():
                raise UserError(f"A user named '{clean}' already exists (`coach users passwd` changes the password).")
            conn.execute(schema.users.insert().values(**values))
            return self._user(self._row(conn, clean))

    def get(self, name: str) -> User:
        with self.engine.connect() as conn:
            return self._user(self._row(conn, name))

    def all(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.users).order_by(schema.users.c.name_key))
            return [self._user(row) for row in rows]

    def _update(self, name: str, **values) -> User:
        with self.writer.begin() as conn:
            row = self._row(conn, name)
            conn.execute(schema.users.update().where(schema.users.c.id == row.id).values(**values))
            return self._user(self._row(conn, name))

    def set_password(self, name: str, password: str) -> User:
        return self._update(name, password_hash=self._check_password(password), failed_signins=0, locked_until=None)

    def set_role(self, name: str, role: str) -> User:
        return self._update(name, role=self._check_role(role))

    def unlock(self, name: str) -> User:
        return self._update(name, failed_signins=0, locked_until=None)

    def link_slack(self, name: str, slack_user_id: str | None) -> User:
        slack_user_id = (slack_user_id or "").strip() or None
        with self.writer.begin() as conn:
            row = self._row(conn, name)
            if slack_user_id is not None:
                t = schema.users
                other = conn.execute(sa.select(t.c.name).where(t.c.slack_user_id == slack_user_id,
                                                                t.c.id != row.id)).scalar()
                if other is not None:
                    raise UserError(f"Slack user {slack_user_id} is already linked to '{other}'.")
            conn.execute(schema.users.update().where(schema.users.c.id == row.id)
                         .values(slack_user_id=slack_user_id))
            return self._user(self._row(conn, name))

    def by_slack_id(self, slack_user_id: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.users).where(schema.users.c.slack_user_id == slack_user_id)).first()
            return None if row is None else self._user(row)

    def remove(self, name: str) -> None:
        with self.writer.begin() as conn:
            row = self._row(conn, name)
            conn.execute(schema.users.delete().where(schema.users.c.id == row.id))

    # -- sign-in ----------------------------------------------------------------------------
    def _audit_failure(self, conn: sa.Connection, now: dt.datetime, user: str | None, *, known: bool,
                       source: str | None, method: str, reason: str, **payload) -> None:
        """Log a refused sign-in: which name (or token's owner), why and from where; never a
        password or secret. At most one row per kind and source per window, across every worker
        (failure_audit.py)."""
        carried = self.failures.admit(conn, (source, method, reason, user if known else None))
        for (src, meth, why, who), count in self.failures.closed(conn):  # other kinds whose window ended
            log.append_audit(conn, now, SIGN_IN_FAILED, {"method": meth, "reason": why, "source": src,
                                                         "repeated": count}, who, None, None)
        if carried is None:
            return
        payload = {"method": method, "reason": reason, "source": source, **payload,
                   "repeated": carried or None}
        log.append_audit(conn, now, SIGN_IN_FAILED, {k: v for k, v in payload.items() if v is not None},
                         user, None, None)

    def flush_failure_audit(self) -> None:
        """Write the counted failures not written yet (the store is closing; the counts of other
        workers' open windows too: they are written now rather than at a later failure)."""
        with self.writer.begin() as conn:
            for (source, method, reason, user), count in self.failures.closed(conn, everything=True):
                log.append_audit(conn, self._now(), SIGN_IN_FAILED, {"method": method, "reason": reason,
                                                                     "source": source, "repeated": count},
                                 user, None, None)

    def authenticate(self, name: str, password: str, *, via: str | None = None, source: str | None = None) -> User:
        """The user, or SignInFailed / UserLocked. Failures count towards a lock-out and are
        audited (`sign_in.failed`) with the name tried and why, in the same transaction."""
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher, t, now = _hasher(), schema.users, self._now()
        with self.engine.connect() as conn:
            seen = conn.execute(sa.select(t).where(t.c.name_key == _key(name or ""))).first()
        # The password is checked before the write lock is taken: argon2 takes tens of
        # milliseconds, and the lock queues every write of the process (serial_writes.py).
        matched = rehashed = locked_before = None
        if seen is None or not seen.password_hash:
            if not _DUMMY_HASH:
                _DUMMY_HASH.append(hasher.hash(secrets.token_hex(8)))
            try:
                hasher.verify(_DUMMY_HASH[0], password or "")
            except VerificationError:
                pass
        elif seen.locked_until is not None and seen.locked_until > now:
            locked_before = seen.locked_until  # the password is not even checked
        else:
            try:
                hasher.verify(seen.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                pass
            else:
                matched = seen.password_hash
                rehashed = hasher.hash(password) if hasher.check_needs_rehash(seen.password_hash) else None
                if not seen.failed_signins and seen.locked_until is None and rehashed is None:
                    return self._user(seen)  # nothing to write

        failure: SignInFailed | None = None
        why = ""
        # The failure count is written and committed before the error is raised (raising inside
        # the transaction would roll it back).
        with self.writer.begin() as conn:
            # Read again under the lock: another sign-in may have counted a failure, locked the
            # user or changed the password since the check above.
            row = None if seen is None else conn.execute(
                sa.select(t).where(t.c.id == seen.id).with_for_update()).first()
            if row is None or not row.password_hash:
                failure, why = SignInFailed(), "unknown user" if row is None else "no password set"
            elif row.locked_until is not None and row.locked_until > now:
                failure, why = UserLocked(row.locked_until), "locked out"
            elif locked_before is not None:  # unlocked meanwhile, but the attempt came while locked
                failure, why = UserLocked(locked_before), "locked out"
            elif matched is None or matched != row.password_hash:
                failures = row.failed_signins + 1
                locked = (now + dt.timedelta(seconds=self.lockout_s)
                          if failures >= self.max_failed_signins else None)
                conn.execute(t.update().where(t.c.id == row.id).values(
                    failed_signins=0 if locked else failures, locked_until=locked))
                failure = UserLocked(locked) if locked is not None else SignInFailed()
                why = "wrong password, now locked out" if locked is not None else "wrong password"
            else:
                values = {"failed_signins": 0, "locked_until": None}
                if rehashed is not None:
                    values["password_hash"] = rehashed
                conn.execute(t.update().where(t.c.id == row.id).values(**values))
            if failure is not None:
                tried = " ".join((name or "").split())[:200] or None
                self._audit_failure(conn, now, row.name if row is not None else tried, known=row is not None,
                                    source=source, method="password", reason=why, name=tried, via=via,
                                    locked_until=getattr(failure, "until", None))
        if failure is not None:
            raise failure
        return self._user(row)

    # -- tokens and sessions -------------------------------------------------------------------
    def _token(self, row, user: str) -> TokenInfo:
        return TokenInfo(id=row.id, user=user, kind=row.kind, label=row.label, created_at=row.created_at,
                         expires_at=row.expires_at, revoked_at=row.revoked_at, csrf_token=row.csrf_token)

    def create_token(self, name: str, *, ttl: dt.timedelta, kind: str = "api",
                     label: str | None = None) -> tuple[str, TokenInfo]:
        """A new secret (returned once, never stored) and what is stored about it."""
        if ttl <= dt.timedelta(0):
            raise UserError("A token's lifetime must be positive (e.g. --days 90).")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self._now()
        with self.writer.begin() as conn:
            user = self._row(conn, name)
            t = schema.api_tokens
            if kind == "session":  # sign-in is a good moment to drop a user's dead sessions
                conn.execute(t.delete().where(t.c.user_id == user.id, t.c.kind == "session", t.c.expires_at <= now))
            result = conn.execute(t.insert().values(
                user_id=user.id, kind=kind, token_hash=token_hash(secret), label=label,
                csrf_token=secrets.token_urlsafe(32) if kind == "session" else None,
                created_at=now, expires_at=now + ttl, revoked_at=None))
            row = conn.execute(sa.select(t).where(t.c.id == result.inserted_primary_key[0])).one()
            return secret, self._token(row, user.name)

    def tokens(self, name: str | None = None, kind: str = "api") -> list[TokenInfo]:
        t, u = schema.api_tokens, schema.users
        query = (sa.select(t, u.c.name.label("user_name")).join(u, u.c.id == t.c.user_id)
                 .where(t.c.kind == kind).order_by(t.c.id))
        with self.engine.connect() as conn:
            if name is not None:
                query = query.where(t.c.user_id == self._row(conn, name).id)
            return [self._token(row, row.user_name) for row in conn.execute(query)]

    def revoke_token(self, token_id: int) -> TokenInfo:
        t = schema.api_tokens
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t).where(t.c.id == token_id, t.c.kind == "api")).first()
            if row is None:
                raise UserError(f"No API token with id {token_id} (`coach tokens list` shows them).")
            if row.revoked_at is None:
                conn.execute(t.update().where(t.c.id == token_id).values(revoked_at=self._now()))
            row = conn.execute(sa.select(t).where(t.c.id == token_id)).one()
            owner = conn.execute(sa.select(schema.users.c.name).where(schema.users.c.id == row.user_id)).scalar()
            return self._token(row, owner)

    def end_session(self, secret: str) -> str | None:
        """Delete the browser session; the name of the user it signed in, None when there was none."""
        t, u = schema.api_tokens, schema.users
        mine = sa.and_(t.c.token_hash == token_hash(secret), t.c.kind == "session")
        with self.writer.begin() as conn:
            owner = conn.execute(sa.select(u.c.name).join(t, u.c.id == t.c.user_id).where(mine)).scalar()
            conn.execute(t.delete().where(mine))
            return owner

    def _reject(self, reason: str, kind: str, row=None, source: str | None = None) -> TokenRejected:
        """Audit a refused token or session (whose it was, when known, and why), then say why."""
        with self.writer.begin() as conn:
            self._audit_failure(conn, self._now(), row.user_name if row is not None else None, known=row is not None,
                                source=source, method="api token" if kind == "api" else kind, reason=reason,
                                token_id=row.id if row is not None else None)
        return TokenRejected(reason, kind)

    def resolve(self, secret: str, kind: str, *, source: str | None = None) -> tuple[User, TokenInfo]:
        """The user a live token or session belongs to; TokenRejected saying why otherwise (and
        an audit entry: a refused token is a failed sign-in)."""
        if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
            raise self._reject("not valid", kind, source=source)
        t, u = schema.api_tokens, schema.users
        query = (sa.select(t, u.c.name.label("user_name"), u.c.role, u.c.slack_user_id, u.c.password_hash,
                           u.c.locked_until, u.c.created_at.label("user_created_at"))
                 .join(u, u.c.id == t.c.user_id)
                 .where(t.c.token_hash == token_hash(secret), t.c.kind == kind))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise self._reject("not valid", kind, source=source)
        if row.revoked_at is not None:
            raise self._reject("revoked", kind, row, source)
        if row.expires_at <= self._now():
            raise self._reject("expired", kind, row, source)
        user = User(id=row.user_id, name=row.user_name, role=row.role, slack_user_id=row.slack_user_id,
                    has_password=bool(row.password_hash), locked_until=row.locked_until,
                    created_at=row.user_created_at)
        return user, self._token(row, row.user_name)
