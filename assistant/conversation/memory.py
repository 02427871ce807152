"""Session memory: the account, product and play in focus, kept per session in the store.

Kept in the store (not in the process) so a web request and a Slack message in the same session
continue the same conversation; the store forgets a session `ttl_s` seconds after its last answer.
"""

from __future__ import annotations

from pydantic import BaseModel


class SessionState(BaseModel):
    account: str | None = None
    product: str | None = None
    change: str | None = None
    play: dict | None = None  # the Play in focus (its fields), to re-check on follow-ups
    last_intent: str | None = None
    last_verdict: dict | None = None  # verdict, motion, codes, headline of the last verdict
    pending: dict | None = None  # an ask-back waiting for its answer: kind, candidates, codes, request
    choice: dict | None = None  # the last ask-back answered: kind, candidates, chosen, request
    turns: int = 0


class SessionMemory:
    def __init__(self, sessions, session_id: str, user: str | None, ttl_s: int):
        """`sessions`: anything with get_session/save_session (the Coach)."""
        self.sessions, self.session_id, self.user, self.ttl_s = sessions, session_id, user, ttl_s

    def load(self) -> SessionState:
        """The session's state; a new one when there is none or it expired."""
        state = self.sessions.get_session(self.session_id)
        return SessionState.model_validate(state) if state else SessionState()

    def save(self, state: SessionState) -> None:
        self.sessions.save_session(self.session_id, self.user, state.model_dump(mode="json"), self.ttl_s)
