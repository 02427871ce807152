"""Which way the verdict a why asks about went, as the message tells it: a hold or a no, a yes, or neither.

"why" asks the reasons behind a verdict and "why_not" what blocks the play; a why about a verdict the
message tells as a hold or a no ("the capacity play at Borealis says wait. what's the logic?", "you said
hold on DQ for Corvid, what's driving that?") asks what blocks it, whatever its question words. A why_not
is never read back as a why: its "yes" is the one it wants ("what would make it a yes"). The words are
data: intents.yaml `session: words:` `verdict_no` and `verdict_yes`.
"""

from __future__ import annotations

from assistant.conversation.intents import normalise
from assistant.conversation.phrasebook import Phrasebook


def _said(padded: str, phrases: frozenset[str]) -> tuple[bool, str]:
    """Whether any phrase is said (whole words), and the text with each one said blanked out
    ("not a go" is no "a go")."""
    found = False
    for phrase in sorted(phrases, key=len, reverse=True):
        words = f" {normalise(phrase)} "
        if words.strip() and words in padded:
            found = True
            padded = padded.replace(words, " | ")
    return found, padded


def verdict_told(question: str, book: Phrasebook) -> str | None:
    """"no" when the message tells a verdict of hold or no and none of yes, "yes" the other way round,
    else None."""
    padded = f" {normalise(question)} "
    no, rest = _said(padded, book.session_words.get("verdict_no", frozenset()))
    yes, _ = _said(rest, book.session_words.get("verdict_yes", frozenset()))
    if no == yes:
        return None
    return "no" if no else "yes"


def why_asked(intent: str, question: str, book: Phrasebook) -> str:
    """The why the message asks, by the verdict it tells: a why about a hold or a no is a why_not.
    (Not the other way round: "what would make it a yes" tells the yes it wants, not the verdict.)"""
    if intent == "why" and verdict_told(question, book) == "no":
        return "why_not"
    return intent
