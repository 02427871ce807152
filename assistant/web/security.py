"""Sign-in sessions and CSRF.

A browser session is a random secret kept (hashed) in the store's token table, so every worker
and host sees the same sessions and signing out ends one everywhere. The cookie carries the
secret and an HMAC of it under the app's secret key (HttpOnly, SameSite=Lax, Secure in
production). Each session has its own CSRF token, required on every form post and on any
cookie-authenticated API call that changes something.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from assistant.config import Settings
from assistant.errors import CoachError

SESSION_COOKIE = "coach_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MIN_SECRET_LENGTH = 32
# The placeholder the README shows; a deployment that copies it as is gets refused.
EXAMPLE_SECRET = "change-me-to-64-random-characters"


class InsecureSettings(CoachError):
    """A production start with settings that would make sessions forgeable."""


def check_secret(settings: Settings) -> None:
    if not settings.production:
        return
    value = settings.secret_key.get_secret_value() if settings.secret_key else ""
    if not value or value == EXAMPLE_SECRET or len(value) < MIN_SECRET_LENGTH or len(set(value)) < 8:
        raise InsecureSettings(
            "COACH_PRODUCTION is set but COACH_SECRET_KEY is missing, the README's example or too weak; "
            f"set it to a random value of at least {MIN_SECRET_LENGTH} characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`.")


def secret_key(settings: Settings) -> bytes:
    """The configured key; outside production, a random key kept in the data directory (so the
    workers of one machine share it and sessions survive a restart)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    check_secret(settings)
    path = Path(settings.ensure_data_dir()) / "web_secret_key"
    try:  # O_EXCL: of several workers starting at once, one writes the key, all read it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    for _ in range(50):  # another worker may be between creating and writing it
        value = path.read_text().strip()
        if value:
            return value.encode()
        time.sleep(0.01)
    raise InsecureSettings(f"{path} is empty; delete it and start again, or set COACH_SECRET_KEY")


def sign(key: bytes, secret: str) -> str:
    mac = hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()
    return f"{secret}.{mac}"


def unsign(key: bytes, cookie: str | None) -> str | None:
    if not cookie or "." not in cookie or len(cookie) > 300:
        return None
    secret, _, mac = cookie.rpartition(".")
    expected = hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()
    return secret if hmac.compare_digest(mac, expected) else None


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)
