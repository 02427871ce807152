"""Whether the session's focus fills what a message leaves out, or the message is about something
else: another account named alone ("and Delta?"), the same question again there ("Delta's the same,
isn't it?"), a story about the account in focus ("their team fights duplicates"), a question about
"there" ("what should I pitch?").

Split out of chat.py (`Conversation` keeps the flow and asks these): each rule answers which play
or account a message that names little is about, and they read the same session words.
"""

from __future__ import annotations

from assistant.conversation.follow_ups import ACCOUNT_INTENTS, VERDICT_INTENTS
from assistant.conversation.intents import normalise, parse
from assistant.conversation.meaning import clause_split
from assistant.conversation.phrasebook import said_any
from assistant.conversation.known_names import KnownNames
from assistant.conversation.memory import SessionState
from assistant.conversation.turns import by_pronoun, hypothetical
from assistant.conversation.understand import Request


class FocusFills:
    """The focus rules, read with the phrasebook's session words and the reader; `cued(question)` says
    whether a clause of a message has a blocker's cue words (a fact stated: never set aside)."""

    def __init__(self, book, reader, cued):
        self.book, self.reader, self.cued = book, reader, cued

    def names_an_account_and_more(self, parsed, request: Request, state: SessionState, world: KnownNames) -> bool:
        """A fragment no pattern read that names only an account, with a play in focus, and has
        words beside the name that are not filler ("mariner plays?"; not "and Kestrel?"); or a follow-up
        whose target is such words ("and Lumen, anything?", "what about harbor - options?")."""
        if request.intent != "followup" or not state.play or not request.named("account") or \
                request.named("product") or request.change or request.play_facts or request.applied or request.unsure:
            return False
        if parsed.intent is None:
            said = parsed.rest
        elif parsed.intent == "followup" and parsed.slots.get("target") and not hypothetical(parsed.question, self.book):
            said = parsed.slots["target"]  # (the follow-up's own words, "and", "what about", are no question)
            for _, typed in world.accounts.find(said, skip=world.common):
                said = f" {said} ".replace(f" {typed} ", " ")  # (the account as typed, misspelt too: "Borealsi")
        else:
            return False
        words = {w.removesuffix("'s") for w in said.split()}
        if words & self.book.session_words.get("again", frozenset()):
            return False  # "ok Kestrel, same question": the last question, there
        filler = world.name_words | self.book.words["noise"] | self.book.words["stop"] | \
            self.book.words.get("lead_in", frozenset())
        return bool(words - filler)

    def same_again(self, parsed, request: Request, state: SessionState, question: str) -> bool:
        """Whether a message no pattern read names only another account and says the same again
        ("cool, Delta's the same, isn't it?", "Fjord would be the same deal I guess"): the last
        question there, not a story to read by meaning (unless it tells a blocker's cue words)."""
        if not state.play or not request.named("account") or request.named("product") or request.change or \
                request.play_facts or request.account == state.account:
            return False
        words = {w.removesuffix("'s") for w in parsed.rest.split()}
        return bool(words & self.book.session_words.get("same", frozenset())) and not self.cued(question)

    def elsewhere(self, request: Request, state: SessionState, parsed) -> bool:
        """Whether the question names another account than the one in focus and no product or
        change, nor words that ask for the same again there ("same play?", "too"): what it leaves
        out would be filled from a play at another account."""
        if not (state.play and request.named("account") and request.account != state.account) or \
                request.named("product") or request.change or request.chose:
            return False
        return not {w.removesuffix("'s") for w in parsed.text.split()} & self.book.session_words.get("again", frozenset())

    def nameless_question(self, parsed, request: Request, state: SessionState) -> bool:
        """Whether a question about a play that a pattern read names nothing of its own (no account,
        product, person, change or fact), in more words than a fragment, with the account in focus
        named again or not at all: the focus filled all of it, so it is read as alone too (whose
        question back may be read again by meaning as another intent)."""
        if not state.play or request.parser != "rules" or request.intent not in VERDICT_INTENTS or \
                request.named("product") or request.named("person") or request.change or request.play_facts or \
                request.applied or request.unsure or (request.named("account") and request.account != state.account):
            return False
        fragment = self.reader.spec.thresholds.fragment_words
        if len(parsed.rest.split()) <= fragment:
            return False
        pieces = [p for p in (" ".join(part.split()) for part in clause_split(parsed.question, self.reader.clause_re)) if p]
        # ("why not? the CIO runs the budget": the question is its opening fragment, read whole as the same
        # intent; what follows is the AM's reason, not more words of a question to read alone)
        return not (len(pieces) > 1 and len(pieces[0].split()) <= fragment and
                    parse(pieces[0], self.book).intent == request.intent)

    def points_at_play(self, question: str) -> bool:
        """Whether the message points at the play in focus with a word that stands for it ("whose desk does
        this land on", "who do I talk to about it": session words `the_play`): about that play, whatever
        the likeness of its other words to questions outside the domain."""
        return said_any(normalise(question), self.book.session_words.get("the_play", frozenset()))

    def says_they(self, parsed) -> bool:
        """Whether the message speaks of the account in focus by its pronoun ("but they need the room! why not?":
        session words `they`): about that account, whatever the likeness of its words to the office's "room"."""
        return bool(set(parsed.text.split()) & self.book.session_words.get("they", frozenset()))

    def about_focus(self, question: str, parsed, state: SessionState, world: KnownNames) -> bool:
        """A story about the account in focus that no reader read: more words than a fragment that
        name it by a pronoun ("their team", "they") or name one of its people ("Sam says ...").
        (A remark, "there is so much going on", names neither: it is no check.)"""
        if len(parsed.text.split()) <= self.reader.spec.thresholds.fragment_words:
            return False
        if world.people(state.account).mentions(parsed.text):
            return True
        return by_pronoun(question, self.book, state.account) is not None or \
            bool(set(parsed.text.split()) & self.book.session_words.get("they", frozenset()))

    def at_focus_said(self, question: str, state: SessionState):
        """A question no reader read that a pattern reads as a question about the account in focus once
        that account is said after it ("what should I pitch?", "anything else I could offer?" with Orchid
        in focus): the account's plays (or its QBR), the account left unsaid as "there" would say it.
        None when the words with the account said are no such question."""
        said = question.strip().rstrip("?!.\u2026 ")
        if not said:
            return None
        meant = self.reader.drop_negated(parse(f"{said} at {state.account}", self.book))
        return meant if meant.intent in ACCOUNT_INTENTS and not meant.revealed else None
