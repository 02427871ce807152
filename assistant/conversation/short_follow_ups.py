"""What a short follow-up says beside the play in focus that is no name: only a count ("ok and 100
more?"), only a when ("and in January?"), a change described by a word ("what about the tier
instead?"), a person to draft for again ("now one for Dana"), or filler a pattern took for a slot.

Split out of chat.py (`Conversation` keeps the flow and asks these): the words of these follow-ups
would otherwise be read as names to ask about, and the play in focus is what they are about.
"""

from __future__ import annotations

import re

from assistant.conversation.intents import clean_slot, normalise
from assistant.conversation.known_names import KnownNames
from assistant.conversation.memory import SessionState
from assistant.conversation.understand import Request
from assistant.domain import UPSELL_CHANGES

_FIGURE = re.compile(r"\d+(?:[.,]\d+)?(?:x|k)?|x\d+")  # a count typed in figures: "100", "2x", "1.5k"
# Changes a follow-up may name by a word that describes them ("the tier", "the term"): of the product
# in focus (a new product names no product)
CHANGES_DESCRIBED = UPSELL_CHANGES


class ShortFollowUps:
    """The short follow-up rules, read with the phrasebook's words (intents.yaml)."""

    def __init__(self, book):
        self.book = book

    def only_a_count(self, parsed, change: str | None = None) -> bool:
        """Whether what a follow-up says (its target, else its words) is only a count beside filler: figures
        ("100", "2x") or the session's `count_words` ("thirty", "fifty percent"), with words that
        describe the `change` in focus ("make that 5 years" of a term) and then the count it replaces
        ("four years, not two": session words `count_replaced`)."""
        book = self.book
        counts = book.session_words.get("count_words", frozenset())
        filler = book.words["noise"] | book.words["stop"] | book.words.get("lead_in", frozenset()) | book.words["agree"]
        words = (parsed.slots.get("target") or parsed.rest or "").split()
        described = book.session_words.get(f"describes_{change}", frozenset()) if change else frozenset()
        if described & set(words):  # (only beside the change's words: "#2 - why not?" replaces no count)
            filler = filler | described | book.session_words.get("count_replaced", frozenset())
        said = [w for w in words if w not in filler]
        return bool(said) and all(_FIGURE.fullmatch(w) or w in counts for w in said)

    def only_when(self, parsed) -> bool:
        """Whether the names a reading took are only words of the calendar beside filler ("and in January?",
        "what about January?"; session words `calendar`): a when of the play in focus, not a name. A message
        no pattern read is taken whole ("Q1?", "in jan then?", "after new year?")."""
        book = self.book
        when = book.session_words.get("calendar", frozenset())
        filler = book.words["noise"] | book.words["stop"] | book.words.get("lead_in", frozenset()) | \
            book.session_words.get("beside_calendar", frozenset())
        found = False
        said = parsed.slots.items() if parsed.intent is not None else [("whole", parsed.rest)]
        for slot, text in said:
            if slot == "topic":
                continue
            rest = f" {normalise(text)} "
            for phrase in sorted(when, key=len, reverse=True):  # ("the new year": a phrase of the calendar)
                if f" {phrase} " in rest:
                    found, rest = True, rest.replace(f" {phrase} ", " ")
            if any(w not in filler for w in rest.split()):
                return False
        return found

    def change_described(self, parsed, request: Request, state: SessionState) -> str | None:
        """The other change of the product in focus a short follow-up names by a word that describes
        it ("what about the tier instead?", "the term then?"; intents.yaml `describes_<change>`),
        where alone the word names no change: None when it names another thing, or several."""
        if not state.play or request.intent not in ("followup", "unclear") or request.change or \
                request.named("product") or request.named("account") or request.named("person") or request.play_facts:
            return None
        text = f" {parsed.slots.get('target') or parsed.rest} "
        said = [c for c in CHANGES_DESCRIBED
                if any(f" {w} " in text for w in self.book.session_words.get(f"describes_{c}", ()))]
        if len(said) != 1 or said[0] == state.change:
            return None
        for words in self.book.session_words.get(f"describes_{said[0]}", ()):
            text = text.replace(f" {words} ", " ")
        filler = self.book.words["noise"] | self.book.words["stop"] | self.book.words.get("pick", frozenset()) | \
            self.book.session_words.get("again", frozenset()) | self.book.words.get("reaction", frozenset())
        return said[0] if all(w in filler for w in text.split()) else None

    def another_for(self, parsed, request: Request, state: SessionState, world: KnownNames) -> bool:
        """Whether a check the patterns guessed from filler ("now one for Dana": "one" for a product)
        only names a person at the account in focus, right after a draft: words of names and filler
        alone (intents.yaml `noise`, `stop`, the session's `again`), no verb of a question."""
        if state.last_intent != "draft" or not state.play or request.intent != "check_play" or \
                not request.named("person") or not self.filler_slot(parsed) or \
                request.named("product") or request.named("account") or request.change or request.play_facts:
            return False
        text = f" {parsed.text} "
        for mention in world.people(state.account).mentions(parsed.text):
            text = text.replace(f" {mention.key} ", " ")
        filler = world.name_words | self.book.words["noise"] | self.book.words["stop"] | \
            self.book.session_words.get("again", frozenset())
        return all(w.removesuffix("'s") in filler for w in text.split())

    def filler_slot(self, parsed) -> bool:
        """Whether a check's reading has a slot of filler words only ("hmm, and at Harbor?" read as
        "<product> at <account>" with "and" for the product): a guess the opening words made."""
        return parsed.intent == "check_play" and \
            any(not clean_slot(text, self.book) for slot, text in parsed.slots.items() if slot != "topic")
