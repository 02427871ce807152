"""Chat session ids are bound to their user: an id from someone else's session starts a new one
of your own instead of continuing theirs."""

from __future__ import annotations

import uuid


def own_session(user, session_id: str | None) -> str:
    prefix = f"u{user.id}-"
    if session_id and session_id.startswith(prefix):
        return session_id
    return prefix + uuid.uuid4().hex
