"""The deterministic reader: what is being asked (intent), the names typed (slots), the change.

Nothing here knows accounts or products; slots are the raw words the AM typed, and
`resolve.py` decides what they name. Phrases come from the data file (phrasebook.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.conversation.blockers_from_words import Revealed, blank_out, find_revealed
from assistant.conversation.phrasebook import Phrasebook

_KEEP = re.compile(r"[^\w\s'&$€\-\x01\x02]")  # \x01, \x02: marks inside numbers
_DIGIT_MARK = re.compile(r"(?<=\d)[.,](?=\d)")
PLAY_FACT_INTENTS = ("check_play", "followup", "why", "why_not", "who_sponsor", "draft")  # facts apply to them
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}


@dataclass
class Parsed:
    question: str
    text: str  # normalised
    rest: str  # normalised, with the words that revealed play facts taken out
    intent: str | None = None
    slots: dict[str, str] = field(default_factory=dict)
    change: str | None = None
    revealed: list[Revealed] = field(default_factory=list)
    amount: float | None = None
    pattern: str | None = None
    parser: str = "rules"


def normalise(question: str) -> str:
    """Lower case, plain quotes, punctuation dropped (but 1,000 and 3.5 kept), single spaces."""
    text = question.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = _DIGIT_MARK.sub(lambda m: "\x01" if m.group(0) == "." else "\x02", text)
    text = _KEEP.sub(" ", text).replace("\x01", ".").replace("\x02", ",")
    text = re.sub(r"(?<!\w)['\-]+|['\-]+(?!\w)", " ", text)  # quotes and dashes standing alone
    return " ".join(text.split())


def find_change(text: str, book: Phrasebook) -> tuple[str | None, tuple[int, int] | None]:
    """The change phrase in the text (e.g. "more seats" -> more_seats) and where it is: the
    longest one, so a general word gives way to what is said in full ("upgrade Fjord to a 3yr
    term" is a longer term), then the earliest."""
    best: tuple[int, int, str, tuple[int, int]] | None = None
    for change, patterns in book.changes:
        for pattern in patterns:
            match = pattern.regex.search(text)
            if match:
                key = (-(match.end() - match.start()), match.start(), change, match.span())
                if best is None or key[:2] < best[:2]:
                    best = key
    return (best[2], best[3]) if best else (None, None)


def find_amount(text: str, book: Phrasebook) -> tuple[float | None, tuple[int, int] | None]:
    """A money amount typed with a currency or k/m suffix ("200k", "$350,000"), and where it is."""
    match = book.amount.search(text)
    if not match:
        return None, None
    number, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    value = float(number.replace(",", ""))
    return value * _MULTIPLIERS.get((unit or "").casefold(), 1.0), match.span()


def match_intent(text: str, book: Phrasebook, only: frozenset[str] | None = None,
                 skip: frozenset[str] = frozenset()) -> tuple[str | None, dict[str, str], str | None]:
    """The first intent (in data-file order, optionally among `only`, never one of `skip`) with a
    pattern covering the text."""
    for name, patterns in book.intents:
        if (only is not None and name not in only) or name in skip:
            continue
        for pattern in patterns:
            match = pattern.regex.fullmatch(text)
            if match:
                slots = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
                return name, slots, pattern.source
    return None, {}, None


def parse(question: str, book: Phrasebook, skip: frozenset[str] = frozenset()) -> Parsed:
    """What the patterns read (`skip`: intents not to read it as)."""
    text = normalise(question)
    intent, slots, source = match_intent(text, book, only=book.plain, skip=skip)
    if intent is not None:  # e.g. "what does the framework say about quota-driven timing?"
        return Parsed(question=question, text=text, rest=text, intent=intent, slots=slots, pattern=source)
    revealed = find_revealed(text, book)
    amount, amount_span = find_amount(text, book)
    rest = blank_out(text, [r.span for r in revealed] + ([amount_span] if amount_span else []))
    change, _ = find_change(rest, book)
    parsed = Parsed(question=question, text=text, rest=rest, change=change, revealed=revealed, amount=amount)
    if rest:
        parsed.intent, parsed.slots, parsed.pattern = match_intent(rest, book, skip=skip)
    if parsed.intent is None and revealed:
        # The words read as a play fact may be what the question is about ("what do I tell them
        # at their QBR"): the whole question is tried before it is taken for facts alone.
        intent, slots, source = match_intent(text, book, skip=skip)
        if intent is not None and intent not in PLAY_FACT_INTENTS:
            parsed.intent, parsed.slots, parsed.pattern, parsed.revealed = intent, slots, source, []
            return parsed
        # Only facts about the play ("tell them the renewal price only holds if they take it"):
        # they apply to the play in focus.
        parsed.intent = "followup"
    return parsed


def clean_slot(raw: str, book: Phrasebook) -> str:
    """The name part of a slot: cut before stop words, change phrases removed, noise trimmed."""
    text = raw
    for _change, patterns in book.changes:
        for pattern in patterns:
            text = pattern.regex.sub(" ", text)
    stop = book.word_pattern("stop").search(" " + text + " ")
    if stop:
        text = (" " + text)[:stop.start()]
    words = [w[:-2] if w.endswith("'s") else w for w in text.split()]
    noise = book.words["noise"]
    while words and words[0] in noise:
        words.pop(0)
    while words and words[-1] in noise:
        words.pop()
    return " ".join(words)
