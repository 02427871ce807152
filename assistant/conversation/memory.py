"""Session memory: the account, product and play in focus, kept per session in the store.

Kept in the store (not in the process) so a web request and a Slack message in the same session
continue the same conversation; the store forgets a session `ttl_s` seconds after its last answer.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class SessionState(BaseModel):
    account: str | None = None
    product: str | None = None
    change: str | None = None
    play: dict | None = None  # the Play in focus (its fields), to re-check on follow-ups
    # Facts of the account in focus the AM stated ("they're unhappy": sentiment=negative), kept for
    # the follow-ups about that account ("why not?" explains the verdict on those facts).
    what_ifs: list[str] = Field(default_factory=list)
    # What the AM's words applied earlier at the account in focus (the Applied items, with the play
    # they were said of: its product and change, no product for a list of its plays): shown again,
    # as still applied, on a check of another of its plays that the fact still holds for.
    stated: list[dict] = Field(default_factory=list)
    # The same three (what_ifs, stated, play) of each account the talk left, by account: back at it
    # ("ok, back to Corvid"), what the AM said of it still holds until taken back.
    left: dict[str, dict] = Field(default_factory=dict)
    last_intent: str | None = None
    last_verdict: dict | None = None  # verdict, motion, codes, headline of the last verdict
    pending: dict | None = None  # an ask-back waiting for its answer: kind, candidates, codes, request
    choice: dict | None = None  # the last ask-back answered: kind, candidates, chosen, request
    # The plays in focus before this one, newest first (account, product, change, play, intent):
    # "no, the other one" with no choice made goes back to the one before.
    before: list[dict] = Field(default_factory=list)
    named: list[str] = Field(default_factory=list)  # the kinds of name the last question typed
    person: str | None = None  # the person last named at the account in focus (typed, or the sponsor said)
    # The accounts of the last list shown (the quarter's focus, or the plays of an account) with
    # the best play of each: "why is Fjord on the list?" asks about that play.
    listed: dict[str, dict] = Field(default_factory=dict)
    # ... and the accounts the same answer named besides, not in its places (those for later, those
    # blocked this quarter): "why is Acme on there?" asks about theirs too
    also_listed: dict[str, dict] = Field(default_factory=dict)
    shown: dict | None = None  # the plays last listed for an account: "what about the first one?" later
    turns: int = 0

    def focus(self) -> dict:
        return {"account": self.account, "product": self.product, "change": self.change, "play": self.play,
                "intent": self.last_intent}

    def on_the_list(self) -> bool:
        """Whether the quarter's focus list last shown is still what the talk is about: it was the
        last answer, or the play in focus is one of its entries ("why is Acme on there?" ... "and
        the second one?")."""
        if not self.listed and not self.also_listed:
            return False
        entry = self.listed_play(self.account)
        return self.last_intent == "focus" or (entry is not None and entry.get("product") == self.product)

    def listed_play(self, account: str | None) -> dict | None:
        """The play the focus list last shown gives for an account (its best), if it named it."""
        return self.listed.get(account or "") or self.also_listed.get(account or "")

    def facts_at(self, account: str | None) -> dict:
        """What the AM said of an account (what_ifs, stated, play): the one in focus, or one the talk left."""
        if account == self.account:
            return {"what_ifs": self.what_ifs, "stated": self.stated, "play": self.play}
        return self.left.get(account or "") or {}

    def move_focus(self, account: str | None, product: str | None, change: str | None, play: dict | None,
                   keep: int) -> None:
        """A new play in focus: the one it replaces is remembered (the `keep` newest)."""
        if self.account and (account, product) != (self.account, self.product):
            self.before = [self.focus(), *[f for f in self.before
                                           if (f["account"], f["product"]) != (self.account, self.product)]][:keep]
        if account != self.account:
            if self.account and (self.what_ifs or self.stated):
                self.left[self.account] = {"what_ifs": self.what_ifs, "stated": self.stated, "play": self.play}
            back = self.left.pop(account or "", {})
            self.what_ifs = list(back.get("what_ifs") or [])
            self.stated = list(back.get("stated") or [])
            self.person = None
        self.account, self.product, self.change, self.play = account, product, change, play


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
