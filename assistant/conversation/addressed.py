"""The coach addressed by its name ("@coach and gov?", "coach, is this ok to send to Lucia?", "nice one
@coach"): Slack and chat users name the bot they talk to, and that name is no word of what they ask (not
a call for help, not a name to resolve). Its names are data (intents.yaml session words `coach_names`, and
`coach_greetings` that may come before one): said with an @ anywhere, or alone (or after a greeting) before a
comma or colon opening the message, or after a comma ending it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.phrase_patterns import alternation


@lru_cache(maxsize=4)
def _pattern(names: frozenset[str], greetings: frozenset[str]) -> re.Pattern | None:
    if not names:
        return None
    # (a handle's words may be joined or split by "_" or "-": "@expansion_coach"; so not `alternation`'s escaping)
    said = "|".join(re.escape(n).replace(r"\ ", r"[\s_-]?") for n in sorted(names, key=len, reverse=True))
    greeted = rf"(?:{alternation(greetings, any_spaces=True)}\s+)?" if greetings else ""
    return re.compile(rf"(?<![\w@])@(?:{said})(?![\w-])[,:]?|^\s*{greeted}(?:{said})\s*[,:]|,\s*(?:{said})\s*(?=[.!?]*\s*$)",
                      re.IGNORECASE)


def unaddressed(message: str, names: frozenset[str], greetings: frozenset[str] = frozenset()) -> str:
    """The message without the coach's name where it only addresses the coach (the whole message when
    nothing else is left)."""
    pattern = _pattern(names, greetings)
    if pattern is None or pattern.search(message) is None:
        return message
    rest = re.sub(r"[ \t]{2,}", " ", pattern.sub(" ", message)).strip()  # (its lines kept: a pasted draft's)
    return rest if rest.strip(" ,:.!?-") else message
