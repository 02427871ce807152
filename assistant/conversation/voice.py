"""Whose words: a customer's message pasted or quoted into the AM's ("Oskar wrote: 'we are reviewing
all vendors'", "fwd from Chloe: Our quarter closes on the 31st ..."). In it "we", "our" and "us" are
the customer and "you" is the vendor, the other way round from the AM's own words: its first and
second persons are swapped (meaning.yaml `customer_speech: swap`) before its cue words are read, so
"our quarter closes" there is the customer's quarter and "we're unhappy with you" an unhappy customer.

Customer speech is a quotation ("...", '...', “...”) that a marker word introduces a few words
before it ("wrote", "said", "email from"), or the text after a marker and a colon ("Oskar's email:
...") up to a line break, or up to the last sentence when that one asks (the AM's own question).
A speaker's label before a colon introduces it too: a few words that name the customer's side, a
person on record or one of `speakers` ("Sam on the call: ...", "Chloe's note: ...", "from the
customer: ..."), not said by us ("I told Sam: ..." is our words): its first sentence is theirs.
A quotation with no marker is the AM's own text (a draft to review): not swapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation.cues import Words, group

_QUOTES = re.compile(r"\"([^\"]+)\"|“([^”]+)”|(?<![\w])'([^']+?)'(?![\w])|‘([^’]+)’")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")  # (a quote mark next to a word is not part of it)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_LAST_QUESTION = re.compile(r"(?:^|(?<=[.!?]))\s*[^.!?]*\?\s*$")
# "Lucia Romero:" right before a quotation, opening the message, a line or a sentence (not "my email to Omar:")
_SPEAKER = re.compile(r"(?:^|[.!?>\n]\s*)((?:[\w'\u2019]+ )?[\w'\u2019]+):\s*$")


@dataclass(frozen=True)
class Voice:
    """The character spans of a message that are the customer's own words."""

    spans: tuple[tuple[int, int], ...]

    def without(self, text: str) -> str:
        """The text with the customer's spans left out (each as one space): the AM's own words."""
        out, last = [], 0
        for start, end in sorted(self.spans):
            out += [text[last:start], " "]
            last = end
        out.append(text[last:])
        return "".join(out)

    def swapped(self, text: str, clause: str, swap: dict[str, str]) -> str:
        """The clause with the persons of its words inside the customer's spans swapped. Its words are
        found in the message one after the other (a clause is cut from it whitespace-normalised, and
        neighbouring clauses are read joined without the words between them)."""
        out, last, cursor = [], 0, 0
        for match in _WORD.finditer(clause):
            word = match.group(0).replace("\u2019", "'")
            found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[cursor:], re.IGNORECASE)
            if found is None:
                return clause  # (not this message's words: read as written)
            where = cursor + found.start()
            cursor = where + len(word)
            other = swap.get(word.casefold().replace("\u2019", "'"))
            if other is not None and any(start <= where < end for start, end in self.spans):
                out += [clause[last:match.start()], other]
                last = match.end()
        out.append(clause[last:])
        return "".join(out)


class SpeechReader:
    """meaning.yaml `customer_speech:`, compiled once per file."""

    def __init__(self, spec):
        self.spec = spec
        self.markers: Words = group(spec.markers)
        self.swap = {k.casefold(): v for k, v in spec.swap.items()}
        self.ours = frozenset(w.casefold() for w in spec.ours)
        self.speaker_words: Words = group(spec.speakers)

    def voice(self, message: str, speakers=None) -> Voice | None:
        """The customer's spans of a whitespace-normalised message, or None when it has none.
        `speakers`: a callable giving the names of the customer's people on record (lower case), asked
        only of a quotation right after a name and a colon ('Lucia: "we could use more room"') and of a
        short label before a colon ("Sam on our call: ...")."""
        if self.markers.regex is None:
            return None
        spans = []
        for match in _QUOTES.finditer(message):
            group_at = next(i for i in range(1, 5) if match.group(i) is not None)
            inner = match.group(group_at)
            if len(_WORD.findall(inner)) < self.spec.min_words:
                continue  # ("'dicey'": a word quoted, not a message)
            if self._introduced(message[:match.start()]) or self._spoken_by(message[:match.start()], speakers):
                spans.append((match.start(group_at), match.end(group_at)))
        if not spans:
            spans = self._after_colon(message, speakers)
        return Voice(tuple(spans)) if spans else None

    def _introduced(self, before: str) -> bool:
        """A marker word among the last `within` words before the quotation, not said by us ("I
        wrote", "we'd say": our own words, `ours`)."""
        words = _WORD.findall(before.casefold().replace("\u2019", "'"))[-self.spec.within:]
        found = list(self.markers.regex.finditer(" ".join(words)))
        if not found:
            return False
        at = " ".join(words)[:found[-1].start()].count(" ")
        return not any(w in self.ours for w in words[max(0, at - self.spec.ours_within):at])

    @staticmethod
    def _spoken_by(before: str, speakers) -> bool:
        """A quotation said by one of the customer's people: their name (full, first or last, possessive
        or not) right before a colon that opens it, as a chat or a call transcript writes it."""
        said = _SPEAKER.search(before)
        if said is None or speakers is None:
            return False
        words = _WORD.findall(said.group(1).casefold().replace("\u2019", "'"))
        names = speakers()
        return " ".join(words).removesuffix("'s") in names  # (the whole of it: "email Omar:" is no speaker)

    def _labelled(self, before: str, speakers) -> bool:
        """A speaker's label: the words since the last sentence or line before the colon, at most
        `label_words`, naming the customer's side (a `speakers` word of the data file, or a person on
        record: `speakers()`, their names), not opening with a word of ours ("my note to Sam:", "I told Sam:")."""
        label = re.split(r"[.!?\n]", before)[-1]
        said = [w.removesuffix("'s") for w in _WORD.findall(label.casefold().replace("\u2019", "'"))]
        if not said or len(said) > self.spec.label_words or said[0] in self.ours:
            return False
        if self.speaker_words.regex is not None and self.speaker_words.regex.search(" ".join(said)) is not None:
            return True
        names = speakers() if speakers is not None else frozenset()
        return any(" ".join(said[i:i + n]) in names for n in (1, 2) for i in range(len(said) - n + 1))

    def _after_colon(self, message: str, speakers=None) -> list[tuple[int, int]]:
        """"Oskar's email: our budget was cut. should I pitch Studio?", "Sam on the call: we're not
        happy": the text after the colon, up to a line break, and without its last sentence when that asks;
        after a label, its first sentence only, and never a question alone ("Sam: should I pitch him MA?")."""
        for colon in re.finditer(r":\s", message):
            before = message[:colon.start()]
            marked = self._introduced(before)
            if not (marked or self._labelled(before, speakers)):
                continue
            start = colon.end()
            end = message.find("\n", start)
            end = len(message) if end < 0 else end
            asked = _LAST_QUESTION.search(message[start:end])
            if asked is not None and (asked.start() > 0 or not marked):
                end = start + asked.start()
            if not marked:  # (a label's words are its first sentence: "Dana: loves the demo. my quarter ends ...")
                said = _SENTENCE_END.search(message, start, end)
                end = said.end() if said is not None else end
            if len(_WORD.findall(message[start:end])) >= self.spec.min_words:
                return [(start, end)]
        return []
