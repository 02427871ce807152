"""Which play a place in a list picks ("draft the second one", "#2, why not?", "tell me more about
the top one"): the plays listed for the account in focus, or the quarter's focus list just shown.

Split out of chat.py (`Conversation` keeps the flow and asks this): a place names no account or
product, so only the list the session showed last says which play it is.
"""

from __future__ import annotations

from assistant.conversation.follow_ups import VERDICT_INTENTS, ordinal
from assistant.conversation.intents import clean_slot, normalise
from assistant.conversation.meaning import clause_split, clauses
from assistant.conversation.memory import SessionState
from assistant.conversation.turns import closing_alone, listed_place, without_place
from assistant.conversation.understand import Request


def at_place(book, reader, question: str, request: Request, state: SessionState, parsed=None, world=None) -> None:
    """A question about a place in the plays listed for the account in focus ("draft the second
    one", "who would sponsor the top one?", "#2, why not?"), or in the quarter's focus list just
    shown ("tell me more about the top one"): about that play, when the message names no other
    account, product or change. A message that asks nothing else checks it."""
    if request.named("product") or request.change or not (
            request.intent in (*VERDICT_INTENTS, "followup", "unclear", None) or request.parser == "meaning"):
        return  # (a question the patterns read as another, "what can I sell there", asks that)
    shown = state.shown
    if state.on_the_list() and not request.named("account"):
        plays = [{"account": account, **play} for account, play in state.listed.items()]
    elif shown and shown["account"] == state.account and request.account in (None, state.account):
        plays = [{"account": state.account, **play} for play in shown["plays"]]
    else:
        return
    place = listed_place(question, book)
    if place is None and parsed is not None and parsed.intent == "followup" and parsed.slots.get("target"):
        place = ordinal(clean_slot(parsed.slots["target"], book) or parsed.slots["target"], world)  # "what about number 3"
    if place is None and world is not None:
        place = _opening_place(question, reader, world)  # "number 4, why isn't it a go", "top one - go?"
    if place is None or place > len(plays):
        return
    play = plays[place - 1]
    request.account, request.product, request.change = play["account"], play["product"], play["change"]
    request.typed += [k for k in ("account", "product") if k not in request.typed]
    pieces = [p for p in clauses(question, reader.clause_re) if p.strip()]
    closing = closing_alone(pieces[-1], book) if len(pieces) > 1 else \
        closing_alone(without_place(question, book), book)  # "okay the first one is that a go": a check of it
    if closing in VERDICT_INTENTS and request.parser == "meaning":
        request.intent = closing  # "first one. right move?": the pick, then its closing question
    elif request.intent not in VERDICT_INTENTS or request.parser == "meaning":
        # (a pick no pattern read, "tell me more about the second one": its words beside the place are too
        # few for the examples' likeness to say more than that it is picked, so it is checked)
        request.intent = "check_play"
    if request.ask_back is not None and request.ask_back.kind in ("product", "account", "question", "intent"):
        request.ask_back = None  # ("the top one" read as a name, or nothing read for sure)


def _opening_place(question: str, reader, world) -> int | None:
    """The place a message's opening clause picks alone ("number 4, why isn't it a go", "top one - go?",
    "2nd - who signs?"), the rest asking about it; None when the message is one clause, or its first
    clause is more than a pick (follow_ups.py `ordinal`: a place beside filler only)."""
    pieces = [p for p in (" ".join(part.split()) for part in clause_split(question, reader.clause_re)) if p]
    return ordinal(normalise(pieces[0]), world) if len(pieces) > 1 else None
