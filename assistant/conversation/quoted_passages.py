"""Where a passage quoted in a message closes before the AM's own words go on ("Sam replied: 'we're busy until
February but keen to hear more' how do I answer?"): the quote ends a sentence, as a stop would, so the words
after it are read as the message's question and the quoted words stay the customer's.

A passage opens with a quote mark after a space (or the start, or a colon) and closes with one before a space;
an apostrophe inside a word ("we're", "Acme's") or after one ("Jones' team", with no passage opened) closes
nothing. Only speech is a passage: one opened right after a colon, or holding punctuation of its own; a term
in quotes ("Acme's 'data council' wants DQ") is a word of the sentence.
"""

from __future__ import annotations

import re

_PASSAGE = re.compile(r"(?:(?<=^)|(?<=[\s:]))(['\"\u2018\u201c])(?=\S)(?P<said>.*?)(?<=\S)['\"\u2019\u201d](?=\s+\w)")
_SPEECH_MARK = re.compile(r"[.,;!?]")


def passage_ends(text: str) -> list[str]:
    """The text split after each quoted passage that words follow (the text whole when none does)."""
    pieces, start = [], 0
    for found in _PASSAGE.finditer(text):
        if not (text[:found.start()].rstrip().endswith(":") or _SPEECH_MARK.search(found.group("said"))):
            continue  # (a term in quotes, not speech)
        pieces.append(text[start:found.end()])
        start = found.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]
