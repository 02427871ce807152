"""Which play a switch goes back or over to ("ok, back to Orchid then", "switching to Borealis",
"back to Governance: draft it"): the newest play in focus of that name, else the account with none.

Split out of chat.py (`Conversation` keeps the flow and asks this): the session keeps the plays it
had in focus before, and going back picks among them, not among the account's plays.
"""

from __future__ import annotations

from assistant.conversation.follow_ups import complete
from assistant.conversation.intents import find_change, normalise
from assistant.conversation.known_names import KnownNames
from assistant.conversation.memory import SessionState
from assistant.conversation.understand import Request


def back_to(what: str, state: SessionState, world: KnownNames, keep: int) -> SessionState | None:
    """The session with the play or account gone back or over to in focus: the newest play in
    focus of that name, else the account (or the product at the account in focus) with no
    play yet. None when the words name neither."""
    text = normalise(what)
    accounts = {m.name for m in world.accounts.mentions(text)}
    products = {m.name for m in world.products.mentions(text)}
    if len(accounts) > 1 or len(products) > 1 or not (accounts or products):
        return None
    account, product = next(iter(accounts), None), next(iter(products), None)
    after = state.model_copy(deep=True)
    if account not in (None, state.account):
        # (a pick among the plays just listed at the account left is no longer asked: "moving on to Fjord:
        # anything to sell?" ... "back to Juniper: Governance there?" is Governance at Juniper)
        after.pending = None
    for earlier in [state.focus(), *state.before]:
        if account in (None, earlier["account"]) and product in (None, earlier["product"]):
            after.move_focus(earlier["account"], earlier["product"], earlier["change"], earlier["play"],
                             keep)
            return after
    if account is not None:
        return SessionState(account=account, turns=state.turns)
    after.product, after.change, after.play = product, None, None
    return after


def gone_back(question: str, after: SessionState, world: KnownNames, replies) -> Request:
    """A switch that asks nothing of its own ("back to Orchid then", "switching to Borealis"):
    the play in focus there checked, or the account's plays when it has none in focus yet."""
    if after.play is None:
        return Request(question=question, intent="list_plays", account=after.account, typed=["account"])
    request = Request(question=question, intent="check_play", account=after.account, product=after.product,
                      change=after.change, typed=["account", "product"])
    return complete(request, after, world, replies)


def set_aside(what: str, state: SessionState, world: KnownNames) -> SessionState:
    """The session a dismissal leaves for the question after it ("forget Corvid. what's worth pushing at
    Lumen?"): without the play in focus when the words dismissed name its account or product; with the
    account they name and no play when they name a play there ("forget capacity at juniper, I mean
    governance": the question after is about Juniper)."""
    text = normalise(what)
    accounts = {m.name for m in world.accounts.mentions(text)}
    products = {m.name for m in world.products.mentions(text)}
    if len(accounts) == 1 and (products or find_change(text, world.book)[0]):
        return SessionState(account=next(iter(accounts)), turns=state.turns)
    if (accounts | products) & {state.account, state.product}:
        return SessionState(turns=state.turns)
    return state
