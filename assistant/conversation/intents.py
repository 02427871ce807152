"""The deterministic reader: what is being asked (intent), the names typed (slots), the change.

Nothing here knows accounts or products; slots are the raw words the AM typed, and
`resolve.py` decides what they name. Phrases come from the data file (phrasebook.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.conversation.blockers_from_words import Revealed, blank_out, find_revealed
from assistant.conversation.listed_items import items
from assistant.conversation.quoted_passages import passage_ends
from assistant.conversation.phrasebook import Pattern, Phrasebook

_KEEP = re.compile(r"[^\w\s'&$€\-\x01\x02]")  # \x01, \x02: marks inside numbers
_DIGIT_MARK = re.compile(r"(?<=\d)[.,](?=\d)")
PLAY_FACT_INTENTS = ("check_play", "followup", "why", "why_not", "who_sponsor", "draft")  # facts apply to them
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}
# How a reading of what a story asks is marked when the story may also tell a fact of the play (a story's
# question read by `story.asks_told`, a why or why_not closing, a question asked inside a sentence): chat.py
# reads such a message as a check when its clauses have a blocker's cue words (a story that tells a fact
# of the play is a check of it, read for its blockers).
ASKED, INSIDE = "asked", "inside"
# Texts whose normal form is remembered: one turn normalises the same message, its clauses and
# its words dozens of times over (a memory bound, not a reading parameter).
NORMALISED_KEPT = 8192
NOT_READ = object()  # Parsed.first not worked out yet (a reading not made by `parse`)


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
    # The question sentence of a message that asks first, then tells (asked_first), or None: worked out
    # once, by `parse`; a reading made otherwise works it out when asked for (first_asked)
    first: str | None | object = field(default=NOT_READ, compare=False, repr=False)


@lru_cache(maxsize=NORMALISED_KEPT)
def normalise(question: str) -> str:
    """Lower case, plain quotes, punctuation dropped (but 1,000 and 3.5 kept), single spaces."""
    text = question.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(?<![\w+])\+ ?(?=\d)", "plus ", text)  # "+40 seats", "+500 units": more of them
    text = _DIGIT_MARK.sub(lambda m: "\x01" if m.group(0) == "." else "\x02", text)
    text = _KEEP.sub(" ", text).replace("\x01", ".").replace("\x02", ",")
    text = re.sub(r"(?<!\w)['\-]+|['\-]+(?!\w)", " ", text)  # quotes and dashes standing alone
    return " ".join(text.split())


def find_change(text: str, book: Phrasebook) -> tuple[str | None, tuple[int, int] | None]:
    """The change phrase in the text (e.g. "more seats" -> more_seats) and where it is: the
    longest one, so a general word gives way to what is said in full ("upgrade Fjord to a 3yr
    term" is a longer term), then the earliest. Words asked as a fact about what the account has
    name no change there ("what tier is Acme on?": `changes_asked_as_fact`)."""
    best: tuple[int, int, str, tuple[int, int]] | None = None
    facts = [m.span() for p in book.changes_asked_as_fact for m in p.regex.finditer(text)]
    for change, patterns in book.changes:
        for pattern in patterns:
            match = next((m for m in pattern.regex.finditer(text)
                          if not any(start <= m.start() and m.end() <= end for start, end in facts)), None)
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
    pattern covering the text (its chat spellings written out: `spelling` in intents.yaml); when none
    does, the text again with the patterns' words typed with a slip read as them ("whyy nott?", "drfat
    teh email": a typed name is never a slip of a pattern's word then, where a pattern reads it)."""
    spelled = book.respelled(text)
    for typed in dict.fromkeys((spelled, book.respelled(text, slips=True))):
        for name, patterns in book.intents:
            if (only is not None and name not in only) or name in skip:
                continue
            for pattern in patterns:
                match = pattern.regex.fullmatch(typed)
                if match:
                    slots = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
                    return name, slots, pattern.source
    return None, {}, None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"[,;:]\s+|\s+[-\u2013\u2014]\s+")


def sentences(question: str) -> list[str]:
    # (each item of a list typed in the message is a sentence: "1) delta - later 2) kestrel - seats?", and so
    # is a passage quoted before the AM's own words: "Sam replied: 'busy till Feb' how do I answer?")
    return [x for said in _SENTENCE_END.split(question.strip()) for quoted in passage_ends(said)
            for x in items(quoted) if x.strip()]


