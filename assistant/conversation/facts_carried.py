"""Which facts stated on earlier turns still hold for the play this turn answers on: a fact the AM
stated at the account in focus ("Delta's been fuming since the outage") applies to another play there
too ("what about more capacity there instead?"), and still holds on a follow-up on the play ("why
not?", "draft it"): shown and said as stated earlier.

Split out of chat.py (`Conversation` keeps the flow and asks this): what carries across a session is
one rule (README "What carries across a session"), kept apart from the reading of a single message.
"""

from __future__ import annotations

from assistant.conversation.answer import Answer, Applied
from assistant.conversation.follow_ups import PLAY_FOLLOW_UPS, VERDICT_INTENTS
from assistant.conversation.memory import SessionState
from assistant.conversation.understand import Request


def still_applied(state: SessionState, request: Request, answer: Answer, replies, label) -> None:
    """A fact the AM stated earlier at this account that still holds for the play this turn answers on:
    another play than the one it was said of ("Delta's been fuming since the outage" ... "what about
    more capacity there instead?"), applied to this play too; or the same play, on a follow-up on it
    ("why not?", "who should sponsor it?", "draft it": the answer rests on it, so it says so, "it still
    holds"), or on a check of it that took another fact back or adds one ("and if I tie it to the renewal to
    save it?"). Shown, and said (`how: earlier`). Not on
    another check of the same play (the message is read there), nor on a list, nor at another account
    (the fact is not carried there). Back at an account after another ("ok, back to Gale"), what was said of it there is shown
    again, for its plays the same as any other."""
    verdict = answer.verdict
    if verdict is None or request.intent not in VERDICT_INTENTS:
        return
    back = request.account != state.account
    stated = state.facts_at(request.account).get("stated") or []
    shown = {item.rule for item in answer.applied}
    # (shown once a turn: not again when this turn's own answer already applied it)
    # (a play said before its change was derived, its question back still open, is this product's)
    this_play = set() if back else {said["item"].get("rule") for said in stated
                                    if said.get("product") == request.product and said.get("change") in (None, verdict.change)}
    # (a follow-up on the play answers on what was said of it: shown again; a check of it reads the message,
    # unless the message took a fact back: what still holds of it is then shown, "what if it weren't for my
    # quarter?" after "2 open escalations and I need it before my quarter closes")
    # (nor when the check adds a fact of its own to the story: "and if I tie MA to a renewal discount to save
    # it?" after "Delta might walk at renewal": the risk still stands beside the tie)
    here = set() if request.intent in PLAY_FOLLOW_UPS or request.taken_back or request.applied else this_play
    for said in stated:
        item = said["item"]
        rule = item.get("rule")
        if not rule or rule in shown or rule in here or rule in request.taken_back or rule not in verdict.codes:
            continue
        shown.add(rule)
        answer.applied.append(Applied(**{**item, "how": "earlier", "fired": True}))
        answer.notes.append(replies.say("note.still_applied", phrase=item.get("phrase"), rule=rule,
                                        label=label(rule), same_play=rule in this_play))


def said_of_list(state: SessionState, request: Request, answer: Answer, replies, label) -> None:
    """A list of the account's plays is read on what the AM stated earlier there (its verdicts rest on
    it: "ok what else could I sell Delta?" after "they're fed up with support"): the answer says so,
    once per fact the listed plays are held by. It is no fact applied from the list's own words (README
    "What carries across a session"), so it is said, not added to what this turn applied."""
    if request.intent != "list_plays" or not answer.plays:
        return
    shown = {item.rule for item in answer.applied}
    held = {code for row in answer.plays for code in row.get("blockers", [])}
    for said in state.facts_at(request.account).get("stated") or []:
        item = said["item"]
        rule = item.get("rule")
        if rule and rule not in shown and rule in held:
            shown.add(rule)
            answer.notes.append(replies.say("note.list_on_earlier", phrase=item.get("phrase"), rule=rule,
                                            label=label(rule)))


def held_in_review(state: SessionState, request: Request, answer: Answer, replies, label) -> None:
    """A review meeting's talk tracks asked for after a fact of the customer was stated at the account ("their
    renewal is shaky" ... "help me prep the QBR then") are judged on it (follow_ups carries the account's
    what-ifs): the facts its plays are held by are shown, as said earlier (`how: earlier`)."""
    track = answer.talk_track or {}
    if request.intent != "qbr" or track.get("kind") != "qbr" or request.account != state.account:
        return
    held = {code for key in ("adoption_plan", "no_expansion") for block in track.get(key) or []
            for code in block.get("codes") or []}
    shown = {item.rule for item in answer.applied}
    for said in state.stated:
        item = said["item"]
        rule = item.get("rule")
        what_ifs = (item.get("sets") or {}).get("what_if") or []
        what_ifs = [what_ifs] if isinstance(what_ifs, str) else what_ifs
        if not rule or rule in shown or rule not in held or not what_ifs or \
                not all(w in request.what_ifs for w in what_ifs):
            continue
        shown.add(rule)
        answer.applied.append(Applied(**{**item, "how": "earlier", "fired": True}))
        answer.notes.append(replies.say("note.still_applied", phrase=item.get("phrase"), rule=rule,
                                        label=label(rule), same_play=False))
