"""A label opening a message before a colon that names the occasion the question comes up in ("forecast
call: Evergreen new-product deal, commit or upside?", "pipeline review: Delta at 90% of their units, room
for more?"): meaning.yaml `occasion_labels`. It tells no fact of the play ("forecast" there is no quota
of ours said) and asks nothing: the blockers and the intent by meaning are read in the words after it.
"""

from __future__ import annotations

import re

_OPENING = re.compile(r"\s*([^:.!?\n]+):(?=\s)")  # the words before the message's first colon (not "10:30")
_WORD = re.compile(r"[\w'&-]+")


def label_end(message: str, spec) -> int:
    """Where the message's occasion label ends (past its colon), 0 when it opens with none: at most
    `spec.words` words before a colon, the last of them one of `spec.heads` ("deal review", "forecast call")."""
    if spec is None:
        return 0
    found = _OPENING.match(message)
    if found is None:
        return 0
    said = " ".join(_WORD.findall(found.group(1).casefold().replace("\u2019", "'")))
    if not said or said.count(" ") + 1 > spec.words:
        return 0
    return found.end() if any(said == head or said.endswith(f" {head}") for head in spec.heads) else 0


def without_label(message: str, spec) -> str:
    """The message after its occasion label (the whole message when it opens with none)."""
    return message[label_end(message, spec):].strip() or message