def question_sentence(question: str) -> str | None:
    """What a message of several sentences asks: its last sentence ending in "?", else its last
    one; of a one-sentence question, its last clause; None otherwise (the whole is the question)."""
    said = sentences(question)
    if len(said) < 2:
        # one sentence that tells before it asks ("nadia saw the results at the last qbr, pitch her
        # more capacity?"): its last clause, when the sentence asks
        pieces = _CLAUSE_END.split(question.strip()) if question.rstrip().endswith("?") else []
        return pieces[-1] if len(pieces) >= 2 else None
    asked = [x for x in said if x.rstrip().endswith("?")]
    return (asked or said)[-1]


def closing_intent(question: str, book: Phrasebook) -> tuple[str | None, str | None]:
    """The intent of a story's closing question ("... Right move?", "..., thoughts?", "... How do
    I word it?"), read by the intents' `closing` patterns, when enough words come before it to tell
    something (`story.min_words`); (None, None) otherwise."""
    said = sentences(question)
    candidates = []
    if len(said) >= 2:
        candidates.append((" ".join(said[:-1]), said[-1]))
    last = said[-1] if said else ""
    pieces = _CLAUSE_END.split(last)
    if len(pieces) >= 2:
        candidates.append((" ".join(said[:-1] + pieces[:-1]), pieces[-1]))
    verdict = None
    for story, closing in candidates:
        if len(normalise(story).split()) < book.story_words:
            continue
        text = book.respelled(normalise(closing))
        if (read := _read_whole(text, book.closing))[0] is not None:
            return read
        if verdict is None:
            verdict = tells_verdict(question, book)
        if verdict and (read := _read_whole(text, book.closing_verdict))[0] is not None:
            return read
    return None, None


def _read_whole(text: str, table: tuple[tuple[str, tuple[Pattern, ...]], ...]) -> tuple[str | None, str | None]:
    """The first intent of `table` with a pattern covering the whole text, and that pattern; (None, None)."""
    for name, patterns in table:
        for pattern in patterns:
            if pattern.regex.fullmatch(text):
                return name, pattern.source
    return None, None


def why_asked(intent: str, question: str, book: Phrasebook) -> str:
    """A why about a verdict the message tells as a hold or a no asks what blocks the play (verdict_asked.py)."""
    from assistant.conversation.verdict_asked import why_asked as asked  # (it reads the words as this module does)

    return asked(intent, question, book)


def tells_verdict(question: str, book: Phrasebook) -> bool:
    """Whether the message tells a verdict, of yes or of hold or no (`verdict_yes`, `verdict_no`)."""
    from assistant.conversation.verdict_asked import verdict_told  # (it reads the words as this module does)

    return verdict_told(question, book) is not None


def asked_of_verdict(intent: str, asked: str, question: str, book: Phrasebook) -> bool:
    """Whether a story's question that reads as `intent` asks about a verdict the story does not tell: a
    closing of a word or two (`closing_verdict`: "why?") after a story that tells none."""
    text = book.respelled(asked)
    return any(p.regex.fullmatch(text) for name, patterns in book.closing_verdict if name == intent for p in patterns) \
        and not tells_verdict(question, book)


def closing_alone(question: str, book: Phrasebook) -> tuple[str | None, str | None]:
    """The intent of a whole message of a few words that is a story's closing question said alone
    ("worth it?", "is now a good time?", "yes or no", "anything else?"): with a play or an account in
    focus it asks that of it (chat.py reads it as unclear when nothing is in focus); (None, None)
    otherwise. A single word ("right", "fair", "agreed") is a reaction more often than a question."""
    text = book.respelled(normalise(question))
    if len(text.split()) < 2:
        return None, None
    return _read_whole(text, book.closing)


def last_clauses(question: str, book: Phrasebook) -> list[str]:
    """The ends of a message that may be its question, longest first: its last sentence (of a story),
    its words after each comma or dash of that sentence, and after each word of `asking_start` (a run-on said without commas:
    "on a call with Lars in 10 min about capacity what do I lead with"). Never the whole message."""
    said = sentences(question)
    last = said[-1] if said else question
    pieces = _CLAUSE_END.split(last)
    ends = [normalise(last)] if len(said) >= 2 else []  # a story's last sentence, whole
    ends += [normalise(" ".join(pieces[i:])) for i in range(1, len(pieces))]
    words = normalise(last).split()
    starts = book.words.get("asking_start", frozenset())
    for i in range(1, len(words) - 1):
        if any(" ".join(words[i:i + n]) in starts for n in (1, 2)):
            ends.append(" ".join(words[i:]))
    whole = normalise(question)
    return sorted({e for e in ends if len(e.split()) >= 2 and e != whole}, key=lambda e: -len(e))


