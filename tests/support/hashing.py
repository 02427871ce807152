"""argon2 with the cheapest parameters, for tests about what happens around a password (the
queue of writes, the audit log), not about the hashing itself (tests/store/test_users.py)."""

from __future__ import annotations

import pytest


def cheap_hasher():
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def cheap_argon2(monkeypatch):
    """Hashes in microseconds instead of tens of milliseconds."""
    from assistant.store import users as users_module

    monkeypatch.setattr(users_module, "_hasher", cheap_hasher)
