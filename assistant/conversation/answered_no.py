"""A question the AM answers no right after it states nothing ("Competitor in the picture? no.",
"escalations? none", "tied to renewal? nope").

Notes, CRM fields and checklists write a fact denied as a question and its answer. The question's words
alone name a blocker ("competitor", "tied to renewal"), and the answer after its question mark says it
is not so: the clauses of such a question are read for no blocker. The answers are meaning.yaml's
`answered_no`; an answer must stand alone up to the next stop ("escalations? no idea" is no answer).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from assistant.conversation.intents import normalise
from assistant.conversation.meaning import ClauseCutter, clauses
from assistant.phrase_patterns import alternation


@lru_cache(maxsize=8)
def _answered(answers: tuple[str, ...]) -> re.Pattern | None:
    if not answers:
        return None
    said = alternation(answers, any_spaces=True)
    # (a question up to its mark, then the answer alone before the next stop or the end)
    return re.compile(rf"([^.?!;,|\n]*)\?+\s*{said}\s*(?=[.,;!?\n]|$)", re.IGNORECASE)


def denied(message: str, answers: Sequence[str], cutter: ClauseCutter) -> frozenset[str]:
    """The clauses (normalised) of every question in the message answered no right after it."""
    pattern = _answered(tuple(answers))
    if pattern is None or "?" not in message:
        return frozenset()
    text = message.replace("\u2019", "'")
    return frozenset(normalise(c) for m in pattern.finditer(text) for c in clauses(m.group(1), cutter))