def asked_at_end(question: str, book: Phrasebook, skip: frozenset[str],
                 checked: bool = False) -> tuple[str | None, dict[str, str], str | None]:
    """An intent of `story.ends` (a request for the words) read from one of the message's last
    clauses as a whole ("prepping for Dana tomorrow re DQ, how do I open"), longest first; those of
    `story.ends_alone` too when no check's pattern read the message (`checked`)."""
    only = (book.story_ends | (frozenset() if checked else book.story_ends_alone)) - skip
    if not only:
        return None, {}, None
    for end in last_clauses(question, book):
        intent, slots, source = match_intent(end, book, only=only)
        if intent is not None:
            return intent, slots, source
    return None, {}, None


def closing_fragment(question: str, book: Phrasebook) -> tuple[str | None, str | None]:
    """The intent of a story's closing question sentence of a few words ("... Sam wants a proposal
    by mid-January. MA?"), by the intents' `closing_fragment` patterns: its last sentence, ending
    in "?", after enough words of story (`story.min_words`); (None, None) otherwise."""
    said = sentences(question)
    if len(said) < 2 or not said[-1].rstrip().endswith("?") or \
            len(normalise(" ".join(said[:-1])).split()) < book.story_words:
        return None, None
    return _read_whole(book.respelled(normalise(said[-1])), book.closing_fragment)


def then_asked(parsed: Parsed, asked: str | None, book: Phrasebook, skip: frozenset[str]) -> Parsed:
    """The reading of a sentence after the question sentence, when it asks one of the intents the
    question's own intent gives way to (intents.yaml `then_asks`): "Should I pitch DQ to Acme? Give
    me the words if yes." is a draft of that play (a draft states the verdict, and drafts only a
    pitch). The question's slots are kept: the request names the play by "it" or not at all."""
    later = frozenset(book.then_asks.get(parsed.intent or "", ())) - skip
    said = sentences(parsed.question)
    if not later or not asked or asked not in said:
        return parsed
    for sentence in said[said.index(asked) + 1:]:
        intent, slots, source = match_intent(normalise(sentence), book, only=later)
        if intent is not None:
            return Parsed(question=parsed.question, text=parsed.text, rest=parsed.rest, intent=intent,
                          slots={**slots, **parsed.slots}, change=parsed.change, revealed=parsed.revealed,
                          amount=parsed.amount, pattern=f"then: {source}", first=parsed.first)
    return parsed


def opened(parsed: Parsed, book: Phrasebook, skip: frozenset[str]) -> Parsed:
    """A check (or follow-up) read by a pattern from a question that opens, after lead-in words, with words of
    another intent's `opens` ("who signs for more capacity at Delta?", "which exec at Orchid should
    I pitch Governance to?"): that intent, its names found anywhere (a who-question is not yes or no). A
    sentence's last clause opens it only after a few words ("at Delta, who signs?"): after a longer one
    it is a relative clause ("pitch it to their new General Counsel, who joined last month?"). A question
    put inside a sentence ("can you break down why Juniper got a pitch": `asks_embedded`) is read so also
    when no pattern read the message."""
    unread = parsed.intent is None
    if not unread and (parsed.intent not in ("check_play", "followup") or not parsed.pattern or
                       parsed.pattern.startswith(("closing:", "then:"))):
        return parsed  # ("at Delta, who controls the budget for capacity?" fits a follow-up's "at <target>")
    said = sentences(parsed.question)
    asked_sentences = [x for x in said if x.rstrip().endswith("?")] or said[-1:]
    sentence = asked_sentences[-1] if asked_sentences else parsed.question
    openings = [sentence]
    pieces = _CLAUSE_END.split(sentence.strip())
    if len(pieces) >= 2 and len(normalise(" ".join(pieces[:-1])).split()) <= book.story_words:
        openings.append(pieces[-1])  # "at Delta, who controls the budget?" (not "... Counsel, who joined last month?")
    heads, inside = set(), set()
    for opening in openings if not unread else ():  # (no pattern read it: "lol - who's on call this weekend?")
        words = _past_lead_in(normalise(opening).split(), book, embedded=False)
        heads |= {" ".join(words[:n]) for n in (1, 2, 3)}
        asked = _past_lead_in(words, book, embedded=not parsed.revealed)
        if len(asked) < len(words):  # (words that put the question inside the sentence were said before it)
            inside |= {" ".join(asked[:n]) for n in (1, 2, 3)}
    for words in embedded_questions(normalise(sentence).split(), book) if not parsed.revealed else ():
        inside |= {" ".join(words[:n]) for n in (1, 2, 3)}
    for found, how, asking in ((heads, "opens", book.opens), (inside, INSIDE, book.inside)):
        for intent, words in asking:
            if intent not in skip and found & words:
                # (the check pattern's slots were cut for another question: the names are found anywhere)
                return Parsed(question=parsed.question, text=parsed.text, rest=parsed.rest, intent=intent,
                              slots={}, change=parsed.change, revealed=parsed.revealed,
                              amount=parsed.amount, pattern=f"{how}: {parsed.pattern or 'no pattern'}",
                              first=parsed.first)
    return parsed


