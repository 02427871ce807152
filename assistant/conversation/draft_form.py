"""A message that says only the form of the words and whom or what they are for asks for the words.

"slack msg for sam?", "delta draft", "email version pls", "LINKEDIN NOTE FOR HELEN": no pattern reads them
whole (a general check pattern may take "msg" for a product, the examples' likeness "email version" for
anything), yet they say nothing but the form a talk track comes in (intents.yaml `draft_forms`) and names
on record. The words beside the forms and the names must be filler (intents.yaml `noise`, `lead_in`,
`agree`, `reaction`): a question word or a verb of its own ("check my email to Dana" is a review, "did
the email to Sam go out?" asks something else, "why email?" asks why) keeps the message what it was read as.
"""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.conversation.phrasebook import Phrasebook


def _blanked(padded: str, phrases) -> tuple[str, int]:
    """The text with each phrase said (whole words, longest first) blanked out, and how many were."""
    found = 0
    for phrase in sorted({p for p in phrases if p.strip()}, key=len, reverse=True):
        words = f" {phrase} "
        while words in padded:
            found += 1
            padded = padded.replace(words, " | ", 1)
    return padded, found


def asks_for_words(text: str, book: Phrasebook, world: KnownNames) -> bool:
    """Whether a message (normalised) is only forms of words, names on record and filler, with a form."""
    padded = f" {text.replace(chr(8217), chr(39))} "
    forms_said = book.words.get("draft_forms", frozenset())
    if not any(f" {form} " in padded for form in forms_said):
        return False  # (most messages: no name is looked up)
    mentions = world.accounts.mentions(text) + world.products.mentions(text) + world.everyone.names.mentions(text)
    padded, _ = _blanked(padded, {m.key for m in mentions} | {f"{m.key}'s" for m in mentions})
    padded, forms = _blanked(padded, forms_said)
    if not forms:
        return False
    filler = book.words["noise"] | book.words.get("lead_in", frozenset()) | book.words["agree"] | \
        {w for phrase in book.words.get("reaction", ()) for w in phrase.split()}
    return all(w == "|" or w in filler for w in padded.split())
