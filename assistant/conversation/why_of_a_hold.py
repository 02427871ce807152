"""A bare why right after a verdict held on what the AM stated asks what blocks the play.

"my manager wants it in by the 30th. does that change it?" ... "why?": the answer just held the play on
the AM's own words, so the why asks what is in the way and how to clear it (why_not), as "why not?"
would. After a verdict that rests on the record alone, or on nothing the AM said, a bare "why?" still
asks the reasons (why). Only a why that names nothing of its own is read so: "why is Acme on the list?"
asks about what it names.
"""

from __future__ import annotations

from assistant.conversation.memory import SessionState


def held_on_words(state: SessionState) -> bool:
    """Whether the last verdict on the play in focus held it on a fact the AM stated of that play."""
    if state.play is None or not state.last_verdict or state.last_verdict.get("verdict") == "pitch":
        return False
    codes = set(state.last_verdict.get("codes") or ())
    said = {record["item"].get("rule") for record in state.stated if record.get("product") in (None, state.product)}
    return bool(codes & said)


def why_asked_of_a_hold(intent: str | None, typed: list[str], applied: list, state: SessionState) -> str | None:
    """why_not for a why naming nothing and telling nothing, right after a verdict held on the AM's words."""
    if intent == "why" and not typed and not applied and held_on_words(state):
        return "why_not"
    return intent
