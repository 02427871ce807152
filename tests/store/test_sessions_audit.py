"""Chat sessions expire; the audit log only grows."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from assistant.store import schema


def test_session_round_trip_and_expiry(store, clock):
    store.save_session("s1", "jordan", {"account": "Acme Corp", "asked": ["Data Quality"]}, ttl_s=600)
    assert store.get_session("s1") == {"account": "Acme Corp", "asked": ["Data Quality"]}
    clock.advance(599)
    assert store.get_session("s1") is not None
    clock.advance(1)
    assert store.get_session("s1") is None
    with store.engine.connect() as conn:  # purged, not just hidden
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.chat_sessions)).scalar() == 0


def test_saving_extends_the_session_and_purges_expired_ones(store, clock):
    store.save_session("old", None, {"n": 1}, ttl_s=10)
    store.save_session("live", "maya", {"n": 1}, ttl_s=100)
    clock.advance(50)
    store.save_session("live", "maya", {"n": 2, "when": dt.date(2026, 11, 16)}, ttl_s=100)
    with store.engine.connect() as conn:
        ids = set(conn.execute(sa.select(schema.chat_sessions.c.id)).scalars())
    assert ids == {"live"}
    clock.advance(90)
    assert store.get_session("live") == {"n": 2, "when": "2026-11-16"}
    assert store.get_session("missing") is None


def test_audit_appends_and_lists_newest_first(store):
    first = store.audit("verdict", {"account": "Acme Corp", "today": dt.date(2026, 11, 16)},
                        user="jordan", session_id="s1", ruleset_version="abc123")
    second = store.audit("approval", {"approved": True})
    third = store.audit("verdict", {"account": "Fjord Bank"})
    assert first < second < third
    entries = store.audit_entries()
    assert [e["id"] for e in entries] == [third, second, first]
    verdicts = store.audit_entries(kind="verdict", limit=1)
    assert [e["id"] for e in verdicts] == [third]
    oldest = entries[-1]
    assert oldest["payload"] == {"account": "Acme Corp", "today": "2026-11-16"}
    assert (oldest["user"], oldest["session_id"], oldest["ruleset_version"]) == ("jordan", "s1", "abc123")
    assert oldest["at"] == dt.datetime(2026, 11, 16, 9, 0)


def test_both_audit_readers_filter_alike(store):
    """The CLI's reader (kind prefix, account) and the Coach's (exact kinds) are one query: a user
    name matches in any case and spacing either way."""
    store.audit("sign_in.failed", {"reason": "wrong password"}, user="Maya Lindqvist")
    store.audit("refused", {"account": "Acme Corp"}, user="Maya Lindqvist")
    by_prefix = store.audit_entries(kind="sign_in", user=" maya lindqvist ")
    by_kinds = store.find_audit(user=" MAYA LINDQVIST ", kinds=("sign_in.failed",))
    assert [e["kind"] for e in by_prefix] == [e["kind"] for e in by_kinds] == ["sign_in.failed"]
    assert [e["kind"] for e in store.find_audit(user="maya lindqvist", kinds=("refused", "sign_in.failed"))] == [
        "refused", "sign_in.failed"]
