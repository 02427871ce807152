"""Who "him" or "her" is when a message asks only why of a person ("why her?", "why Ana tho", "how
come him"): the person last named, or the one of the account in focus the message names.

Split out of chat.py (`Conversation` keeps the flow and asks this): such a message asks the reasons
behind the play in focus, and only the session knows who the pronoun stands for.
"""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.conversation.memory import SessionState


def why_of_person(book, parsed, state: SessionState, world: KnownNames) -> str | None:
    """The person a message no pattern read asks only why of: the person last named or one of the
    account in focus ("why her?", "why Ana tho", "how come him"). Its opening words are the session's
    `asks_why` words, and its other words name that person, by a pronoun or a name, beside filler.
    None when it asks something else."""
    if not state.play or not state.account:
        return None
    text = f" {parsed.text} "
    opening = next((w for w in sorted(book.session_words.get("asks_why", ()), key=len, reverse=True)
                    if text.startswith(f" {w} ")), None)
    if opening is None:
        return None
    rest = text[len(opening) + 1:]
    people = world.people(state.account).mentions(rest)
    pronouns = book.session_words.get("person_pronoun", frozenset())
    said = {w for w in rest.split()} & pronouns if state.person else set()
    if not people and not said:
        return None
    for mention in people:
        rest = rest.replace(f" {mention.key} ", " ")
    filler = pronouns | book.words["noise"] | book.words.get("lead_in", frozenset()) | \
        book.session_words.get("why_person_filler", frozenset())
    if not all(w.removesuffix("'s") in filler for w in rest.split()):
        return None
    return people[0].name if len({m.name for m in people}) == 1 else state.person
