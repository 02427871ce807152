"""A choice of whom to take the play to, thought aloud and settled in the same message ("Kestrel seats,
through Lucia? or Ben... no, Lucia, she owns the budget. ok?"): the message closes by asking whether the
play is right (a closing check: "ok?", "go?", "thoughts?"), and the words after the choice settle on one
of its people: the only one they name, or the one a correction names ("no, Lucia"). That is a check of
the play through them, not a question of whom to take it to; facts told of each ("Tom knows the tool.
Priya has budget. thoughts?") settle nothing.
"""

from __future__ import annotations

from assistant.conversation.intents import parse, sentences
from assistant.conversation.known_names import KnownNames
from assistant.conversation.turns import closing_alone, opening


def settled_person(question: str, account: str | None, book, world: KnownNames) -> str | None:
    """The person the words after the first question settle on, when the message closes with a check of
    the play; None otherwise."""
    said = sentences(question)
    if not account or len(said) < 3 or not _closes_with_a_check(said[-1], book):
        return None
    first = next((i for i, s in enumerate(said) if s.rstrip().endswith("?")), None)
    if first is None or first >= len(said) - 2:
        return None
    people = world.people(account)
    named = lambda text: {m.name for m in people.mentions(text.casefold())}  # noqa: E731
    choice = named(" ".join(said[:first + 1]))
    between = said[first + 1:-1]
    later = named(" ".join(between))
    everyone = choice | later
    if len(later) > 1:  # ("or Ben... no, Lucia": the one the correction names)
        last = next((s for s in reversed(between) if named(s)), "")
        corrected = opening(last, book, frozenset())
        later = named(last) if corrected is not None and corrected.correction else set()
    if len(later) != 1 or len(everyone) < 2:
        return None
    return next(iter(later))


def _closes_with_a_check(last: str, book) -> bool:
    """"ok?", "thoughts?", "go?": a closing question asking whether the play is right, naming nothing."""
    if closing_alone(last, book) == "check_play":
        return True
    read = parse(last, book)
    return read.intent == "check_play" and not read.slots
