"""The words of a turn that belong to the conversation, not to the question: a reaction ("lol",
"ok thanks"), the opening of a correction ("sorry, I meant Delta", "actually no, a 2 year
term"), a correction inside the message ("what about Enterprise... no wait, a 3 year term"), a
question about other facts of the same play ("what if it weren't for my quarter?"), and words
that point at the account in focus ("what can I do there?").

The words are the vocabulary groups `reaction`, `correction`, `dismissal`, `hypothetical`,
`there` and `that_account` of prompts/conversation/intents.yaml, and the session's own groups
(`session: words:`: `there_exists`, `their`, `them`, `take_back`, `redraft`); nothing here knows
an account or a product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation.intents import normalise
from assistant.conversation.phrasebook import Phrasebook
from assistant.phrase_patterns import alternation

# Punctuation that ends the opening words of a message ("no, their budget cycle"), or that a
# correction inside a message follows ("Acme... no wait, Kestrel").
_BREAK = r"[,.!?:;\u2026\-\u2013\u2014]"
# A chat log's line opening (Slack, Teams): the time it was sent ("[15:36]", "[3:36 PM]"; a bare "15:36"
# only before a writer), then who wrote it ("Luis Ferreira:"), a few words before a colon.
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_WRITER_NAME = r"(?:[^\s:]+\s+){0,3}?[^\s:]+:"  # who wrote a pasted chat's line ("Me:", "Sam Lee:")
_WRITER = rf"{_WRITER_NAME}\s+"
_STAMPED = re.compile(rf"^\s*(?:[\[(]{_TIME}[\])]\s+(?:{_WRITER})?|{_TIME}\s+{_WRITER})(?=\S)", re.IGNORECASE)
# A pasted chat's line opened by who wrote it ("Me: sorry Sam, I'm on it"): its words after the colon are that
# writer's line, no correction of what the lines before it said
_WRITER_LINE = re.compile(rf"\n\s*{_WRITER_NAME}$")


@dataclass(frozen=True)
class Opening:
    rest: str  # the message without its opening words (as typed)
    correction: bool  # the opening words correct the last question


@dataclass(frozen=True)
class _Words:
    reaction: tuple[tuple[str, ...], ...]  # phrases as word tuples, longest first
    correction: re.Pattern
    opening: re.Pattern
    inside: re.Pattern
    trailing: re.Pattern  # a correction said after what was meant, closing the message ("... ? delta sorry")
    hypothetical: re.Pattern
    dismissal: re.Pattern
    take_back: re.Pattern
    switch_to: re.Pattern
    asks_again: re.Pattern  # switch words that, alone with a name, ask the last question again there
    redraft: re.Pattern
    there: re.Pattern
    that_account: re.Pattern
    their: re.Pattern
    them: re.Pattern
    person_pronoun: re.Pattern
    place: re.Pattern  # a place in a list shown, inside a question ("draft the second one")
    places: dict[str, int]  # its words -> the place


def _alternation(phrases) -> str:
    """The phrases as a message normalised says them, any spaces between their words."""
    return alternation(map(normalise, phrases), any_spaces=True)


def _not_after(phrases) -> str:
    """Look-behinds that fail right after any of the phrases ("is there", "are there"): one per
    phrase, each of a fixed width (as Python requires)."""
    return "".join(rf"(?<!\b{re.escape(p)} )" for p in sorted({normalise(p) for p in phrases if normalise(p)}))


PLACE = "<n>"  # in a `listed_place` form: any one-word ordinal

_COMPILED: dict[int, tuple[Phrasebook, _Words]] = {}


def _words(book: Phrasebook) -> _Words:
    """The groups compiled once per phrasebook (a phrasebook is reloaded when its file changes)."""
    kept = _COMPILED.get(id(book))
    if kept is None or kept[0] is not book:
        kept = _COMPILED[id(book)] = (book, _compile(book))
    return kept[1]


def _compile(book: Phrasebook) -> _Words:
    group = lambda name: book.words.get(name) or book.session_words.get(name, frozenset())  # noqa: E731
    reaction = tuple(sorted({tuple(normalise(p).split()) for p in group("reaction") if normalise(p)},
                            key=len, reverse=True))
    markers = _alternation(group("correction") | group("reaction"))
    places = _places(book, group("listed_place"))
    corrections = _alternation(group("correction"))
    return _Words(
        reaction=reaction,
        correction=re.compile(rf"^{corrections}$", re.IGNORECASE),
        opening=re.compile(rf"^\s*(?P<words>{markers})(?![\w'])\s*(?P<stop>{_BREAK}+)?\s*", re.IGNORECASE),
        inside=re.compile(rf"(?:{_BREAK}|\s)\s*(?P<words>{corrections})(?![\w'])\s*(?P<stop>{_BREAK}+\s*)?", re.IGNORECASE),
        trailing=re.compile(rf"(?<=[.!?:;\u2026])\s*(?P<meant>[^,.!?:;\u2026]+?)\s+{_alternation(group('correction_after'))}"
                            rf"[\s.!?\u2026]*$", re.IGNORECASE),
        hypothetical=re.compile(rf"^{_alternation(group('hypothetical'))}(?![\w'])"),
        dismissal=re.compile(rf"^\s*{_alternation(group('dismissal'))}(?![\w'])(?P<what>[^,.!?:;\u2026]*?)"
                             # (a hyphen inside a word is no stop: "forget the quarter-end part")
                             rf"\s*(?!(?<=\w)-\w){_BREAK}+\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL),
        take_back=re.compile(rf"^{_alternation(group('take_back'))} (?P<what>.+)$"),
        switch_to=re.compile(rf"^\s*(?:{_alternation(group('reaction'))}\W+)*(?P<words>{_alternation(group('switch_to'))})"
                             rf"(?![\w'])(?P<what>[^,.!?:;\u2026]*?)(?:\s*[,.!?:;\u2026\-]+\s*(?P<rest>\S.*)|[\s.!?\u2026]*)$",
                             re.IGNORECASE | re.DOTALL),
        asks_again=re.compile(rf"^{_alternation(group('switch_asks_again'))}$", re.IGNORECASE),
        redraft=re.compile(rf"(?<![\w']){_alternation(group('redraft'))}(?![\w'])"),
        there=re.compile(rf"(?<![\w']){_not_after(group('there_exists'))}{_alternation(group('there'))}(?![\w'])"
                         rf"(?! {_alternation(group('there_exists'))}(?![\w']))"),
        that_account=re.compile(rf"(?<![\w']){_alternation(group('that_account'))}(?![\w'])"),
        their=re.compile(rf"(?<![\w']){_alternation(group('their'))}(?![\w'])"),
        them=re.compile(rf"(?<![\w']){_alternation(group('them'))}(?![\w'])"),
        person_pronoun=re.compile(rf"(?<![\w']){_alternation(group('person_pronoun'))}(?![\w'])"),
        place=_place_pattern(places),
        places=places,
    )


def _place_pattern(places: dict[str, int]) -> re.Pattern:
    if not places:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w#'])" + alternation(places, any_spaces=True) + r"(?![\w'])")


def _places(book: Phrasebook, forms) -> dict[str, int]:
    """The words of each `listed_place` form with `<n>` read as each one-word ordinal ("the <n> one"
    -> "the second one": 2)."""
    words = {w: n for w, n in book.ordinals.items() if " " not in w}
    return {" ".join(form.replace(PLACE, word).casefold().split()): n for form in forms for word, n in words.items()}


def unstamped(question: str) -> str:
    """A message of one line pasted from a chat with the time it was sent and who wrote it ("[15:36] Luis
    Ferreira: and the hospitality one? mine"): the words written, which the time would read as counts and
    the writer as a name. A paste of several lines is kept whole (who wrote which line may tell its facts)."""
    if "\n" in question.strip():
        return question
    found = _STAMPED.match(question)
    return question[found.end():] if found else question


def is_reaction(question: str, book: Phrasebook) -> bool:
    """A message of reactions only ("lol", "ok cool thanks", "👍"): nothing asked."""
    said = normalise(question).split()
    if not said:
        return bool(question.strip())  # only punctuation or emoji
    phrases, at = _words(book).reaction, 0
    while at < len(said):
        step = next((len(p) for p in phrases if tuple(said[at:at + len(p)]) == p), 0)
        if not step:
            return False
        at += step
    return True


def unfinished(question: str, book: Phrasebook) -> bool:
    """A message that stops where it goes on in the next one ("so I was going to ask about", "I was
    wondering whether...": session words `unfinished_end`, or a trailing ellipsis)."""
    said = normalise(question).split()
    ends = book.session_words.get("unfinished_end", frozenset())
    return bool(said) and (said[-1] in ends or question.rstrip().endswith(("...", "\u2026")))


def opening(question: str, book: Phrasebook, negations: frozenset[str]) -> Opening | None:
    """The message without the reactions and correction words it opens with ("ok cool, and
    Gale?", "sorry, I meant Delta"), or None when it opens with none. Words that negate ("no",
    "nope") count only when a comma or stop ends them: "no, their budget" opens with "no", "no
    quarter pressure here" does not."""
    words, rest, correction = _words(book), question, False
    while True:
        found = words.opening.match(rest)
        if not found or not rest[found.end():].strip():
            break
        said = normalise(found.group("words"))
        if set(said.split()) & negations and not found.group("stop"):
            break
        correction = correction or bool(words.correction.match(said))
        rest = rest[found.end():]
    return None if rest == question else Opening(rest, correction)


def corrected(question: str, book: Phrasebook, negations: frozenset[str] = frozenset(),
              fragment_words: int = 0) -> tuple[str, str] | None:
    """A message that corrects itself ("what about Enterprise... no wait, a 3 year term",
    "pitch DQ to Acme, sorry, I meant Delta"): (what it said first, what it meant), split at the
    last correction that follows a stop or comma. None when there is no such correction. Words that
    negate ("no", "nope") correct only when a comma or stop ends them, or a fragment follows them
    (`fragment_words`): ". No one else is involved ..." is no correction, "Acme... nah Kestrel" is one."""
    last = None
    for found in _words(book).inside.finditer(question):
        if set(normalise(found.group("words")).split()) <= negations and not found.group("stop") and \
                len(question[found.end():].split()) > fragment_words:
            continue  # (but "... nah Kestrel" corrects)
        before = question[:found.start() + 1].rstrip()
        if _WRITER_LINE.search(before):
            continue  # (a writer's line of a pasted chat: "...\nMe: sorry Sam")
        if before and re.search(rf"{_BREAK}$", before) and question[found.end():].strip():
            last = (before.rstrip(",.!?:;\u2026-\u2013\u2014 "), question[found.end():].strip())
    if last is None and (after := _words(book).trailing.search(question)) is not None and \
            len(after.group("meant").split()) <= max(fragment_words, 1) and question[:after.start()].strip():
        # ("pitch DQ to acme? delta sorry", "lumen 3 yr term? 2 yr i meant": the words before the correction
        # are what was meant, a fragment after the question it corrects)
        last = (question[:after.start()].rstrip(",.!?:;\u2026-\u2013\u2014 "), after.group("meant").strip())
    return last


def dismissed(question: str, book: Phrasebook) -> tuple[str, str] | None:
    """"Forget Corvid. What's worth pushing at Lumen?", "nvm, qbr instead": (the words dropped,
    the question that follows), or None. The words dropped end at a stop or comma."""
    found = _words(book).dismissal.match(question)
    return (found.group("what").strip(), found.group("rest").strip()) if found else None


def taken_back(question: str, book: Phrasebook) -> str | None:
    """"Forget the bundle", "skip the discount": the words of what a whole message takes back
    (normalised), or None when the message does not open with such words."""
    found = _words(book).take_back.match(normalise(question))
    return found.group("what") if found else None


def switched(question: str, book: Phrasebook) -> tuple[str, str] | None:
    """"Back to Governance: draft it": (what is gone back or over to, the question that follows);
    "ok, back to Orchid then": (what is gone back to, "": no question of its own)."""
    words = _words(book)
    found = words.switch_to.match(question)
    if not found or not found.group("what").strip():
        return None
    if not (found.group("rest") or "").strip() and words.asks_again.match(found.group("words")):
        return None  # "now for Lumen": the last question again there (a follow-up), not a switch
    return found.group("what").strip(), (found.group("rest") or "").strip()


def listed_place(question: str, book: Phrasebook) -> int | None:
    """The one place in a list a question points at ("draft the second one", "who'd sponsor the
    top one?", "#2 - why not?"), or None when it points at none, or at two different places."""
    words = _words(book)
    found = {words.places[" ".join(m.group(0).split())] for m in words.place.finditer(_plain(question))}
    return found.pop() if len(found) == 1 else None


def without_place(question: str, book: Phrasebook) -> str:
    """The message without the words of a place in a list ("okay the first one is that a go" -> "okay is
    that a go"): what it asks of the play at that place."""
    return " ".join(_words(book).place.sub(" ", _plain(question)).split())


def _plain(question: str) -> str:
    """The message in lower case with its spaces folded, "#" kept (normalise drops it)."""
    return " ".join(question.casefold().replace("\u2019", "'").split())


def redraft(question: str, book: Phrasebook) -> bool:
    """"Make it shorter", "too salesy": words that ask for the last draft again, differently."""
    return bool(_words(book).redraft.search(normalise(question)))


def hypothetical(question: str, book: Phrasebook) -> bool:
    """"What if it weren't for my quarter?", "and if they asked for it?": other facts, same play."""
    return bool(_words(book).hypothetical.match(normalise(question)))


def at_focus(question: str, book: Phrasebook, account: str) -> str | None:
    """The message with the words that point at the account in focus replaced by its name
    ("what can I do there?" -> "what can I do at Gale Logistics?"); None when there are none."""
    words = _words(book)
    return _substituted(question, ((words.there, f"at {account.casefold()}"), (words.that_account, account.casefold())))


def by_pronoun(question: str, book: Phrasebook, account: str) -> str | None:
    """The message with the pronouns that stand for the account in focus replaced by its name
    ("take it to their CFO" -> "take it to acme corp's cfo"); None when it has none."""
    words = _words(book)
    return _substituted(question, ((words.their, f"{account.casefold()}'s"), (words.them, account.casefold())))


def by_title(question: str, account: str, titles) -> str | None:
    """The message with an executive's title after "the" read as the account in focus's ("take it to the CFO?"
    -> "take it to acme corp's cfo"; meaning.yaml `executive_titles`); None when it has none."""
    if titles.regex is None:
        return None
    the_title = re.compile(rf"the ({titles.regex.pattern})", titles.regex.flags)
    return _substituted(question, ((the_title, lambda match: f"{account.casefold()}'s {match.group(1)}"),))


def by_person(question: str, book: Phrasebook, person: str) -> str | None:
    """The message with the pronouns for the person last named replaced by their name ("draft it
    for her" -> "draft it for priya natarajan"); None when it has none."""
    return _substituted(question, ((_words(book).person_pronoun, person.casefold()),))


def _substituted(question: str, replacements) -> str | None:
    """The normalised message with each (pattern, replacement) applied in turn; None when none matched."""
    text = normalise(question)
    out = text
    for pattern, replacement in replacements:
        out = pattern.sub(replacement, out)
    return None if out == text else out


def closing_alone(question: str, book: Phrasebook) -> str | None:
    """The intent of a turn that is only a story's closing question ("thoughts?", "hmm ok, right
    move?", "wording?", "anything to sell there?"): the intents' `closing` patterns read it whole,
    the story it closes being what the turns before told. None when no closing pattern reads it."""
    text = book.respelled(normalise(question))
    if not text:
        return None
    for name, patterns in book.closing:
        if any(pattern.regex.fullmatch(text) for pattern in patterns):
            return name
    return None
