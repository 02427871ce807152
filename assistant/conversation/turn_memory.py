"""What a turn leaves in the session memory: the play, account and person in focus, a question back
left open, the list just shown, the facts its words applied (memory.py keeps and loads them).

Split out of chat.py (`Conversation` keeps the flow and calls this after answering): what the next
turn may lean on is decided in one place, from the request read and the answer given.
"""

from __future__ import annotations

from assistant.conversation.answer import Answer
from assistant.conversation.follow_ups import ACCOUNT_INTENTS, VERDICT_INTENTS
from assistant.conversation.memory import SessionState
from assistant.conversation.understand import Request

REMEMBERED_INTENTS = (*VERDICT_INTENTS, *ACCOUNT_INTENTS)
REACTION = "reaction"  # "lol", "ok thanks": answered as `unclear` (nothing asked), the focus kept
ASIDES = ("framework", "help")  # questions that leave the session's open question back open


def remember(state: SessionState, request: Request, answer: Answer, keep: int) -> None:
    """What a turn leaves in the session (the caller saves it): the play, account and person in focus,
    the question back left open, the list just shown, the facts its words applied. A reaction ("lol")
    leaves everything as it was but the count of turns."""
    ask = answer.ask_back
    if request.intent == REACTION:  # nothing asked: the focus and any question back stay as they were
        state.turns += 1
        return
    if ask is not None or request.intent not in ASIDES:
        state.pending = None  # (a question back stays open over an aside: "what does the framework say ...?")
    if ask is not None and ask.kind in ("account", "product", "person", "blocker", "intent", "play"):
        state.pending = {"kind": ask.kind, "candidates": ask.candidates, "codes": ask.codes,
                         "intents": ask.intents, "request": request.model_dump(mode="json")}
    elif ask is None and request.intent == "list_plays" and answer.plays:
        # "the second one" picks a play of the list just shown
        state.pending = {"kind": "listed", "candidates": [row["product"] for row in answer.plays],
                         "plays": [{"product": row["product"], "change": row["change"]} for row in answer.plays],
                         "request": request.model_dump(mode="json")}
        state.shown = {"account": request.account, "plays": state.pending["plays"]}
    if request.chose is not None and ask is None:
        # "no, I meant the other one" picks another of these
        state.choice = {**request.chose, "request": request.chose.get("request") or
                        request.model_dump(mode="json", exclude={"chose", "ask_back"})}
    elif ask is None and request.intent not in ("help", "off_topic", "framework", "unclear") and \
            not (state.choice and getattr(request, state.choice["kind"], None) == state.choice["chosen"]):
        state.choice = None  # (kept while the one chosen stays in focus: "why?" ... "the software one")
    if ask is None and request.intent not in ("help", "off_topic", "framework", "unclear", "other_one"):
        state.named = list(request.typed)
    if ask is None and request.intent == "focus" and answer.portfolio:
        best = lambda part: {entry["account"]: {"product": entry["best_play"]["product"],  # noqa: E731
                                                "change": entry["best_play"]["change"]}
                             for entry in answer.portfolio.get(part) or [] if entry.get("best_play")}
        state.listed = best("focus")
        state.also_listed = {**best("later"), **best("blocked")}  # (named in the answer, in no place)
    verdict = answer.verdict
    if verdict is not None:
        state.move_focus(verdict.account, verdict.product, verdict.change, request.play, keep)
        # the person "her" or "him" is next: the sponsor asked for, else the one typed or kept
        state.person = verdict.sponsor if request.intent == "who_sponsor" and verdict.sponsor else \
            request.person or state.person or verdict.sponsor
        state.what_ifs = list(request.what_ifs)
        state.last_verdict = {"verdict": verdict.verdict.value, "motion": verdict.motion.value,
                              "codes": verdict.codes, "headline": answer.text.split("\n", 1)[0]}
    elif ask is not None and ask.kind in ("blocker", "person") and request.play is not None and request.account:
        # The play was read whole and only a question about it is open: if the AM moves on
        # ("why not?", "who do I talk to there?") instead of answering, it is the play in focus.
        state.move_focus(request.account, request.product, request.change, request.play, keep)
        state.what_ifs = list(request.what_ifs)  # (and what its words stated for sure still holds)
        if request.intent in REMEMBERED_INTENTS:
            state.last_intent = request.intent
    elif ask is not None and ask.kind == "blocker" and request.intent == "list_plays" and request.account and \
            request.account != state.account:
        # "what can I sell Acme? I'd take it to the CFO" asked about the executive: Acme is in focus
        state.move_focus(request.account, None, None, None, keep)
        state.what_ifs = list(request.what_ifs)
    elif ask is not None and ask.kind == "product" and request.account and request.account != state.account:
        # "switching to Borealis: what could I sell?" asked back "which product?": Borealis is
        # the account in focus now ("why not more capacity there?"), with no play yet
        state.move_focus(request.account, None, None, None, keep)
        state.person = request.person  # ("I'm meeting Priya at Acme tomorrow" ... "what should I pitch her?")
    elif ask is None and request.intent in VERDICT_INTENTS and request.account and request.account != state.account:
        # A play that could not be checked ("delta: studio seats?" when Delta owns no Studio): the account
        # it named is in focus, with no play, so the correction that follows ("MA then") is about it
        state.move_focus(request.account, None, None, None, keep)
        state.person = request.person
    elif request.intent in ACCOUNT_INTENTS and ask is None and request.account:
        # (a QBR of the account in focus keeps the play in focus there; elsewhere, its lead expansion)
        if request.account != state.account or request.play and not (request.intent == "qbr" and state.play):
            state.move_focus(request.account, request.product, request.change, request.play, keep)
        state.account = request.account
        if request.intent == "list_plays":
            state.what_ifs = list(request.what_ifs)  # the account's facts the list was read on
    if ask is None and request.intent in REMEMBERED_INTENTS + ("focus",):
        state.last_intent = request.intent
    if (ask is None or ask.kind == "blocker") and request.account and request.account == state.account:
        # what this turn's words applied, with the play it was said of (a list: of all the account's plays);
        # also when a question about another fact stays open: what they applied for sure stands
        # ("I'm well short of target ... flog Mariner the dashboards tool?" asked about the executive,
        # then "and the platform capacity there?": still quota-driven timing)
        one = request.intent in VERDICT_INTENTS
        said = ({"product": request.product if one else None,
                 "change": (answer.verdict.change if answer.verdict else request.change) if one else None,
                 "item": item.model_dump(mode="json")} for item in answer.applied if item.rule)
        for record in said:
            if not _kept_already(state.stated, record):
                state.stated = [*state.stated, record]
    state.turns += 1


def _kept_already(stated: list[dict], record: dict) -> bool:
    """Whether a fact this turn only carried (`how: earlier`, shown again from the session) is stored at the
    account for the play already: each "why not?" would store another copy, and the session (kept in the
    store) would grow with every follow-up. A fact the turn's own words stated is stored, as said now."""
    item = record["item"]
    return item.get("how") == "earlier" and any(
        said["item"].get("rule") == item.get("rule") and said.get("product") == record["product"]
        and said.get("change") in (None, record["change"]) for said in stated)