def _past_lead_in(words: list[str], book: Phrasebook, embedded: bool = True) -> list[str]:
    """The words after those a question opens with before what it asks: lead-in words ("ok so") and, when
    `embedded`, words that put a question inside a sentence ("need to figure out", "not sure": `session:
    words: asks_embedded`)."""
    lead = book.words.get("lead_in", frozenset())
    embedded = book.session_words.get("asks_embedded", frozenset()) if embedded else frozenset()
    longest = max((len(w.split()) for w in embedded), default=0)
    while words:
        if words[0] in lead:
            words = words[1:]
            continue
        n = next((n for n in range(min(longest, len(words) - 1), 0, -1) if " ".join(words[:n]) in embedded), 0)
        if not n:
            break
        words = words[n:]
    return words


def embedded_questions(words: list[str], book: Phrasebook) -> list[list[str]]:
    """The words after each phrase inside a sentence that puts a question there ("my manager wants to know
    why we're pitching capacity", "can you break down why Juniper got a pitch": `asks_embedded`)."""
    embedded = book.session_words.get("asks_embedded", frozenset())
    longest = max((len(w.split()) for w in embedded), default=0)
    found = []
    for i in range(len(words) - 1):
        n = next((n for n in range(min(longest, len(words) - 1 - i), 0, -1) if " ".join(words[i:i + n]) in embedded), 0)
        if n and len(words) - i - n >= 2:  # (a question word and what it asks: "not sure why" alone is a remark)
            found.append(words[i + n:])
    return found


def parse(question: str, book: Phrasebook, skip: frozenset[str] = frozenset()) -> Parsed:
    """What the patterns read (`skip`: intents not to read it as)."""
    first = asked_first(question, book)
    parsed = _parse(question, book, skip, first)
    parsed.first = first
    asked = question_sentence(question)
    return opened(then_asked(parsed, asked, book, skip), book, skip)


def first_asked(parsed: Parsed, book: Phrasebook) -> str | None:
    """`asked_first` of the message read: worked out once per reading."""
    if parsed.first is NOT_READ:
        parsed.first = asked_first(parsed.question, book)
    return parsed.first


