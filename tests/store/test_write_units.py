"""`SerialWriter.together()`: the writes of one unit (a chat turn's session and its audit entry)
are one transaction: one commit, both kept or neither, nor anything of a unit whose write fails.
On SQLite here; the same checks run on PostgreSQL in test_postgres.py."""

from __future__ import annotations

import threading
import uuid

import pytest
import sqlalchemy as sa

from assistant.store import schema


def _answers(store, session_id: str) -> list[str]:
    return [e["payload"]["question"] for e in reversed(store.audit_entries(kind="answer", limit=1000))
            if e["session_id"] == session_id]


def check_write_units(store) -> None:
    session = f"unit-{uuid.uuid4().hex[:8]}"
    commits: list[int] = []
    count = lambda conn: commits.append(1)  # noqa: E731
    sa.event.listen(store.engine, "commit", count)
    try:
        with store.writer.together():
            store.save_session(session, "jordan", {"n": 1}, ttl_s=600)
            store.audit("answer", {"question": "first"}, session_id=session)
        assert len(commits) == 1
        assert store.get_session(session) == {"n": 1} and _answers(store, session) == ["first"]

        with pytest.raises(RuntimeError, match="crash"):
            with store.writer.together():
                store.save_session(session, "jordan", {"n": 2}, ttl_s=600)
                store.audit("answer", {"question": "second"}, session_id=session)
                raise RuntimeError("a crash before the unit ends")
        assert store.get_session(session) == {"n": 1} and _answers(store, session) == ["first"]

        with pytest.raises(sa.exc.IntegrityError):  # a write that fails inside fails the whole unit
            with store.writer.together():
                store.save_session(session, "jordan", {"n": 3}, ttl_s=600)
                with store.writer.begin() as conn:
                    conn.execute(schema.chat_sessions.insert().values(
                        id=session, state={}, updated_at=store.now(), expires_at=store.now()))
        assert store.get_session(session) == {"n": 1} and _answers(store, session) == ["first"]
    finally:
        sa.event.remove(store.engine, "commit", count)


def test_writes_together_are_one_transaction_on_sqlite(store):
    check_write_units(store)


def test_a_unit_takes_the_write_lock_only_at_its_first_write(store):
    """Another thread may write while a unit computes what it will write."""
    wrote = threading.Event()
    with store.writer.together():
        other = threading.Thread(target=lambda: (store.set_state("other", "yes"), wrote.set()))
        other.start()
        other.join(10)
        assert wrote.is_set()
        store.set_state("mine", "yes")
    assert store.get_state("other") == store.get_state("mine") == "yes"


def test_units_nest_into_the_outer_one(store):
    with pytest.raises(RuntimeError):
        with store.writer.together():
            with store.writer.together():
                store.set_state("inner", "yes")
            raise RuntimeError("the outer unit fails")
    assert store.get_state("inner") is None
