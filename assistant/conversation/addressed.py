"""The coach addressed by its name ("@coach and gov?", "coach, is this ok to send to Lucia?", "nice one
@coach"): Slack and chat users name the bot they talk to, and that name is no word of what they ask (not
a call for help, not a name to resolve). Its names are data (intents.yaml session words `coach_names`):
said with an @ anywhere, or alone before a comma or colon opening the message, or after a comma ending it.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4)
def _pattern(names: frozenset[str]) -> re.Pattern | None:
    if not names:
        return None
    said = "|".join(re.escape(n).replace(r"\ ", r"[\s_-]?") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])@(?:{said})(?![\w-])[,:]?|^\s*(?:hey |hi |ok |okay )?(?:{said})\s*[,:]|,\s*(?:{said})\s*(?=[.!?]*\s*$)",
                      re.IGNORECASE)


def unaddressed(message: str, names: frozenset[str]) -> str:
    """The message without the coach's name where it only addresses the coach (the whole message when
    nothing else is left)."""
    pattern = _pattern(names)
    if pattern is None or pattern.search(message) is None:
        return message
    rest = re.sub(r"[ \t]{2,}", " ", pattern.sub(" ", message)).strip()  # (its lines kept: a pasted draft's)
    return rest if rest.strip(" ,:.!?-") else message