def _parse(question: str, book: Phrasebook, skip: frozenset[str], first: str | None) -> Parsed:
    """What the patterns read; `first`: the message's `asked_first`."""
    if first is not None:
        return _asked_then_told(question, first, book, skip)
    text = normalise(question)
    # A story's question sentence is read first ("Helen saw the results at the business review.
    # Should I bring Governance to her?" asks about the play, not the review); the whole message next.
    asked = question_sentence(question)
    asked_text = normalise(asked) if asked else None
    if asked_text:
        intent, slots, source = match_intent(asked_text, book, only=book.plain, skip=skip)
        if intent is not None:
            return Parsed(question=question, text=text, rest=text, intent=intent, slots=slots, pattern=source)
    # (an intent read from a story's question only is not read from the whole of it)
    whole = frozenset(book.intent_names) - (book.asked_only if len(sentences(question)) >= 2 else frozenset())
    intent, slots, source = match_intent(text, book, only=book.plain & whole, skip=skip)
    if intent is not None:  # e.g. "what does the framework say about quota-driven timing?"
        return Parsed(question=question, text=text, rest=text, intent=intent, slots=slots, pattern=source)
    revealed = find_revealed(text, book)
    amount, amount_span = find_amount(text, book)
    rest = blank_out(text, [r.span for r in revealed] + ([amount_span] if amount_span else []))
    change, _ = find_change(rest, book)
    parsed = Parsed(question=question, text=text, rest=rest, change=change, revealed=revealed, amount=amount)
    closing, source = closing_intent(question, book)
    if closing in ("why", "why_not") and revealed:
        closing = None  # (a story that tells a fact of the play is a check of it, read for its blockers)
    if closing in book.gives_way_to:
        # "qbr w/ orchid tomorrow - talking points?": the words asked for after a story of the QBR are
        # its talk track (not one naming a change: "Dana wants more seats. talking points?" is that play's);
        # "Dana's the sponsor for Acme capacity, right?" asks who sponsors it
        given, slots, given_source = match_intent(text, book, only=book.gives_way_to[closing], skip=skip)
        if given is not None and not (change and given not in PLAY_FACT_INTENTS):
            parsed.intent, parsed.slots, parsed.pattern, parsed.revealed = given, slots, given_source, []
            return parsed
    if closing is not None and closing not in skip:  # "I told Dana the renewal terms depend on the DQ deal. Right move?"
        parsed.intent, parsed.pattern = why_asked(closing, question, book), f"closing: {source}"
        if closing in ("why", "why_not"):
            parsed.pattern = f"closing: {ASKED}: {source}"
        return parsed
    if asked_text:
        asked_rest = blank_out(asked_text, [r.span for r in find_revealed(asked_text, book)])
        if asked_rest:
            # (the intents in their order; only those a story may ask are taken from its question:
            # "they're upset, what makes DQ a good play?" is still a check, read for its facts)
            intent, slots, source = match_intent(asked_rest, book, only=whole, skip=skip)
            if intent in book.story_asks:
                parsed.intent, parsed.slots, parsed.pattern = intent, slots, source
                return parsed
            if intent in book.story_asks_told and not revealed and told_before(question, book) and \
                    not asked_of_verdict(intent, asked_rest, question, book):
                parsed.intent, parsed.slots, parsed.pattern = intent, slots, f"{ASKED}: {source}"
                return parsed
    if rest:
        parsed.intent, parsed.slots, parsed.pattern = match_intent(rest, book, only=whole, skip=skip)
    if parsed.intent in (None, "check_play", "followup"):
        # read as no question but a check (a general pattern takes any words for names): a last
        # clause asking for the words asks for them ("... re DQ, how do I open"); its names anywhere
        intent, _slots, source = asked_at_end(question, book, skip, checked=parsed.intent == "check_play")
        if intent is not None:
            parsed.intent, parsed.slots, parsed.pattern = intent, {}, f"ends: {source}"
    if revealed and parsed.intent in book.gives_way_to:
        intent, slots, source = match_intent(text, book, only=book.gives_way_to[parsed.intent], skip=skip)
        if intent is not None:  # "what do I tell Fjord at their QBR": the QBR's talk track
            parsed.intent, parsed.slots, parsed.pattern, parsed.revealed = intent, slots, source, []
            return parsed
    if parsed.intent is None:
        fragment, source = closing_fragment(question, book)
        if fragment is None:
            fragment, source = closing_alone(question, book)  # "worth it?" of the play in focus
        if fragment is not None and fragment not in skip:
            parsed.intent, parsed.pattern = fragment, f"closing: {source}"
            return parsed
    if parsed.intent is None and revealed:
        # The words read as a play fact may be what the question is about ("what do I tell them
        # at their QBR"): the whole question is tried before it is taken for facts alone.
        intent, slots, source = match_intent(text, book, only=whole, skip=skip)
        if intent is not None and intent not in PLAY_FACT_INTENTS:
            parsed.intent, parsed.slots, parsed.pattern, parsed.revealed = intent, slots, source, []
            return parsed
        # Only facts about the play ("tell them the renewal price only holds if they take it"):
        # they apply to the play in focus.
        parsed.intent = "followup"
    return parsed


def asked_first(question: str, book: Phrasebook) -> str | None:
    """The question sentence of a message that asks first and tells after ("Delta - anything I can sell?
    heads up, Sam is livid about the outage"); None otherwise, and when a later sentence asks too, by a
    pattern of its own other than a check's general ones ("... Actually no, just tell me who signs",
    "ugh no?? why not", "... Give me the words if yes.": `then_asks`)."""
    said = sentences(question)
    asked = question_sentence(question)
    if len(said) < 2 or asked is None or asked not in said or said.index(asked) == len(said) - 1:
        return None
    later = said[said.index(asked) + 1:]
    if any(parse(x, book).intent not in (None, "check_play", "followup") for x in later):
        return None
    return asked


