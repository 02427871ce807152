"""Session memory in the store (shared by web and Slack workers), expiry, and the audit log."""

from __future__ import annotations

from tests.conversation.conftest import transcript


def test_two_conversation_objects_with_one_session_id_continue_the_same_conversation(chat):
    # The web app and Slack build a new Conversation per request: the memory is in the store.
    transcript(chat("shared-1"), """
        user: should I pitch Data Quality to Acme?
        coach(first): Pitch it: Data Quality for Acme Corp
    """)
    answers = transcript(chat("shared-1"), """
        user: who should sponsor it?
        coach: Sponsor: Priya Natarajan
        user: what about Borealis?
        coach(first): Intervene first: Borealis Freight
    """)
    assert answers[0].entities["product"] == "Data Quality"
    other = chat("another-session").ask("who should sponsor it?")
    assert other.ask_back.kind == "play"  # a different session knows nothing of Acme


def test_an_ask_back_can_be_answered_from_another_worker(chat):
    first = chat("shared-2").ask("should I pitch DQ to Nimbus")
    assert first.ask_back.candidates == ["Nimbus Analytics", "Nimbus Software"]
    second = chat("shared-2").ask("Nimbus Software")
    assert second.verdict is not None and second.entities["account"] == "Nimbus Software"


def test_sessions_expire(chat, clock, coach):
    conversation = chat("short-lived")
    conversation.ask("should I pitch DQ to Acme")
    ttl = conversation.memory.ttl_s
    clock.advance(ttl - 1)
    assert conversation.ask("why not?").verdict is not None  # still remembered; the TTL restarts
    clock.advance(ttl + 1)
    expired = conversation.ask("why not?")
    assert expired.verdict is None and expired.ask_back.kind == "play"
    assert coach.store.get_session("short-lived") is not None  # the new, empty session


def test_every_answer_is_in_the_audit_log_with_question_session_and_user(chat, coach):
    conversation = chat("audited", user="Maya Lindqvist")
    questions = ["help", "should I pitch DQ to Acme", "why not?", "should I pitch DQ to Zenith",
                 "what's the weather?", "asdfgh", "draft it"]
    for question in questions:
        conversation.ask(question)
    entries = [e for e in coach.store.audit_entries(kind="answer", limit=100) if e["session_id"] == "audited"]
    assert [e["payload"]["question"] for e in reversed(entries)] == questions
    assert {e["user"] for e in entries} == {"Maya Lindqvist"}
    verdicts = [e for e in entries if e["payload"]["answer"]["verdict"]]
    assert verdicts and all(e["ruleset_version"] and e["payload"]["facts"] for e in verdicts)
    assert all(e["payload"]["answer"]["text"] for e in entries)
