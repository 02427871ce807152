"""A chat turn keeps its session and its audit entry in one transaction (Coach.writes_together):
one commit for both, and neither when the turn fails before its end."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


def _commits(coach, run) -> int:
    commits: list[int] = []
    count = lambda conn: commits.append(1)  # noqa: E731
    sa.event.listen(coach.store.engine, "commit", count)
    try:
        run()
    finally:
        sa.event.remove(coach.store.engine, "commit", count)
    return len(commits)


def test_a_turn_writes_its_session_and_its_answer_in_one_commit(chat, coach):
    conversation = chat("one-commit")
    assert _commits(coach, lambda: conversation.ask("help")) == 1
    assert coach.get_session("one-commit")["turns"] == 1
    assert [e["payload"]["question"] for e in coach.audit_entries(kind="answer")
            if e["session_id"] == "one-commit"] == ["help"]


def test_a_turn_whose_audit_entry_fails_keeps_no_session_either(chat, coach, monkeypatch):
    conversation = chat("all-or-nothing")
    conversation.ask("should I pitch Data Quality to Acme?")
    kept = coach.get_session("all-or-nothing")
    real_audit = coach.store.audit

    def failing(kind, payload, **options):
        if kind == "answer":
            raise OSError("disk full")
        return real_audit(kind, payload, **options)

    monkeypatch.setattr(coach.store, "audit", failing)
    with pytest.raises(OSError, match="disk full"):
        conversation.ask("what about Borealis?")
    assert coach.get_session("all-or-nothing") == kept  # the focus did not move to Borealis unlogged