def _asked_then_told(question: str, asked: str, book: Phrasebook, skip: frozenset[str]) -> Parsed:
    """What a message that asks first asks is its question sentence, read as if alone: the sentences told
    after it are facts, never the names of a general pattern's slots (the whole message read by "...
    {pitch} <target>" took "their ops team is fuming" for an account). Nothing read in it is left to the
    reading by meaning, which reads that sentence first (reading.py `intent_texts`); the facts are read
    from the whole message, as for any story."""
    alone = _parse(asked, book, skip, asked_first(asked, book))
    text = normalise(question)
    revealed = find_revealed(text, book)
    if alone.intent is None or alone.intent == "followup" and not alone.slots:
        amount, amount_span = find_amount(text, book)
        rest = blank_out(text, [r.span for r in revealed] + ([amount_span] if amount_span else []))
        return Parsed(question=question, text=text, rest=rest, change=find_change(rest, book)[0],
                      revealed=revealed, amount=amount)
    return Parsed(question=question, text=text, rest=text if alone.rest == alone.text else
                  blank_out(text, [r.span for r in revealed]), intent=alone.intent, slots=alone.slots,
                  change=alone.change or find_change(text, book)[0], revealed=revealed if alone.intent
                  not in book.plain else [], amount=alone.amount, pattern=alone.pattern)


def names_only(question: str, book: Phrasebook) -> Parsed:
    """A text read for the names and the change it mentions, never for an intent's slots or play
    facts: a review's head ("quick review of my note to Nadia on Ironwood's volume increase",
    "before I hit send, Fjord Enterprise tier") names the play its text is about, but a question's
    patterns would take its words for slots ("review of my note" as a product)."""
    text = normalise(question)
    change, _ = find_change(text, book)
    return Parsed(question=question, text=text, rest=text, intent="draft", change=change, pattern="names only")


def loose(parsed: Parsed, book: Phrasebook) -> bool:
    """Whether a reading is a general pattern's guess: what the message asks (a story's question
    sentence) opens, after lead-in words, with a word of another question ("who at Acme signs for
    DQ", "what's my best bet at Kestrel"), not with one of a check ("should I", "can we", "is it")."""
    return asked_opening(parsed, book) is not None


def asked_opening(parsed: Parsed, book: Phrasebook) -> str | None:
    """The words of another question (`open_question`) that what the message asks opens with, after
    lead-in words: its question sentence, else the whole message; and the last clause of one sentence
    that tells before it asks without a question mark ("Governance at Orchid got a green light, what
    was the reasoning"), unless a relative word joins that clause to what it follows ("... Juniper's
    new CTO, who hasn't seen the results": `session: words: relative`)."""
    asked = question_sentence(parsed.question)
    tried = [normalise(asked).split() if asked else parsed.text.split()]
    if asked is None and story_of(parsed.question, book) is not None:
        clause = normalise(_CLAUSE_END.split(parsed.question.strip())[-1]).split()
        if clause and clause[0] not in book.session_words.get("relative", frozenset()):
            tried.append(clause)
    lead = book.words.get("lead_in", frozenset())
    opening = book.words.get("open_question", frozenset())
    for said in tried:
        while said and said[0] in lead:
            said.pop(0)
        for n in (3, 2, 1):
            if " ".join(said[:n]) in opening:
                return " ".join(said[:n])
    return None


def asked_of_a_story(parsed: Parsed) -> bool:
    """Whether the reading is what a story asks, which a fact of the play told in it may make a check
    (`ASKED`, `INSIDE`)."""
    pattern = parsed.pattern or ""
    return pattern.startswith((f"{ASKED}:", f"{INSIDE}:", f"closing: {ASKED}:"))


def told_before(question: str, book: Phrasebook) -> bool:
    """Whether a story is told before what the message asks: a sentence before its question sentence, or
    more than `story.min_words` words before the last clause of one sentence ("Acme - Data Quality - go
    or no go?" tells nothing before its question)."""
    said = sentences(question)
    asked = question_sentence(question)
    if len(said) >= 2:
        return asked is not None and asked in said and said.index(asked) > 0
    return story_of(question, book) is not None


def story_of(question: str, book: Phrasebook) -> str | None:
    """The words a one-sentence message tells before its last clause, when they are enough to tell
    something (`story.min_words`: "at Delta, who signs?" tells nothing); None otherwise."""
    pieces = _CLAUSE_END.split(question.strip())
    if len(sentences(question)) != 1 or len(pieces) < 2:
        return None
    story = " ".join(pieces[:-1])
    return story if len(normalise(story).split()) > book.story_words else None


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
