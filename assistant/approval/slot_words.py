"""The whole words slot mode's grammar lets a model write (rules/drafts `slots: words:`).

Every word of wordfreq's list in the language at or above the list's `min_zipf` that the gate's
own readability check takes as English (not a misspelling such as "alot" nor a word of another
language such as "pero", nor a contraction missing its apostrophe such as "dont"), of at most
`max_word_chars` letters. Written to a file once (scripts/write_slot_words.py), since checking
some 15,000 words takes seconds; a test checks the file is what this function writes.
"""

from __future__ import annotations

import re

from assistant.approval.loader import DraftChecks
from assistant.approval.readability import Readable, zipf

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def slot_words(checks: DraftChecks) -> list[str]:
    """The words, most common first."""
    limits = checks.drafting.slots
    if limits.words is None:
        raise ValueError("rules/drafts has no `drafting: slots: words:` section")
    readable = next((c.validator for c in checks.checks if isinstance(c.validator, Readable)), None)
    if readable is None:
        raise ValueError("rules/drafts has no `readable` check to tell English words")
    import wordfreq  # noqa: PLC0415 (only this function and the readability check need it)

    readable.prepare()
    language, floor = limits.words.language, limits.words.min_zipf
    words = []
    for word in wordfreq.iter_wordlist(language):
        if zipf(word, language) < floor:
            break
        if _WORD.fullmatch(word) and len(word) <= limits.max_word_chars and readable.is_english(word, set()):
            words.append(word)
    return words
