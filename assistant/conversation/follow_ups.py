"""Follow-ups: fill what the question left out from the session ("why not?", "and more seats?",
"what about Borealis?"), and take a reply to an ask-back as the missing name.

A follow-up that names only another account asks the last question again there ("draft it" ...
"and for Lumen?" drafts for Lumen); one that names another play asks for its verdict. A
correction ("sorry, I meant Delta", "no, the other one") asks the last question again, whatever
it names. "The other one" with no choice made goes back to the play in focus before this one.
"""

from __future__ import annotations

from assistant.conversation import cross_sell, implied_product, units
from assistant.conversation.intents import Parsed, clean_slot, find_change, normalise, parse
from assistant.conversation.meaning import clause_split, clauses
from assistant.conversation.answer import AskBack
from assistant.conversation.memory import SessionState
from assistant.wording import Replies
from assistant.conversation.resolve import Names
from assistant.conversation.understand import NAMELESS, Request, ask_for, understand
from assistant.conversation.known_names import KnownNames
from assistant.domain import UPSELL_CHANGES
from assistant.policy.plays import applicable_changes

VERDICT_INTENTS = ("check_play", "why", "why_not", "who_sponsor", "draft")
# Follow-ups on the play in focus (not a check of it): a fact stated earlier at the account holds on
# them and is shown again as said earlier (facts_carried.py; README "What carries across a session").
PLAY_FOLLOW_UPS = ("why", "why_not", "who_sponsor", "draft")
EXPLAINS = ("why", "why_not")  # follow-ups that explain the verdict (a fact taken back gives another)
# Follow-ups whose answer hangs on the verdict: once a fact of the play is taken back the verdict is another,
# so the play is checked again rather than the question asked again ("actually they're not unhappy any more"
# after "who'd sign for it?": the new verdict first; after "draft it" the draft again, without the fact).
ON_THE_VERDICT = (*EXPLAINS, "who_sponsor")
ACCOUNT_INTENTS = ("list_plays", "qbr")
# Questions about the play in focus a reply to a question back may ask beside its answer ("ours
# honestly. who should sponsor it then?"): asked once the answer is taken.
ASKED_BESIDE = ("who_sponsor", "draft", "why", "why_not")
# Questions asked while a question back is open that are asides, not its answer, unless the message
# opens with the answer ("ours, but what does the framework say about it?").
ASIDE_QUESTIONS = ("framework", "help")
# Questions a follow-up naming only another account asks again ("and for Lumen?" after "draft it").
# (After "why?" it asks for the verdict there: the reasons of a verdict not yet given are not asked.)
ASKED_AGAIN = ("who_sponsor", "draft", *ACCOUNT_INTENTS)
# Play fields that belong to one account, or to one product, and do not carry over to another.
PER_ACCOUNT = ("pitch_to", "sponsor", "advances_priority")
PER_PRODUCT = ("change", "sponsor", "advances_priority", "amount")
# The same growth said in another unit: "more seats" of a product sold in capacity units is more capacity, and
# the other way round; a limit raised where no metered ceiling is on record ("380 of 400 now, lift the cap?")
# is the capacity bought.
SAME_GROWTH = {"more_seats": "more_capacity", "more_capacity": "more_seats", "more_volume": "more_capacity"}
# Questions about the play in focus that keep the person it is pitched to ("draft it" after a check
# that named them); who sponsors it is what "who should sponsor it?" asks, not the one kept.
CARRY_PERSON = ("check_play", "why", "why_not", "draft")
PER_PITCH = "pitch_to="
WITH_WHAT = "with_what"
ASKED_OF = "asked_of"  # a fact asked about again: the intent of the turn that first asked it (`still_open`)
DESCRIBES = "describes_"  # intents.yaml session words that describe a listed play's change: describes_<change>  # a bundle said yes to, its other product asked for  # a stated fact about the one pitched to: set again by each question that names them


def answer_pending(parsed: Parsed, state: SessionState, world: KnownNames, reader=None) -> Request | None:
    """The reply to the last ask-back ("Acme Corp", "the second one", "yes", "it's my quarter"),
    or a correction of the last choice ("no, I meant the other one"), as the full request."""
    if parsed.intent == "other_one":
        if parsed.slots.get("target"):
            return _other_named(parsed, state, world)
        return _other_one(parsed, state)
    pending = state.pending
    if not pending and state.choice and parsed.intent in (None, "followup") and \
            (request := _restated(parsed, state.choice, world)) is not None:
        return request  # "the software one" after Nimbus Analytics was chosen: the other one, by its name
    shown = state.shown
    if (not pending or pending["kind"] != "listed") and shown and shown["account"] == state.account and \
            parsed.intent in (None, "followup"):
        # "what about the first one?" a few turns after the plays were listed
        typed = clean_slot(parsed.slots.get("target", parsed.rest), world.book) or parsed.rest
        if ordinal(typed, world) is not None:
            said = parsed.slots.get("target", parsed.rest)  # ("the term one": the words that describe it too)
            number = described(said, shown["plays"], world)
            return _listed_play(Parsed(question=parsed.question, text=parsed.text,
                                       rest=said if number is not None else typed), shown,
                                Request(question=parsed.question, intent=None, account=shown["account"]), world)
    if not pending:
        return None
    names_something = world.accounts.mentions(parsed.text) or world.products.mentions(parsed.text) or \
        (pending["kind"] == "blocker" and _someone_elsewhere(parsed, pending["request"].get("account"), world))
    if pending["kind"] == "blocker" and parsed.intent in ASIDE_QUESTIONS and reader is not None and \
            reader.answered(_pieces(parsed.question, reader)[0]) is None:
        return None  # "not sure tbh. what does the framework say about quarter-end deals?": an aside, the question stays
    if pending["kind"] == "blocker" and not names_something:
        # "it's our quarter, to be honest" may read like another question ("our quarter"):
        # a reply that names no account or product is first read as the answer to the question.
        return _blocker_answer(parsed, Request.model_validate(pending["request"]), world, reader)
    kind, candidates = pending["kind"], list(pending.get("candidates") or [])
    if kind == "play":
        return _play_answered(parsed, Request.model_validate(pending["request"]), world, reader)
    if (picked := _picked_then_asked(parsed, state, world, reader)) is not None:
        return picked  # "Analytics. and who would sponsor it?"
    if parsed.intent not in (None, "followup") and not (parsed.intent == "check_play" and
                                                        _picks_one(parsed, kind, candidates, world)):
        return None  # (but "the software one, and it's for my quarter" picks one, whatever it looked like)
    request = Request.model_validate(pending["request"])
    if kind == "blocker" and any(item.get(WITH_WHAT) for item in request.unsure):
        return _bundled_with(parsed, request, world, reader)  # "DQ", "with MA and Studio"
    if kind == "blocker":
        named = {m.name for m in world.accounts.mentions(parsed.text)} | {m.name for m in world.products.mentions(parsed.text)}
        if named - {request.account, request.product} and not _bundle_partner(parsed, request, named, world, reader):
            return None  # "Acme - Data Quality - go or no go?": a question of its own, not the answer
        return _blocker_answer(parsed, request, world, reader)
    if kind == "listed":
        return _listed_play(parsed, pending, request, world)
    text = parsed.rest
    choice = None
    number = ordinal(text, world)
    if kind == "product" and len(candidates) > 1 and len(sold := units.sold_in(text, world, candidates)) == 1 \
            and not world.products.mentions(parsed.text):
        choice = sold[0]  # "the one with seats": the candidate sold in seats (not the first one)
    elif number is not None and number <= len(candidates):
        choice = candidates[number - 1]
    elif text in world.book.words["agree"] and len(candidates) == 1:
        choice = candidates[0]
    elif kind in ("account", "product", "person"):
        if _asks_anew(parsed, kind, request, world):
            return None  # "nimbus software csat is in the gutter, DQ still?" after "pitch MA to Nimbus?"
        typed = clean_slot(parsed.slots.get("target", text), world.book) or text
        names = Names(kind, ((c, ()) for c in candidates), params=world.params) if candidates \
            else world.names(kind, request.account)
        resolution = names.resolve(typed)
        choice = resolution.name if resolution.found else None
        if choice is None:
            # "sorry, I meant Acme": any name of that kind, typed anywhere in the reply, beside filler
            # only ("mariner options" asks a question of its own about Mariner)
            found = world.names(kind, request.account).find(text, skip=world.common)
            choice = found[0][0] if len({n for n, _ in found}) == 1 and _only_filler(text, found, world) else None
        if choice is None and kind == "account" and candidates:
            # "the one chloe works at": the only candidate whose people the reply names
            with_them = [c for c in candidates if world.people(c).mentions(parsed.text)]
            choice = with_them[0] if len(with_them) == 1 else None
    if choice is None:
        return None
    setattr(request, kind, choice)
    request.typed.append(kind)
    request.question = parsed.question
    request.ask_back = None
    if kind == "person" and "stakeholder.no_view" in (pending.get("codes") or []):
        request.what_ifs = [w for w in request.what_ifs if not w.startswith("pitch_to=")]
    if candidates:
        request.chose = {"kind": kind, "candidates": candidates, "chosen": choice,
                         "request": {**pending["request"], "ask_back": None}}
    if reader is not None and kind in ("account", "product"):
        _told_more(parsed, request, world, reader, answered=set())  # "governance, and I'd tie it to their renewal"
        _asked_beside(parsed, request, world, reader)  # "the software one - draft it"
    return request


def still_open(request: Request, state: SessionState, of_one_pitch=lambda item: False, replied: bool = False) -> list[dict]:
    """The facts the coach asked about and the AM left unanswered, when the turn asks why (not) of
    that same play instead ("why not? she's the buyer" after "has their new CCO seen how the first deal
    went?"): the verdict it explains hangs on them, so they are asked again, never applied (README
    "What carries across a session"). A fact of the account (not of one pitch: a person's view, a bundle,
    `of_one_pitch`) is asked again on a check of another play there or a list of its plays ("they'd likely
    not re-sign. studio?" ... "ok and more capacity?"): those verdicts hang on it too. Nothing at another
    account, nor on the reply to the question (`replied`)."""
    pending = state.pending
    if not pending or pending["kind"] != "blocker":
        return []
    asked = pending["request"]
    unsure = [item for item in asked.get("unsure") or [] if item not in request.unsure]
    if request.intent in EXPLAINS and (asked.get("account"), asked.get("product")) == (request.account, request.product):
        return [{ASKED_OF: asked.get("intent"), **item} for item in unsure]
    if replied or request.intent not in ("check_play", "list_plays") or not request.account or \
            asked.get("account") != request.account:
        return []
    return [{k: v for k, v in item.items() if k != ASKED_OF} for item in unsure if not of_one_pitch(item)]


def _play_answered(parsed: Parsed, asked: Request, world: KnownNames, reader) -> Request | None:
    """The reply to "which play do you mean?" ("why not?" with nothing in focus ... "Acme DQ", "the
    governance deal at Lumen"): names of a play and nothing asked of their own are its answer, the
    question asked back (why not, a draft, who sponsors) about that play. None when the reply names
    no account, product or change, or says more than names ("what can I sell to Juniper?")."""
    if reader is None or not _names_only(parsed, world):
        return None
    said = understand(parsed, world, reader.replies, None, fragment_words=reader.spec.thresholds.fragment_words)
    if not (said.account or said.product or said.change):
        return None
    said.intent = asked.intent
    return said


def _names_only(parsed: Parsed, world: KnownNames) -> bool:
    """Whether a reply says nothing beside the names of accounts, products and people it types,
    the change it names and filler (intents.yaml `noise`, `stop`, `lead_in`, `agree`, `pick` and the
    words of a correction or reaction): "Harbor - Data Quality", "MA for Evergreen", "ironwood
    more volume"; not "is Fjord ready for more capacity?"."""
    text = parsed.text
    _, span = find_change(text, world.book)
    if span is not None:
        text = f"{text[:span[0]]} {text[span[1]:]}"
    rest = f" {text} "
    for mention in [*world.accounts.mentions(text), *world.products.mentions(text), *world.everyone.names.mentions(text)]:
        rest = rest.replace(f" {mention.key} ", " ")
    book = world.book
    filler = book.words["noise"] | book.words["stop"] | book.words.get("lead_in", frozenset()) | \
        book.words["agree"] | book.words.get("pick", frozenset()) | \
        {w for group in ("correction", "reaction") for phrase in book.words.get(group, ()) for w in phrase.split()}
    return rest.strip() != text.strip() and all(w.removesuffix("'s") in filler for w in rest.split())


def quoted_names_aside(request: Request, state: SessionState, world: KnownNames, reader) -> None:
    """A product or change named only in the customer's words quoted in the message ('Sam replied: "we
    just renewed the platform" How do I answer?', 'fwd from Nadia: "automation is higher on our list".
    still DQ?') is what the customer said, not the play asked about, while a play is in focus at their
    account: the play is the one the AM's own words name, else the one in focus (filled by `complete`)."""
    if not state.play or request.account not in (None, state.account) or not (request.product or request.change):
        return
    own = reader.own_words(request.question)
    if own is None:
        return
    said = understand(reader.drop_negated(parse(own, world.book)), world, reader.replies, state.account,
                      fragment_words=reader.spec.thresholds.fragment_words)
    if request.product != said.product:
        dropped = request.product
        request.product, request.products_named = said.product, list(said.products_named)
        if said.product is None:
            request.typed = [k for k in request.typed if k != "product"]
        if dropped:  # (the note that a description was taken for it)
            request.notes = [n for n in request.notes if dropped not in n]
    if request.change != said.change:
        request.change = said.change
    if request.ask_back is not None and request.ask_back.kind == "product" and \
            (said.ask_back is None or said.ask_back.kind != "product"):
        request.ask_back = None  # ("our dashboards team is swamped": which product was never asked)


def _only_filler(text: str, found, world: KnownNames) -> bool:
    """Whether the words of a reply beside the names found in it are filler, a reaction or the
    words of a correction ("sorry, I meant Acme"), asking nothing of their own."""
    book = world.book
    rest = f" {text} "
    for _, typed in found:
        rest = rest.replace(f" {typed} ", " ")
    filler = book.words["noise"] | book.words["stop"] | book.words.get("lead_in", frozenset()) | \
        book.words["agree"] | book.words.get("pick", frozenset()) | \
        {w for group in ("correction", "reaction") for phrase in book.words.get(group, ()) for w in phrase.split()}
    return all(w.removesuffix("'s") in filler or w in world.name_words for w in rest.split())


def _asks_anew(parsed: Parsed, kind: str, request: Request, world: KnownNames) -> bool:
    """Whether a reply to "which account?" (or "which product?") that names none of the candidates
    names another play of its own: a product (or an account) or a change other than the question's
    ("DELTA RETAIL MA?" after "which Nimbus?"). It is that question, not the answer."""
    other = "product" if kind == "account" else "account" if kind == "product" else None
    if other is None:
        return False
    names = world.products if other == "product" else world.accounts
    if {m.name for m in names.mentions(parsed.text)} - {getattr(request, other)}:
        return True
    return parsed.change is not None and parsed.change != request.change


def _someone_elsewhere(parsed: Parsed, account: str | None, world: KnownNames) -> bool:
    """Whether the message names, with a capital, someone who works only at other accounts than the
    one asked about ("... Nadia asked for more volume headroom. ok to proceed?"): a question about
    their account, not the answer to a question about this play."""
    typed = {w.strip("?!.,:;\"'()").removesuffix("'s") for w in parsed.question.replace("\u2019", "'").split()}
    everyone = world.everyone
    for mention in everyone.names.mentions(parsed.text):
        if account not in everyone.homes.get(mention.name, ()) and \
                all(w.capitalize() in typed or w in typed and w[:1].isupper() for w in mention.key.split()):
            return True
    return False


def _picks_one(parsed: Parsed, kind: str, candidates: list[str], world: KnownNames) -> bool:
    """Whether a reply the patterns read as a check names exactly one of the candidates asked
    about and nothing else on record ("the software one, and it's for my quarter honestly")."""
    if kind not in ("account", "product") or not candidates:
        return False
    others = world.accounts.mentions(parsed.text) + world.products.mentions(parsed.text)
    if any(m.name not in candidates for m in others):
        return False
    names = Names(kind, ((c, ()) for c in candidates), params=world.params)
    return len({n for n, _ in names.find(parsed.text, skip=world.common)}) == 1


def ordinal(text: str, world: KnownNames) -> int | None:
    """The place a short reply picks ("the second one", "go with #2 please"): the whole reply, or
    its one ordinal (longest phrase first) when its other words are filler (intents.yaml's
    `noise`, `agree` and `pick` groups)."""
    book = world.book
    if text in book.ordinals:
        return book.ordinals[text]
    rest, found = f" {text} ", set()
    for phrase in sorted(book.ordinals, key=len, reverse=True):
        if f" {phrase} " in rest:
            found.add(book.ordinals[phrase])
            rest = rest.replace(f" {phrase} ", " ")
    filler = book.words["noise"] | book.words["agree"] | book.words.get("pick", frozenset())
    if len(found) != 1 or any(w not in filler for w in rest.split()):
        return None
    return found.pop()


def _listed_play(parsed: Parsed, pending: dict, request: Request, world: KnownNames) -> Request | None:
    """A pick from the plays just listed, by place ("the second one") or by what it is ("the seats
    one", "the studio one"): that play, checked. (A product named in a question of its own, "what
    about DQ for their renewal?", is an ordinary follow-up.)"""
    plays = pending.get("plays") or []
    number = described(parsed.rest, plays, world)
    if number is None and parsed.slots.get("target"):
        number = described(parsed.slots["target"], plays, world)  # "what about the term one?"
    if number is None:
        number = ordinal(parsed.rest, world)
    if number is None or number > len(plays):
        return None
    picked = plays[number - 1]
    # (the facts the list was read on stay with the play picked: "the second one" after "what can I
    # sell at Acme? they're furious" is checked on them)
    return Request(question=parsed.question, intent="check_play", account=request.account,
                   product=picked["product"], change=picked["change"], typed=["product"],
                   what_ifs=list(request.what_ifs),
                   play_facts={k: v for k, v in request.play_facts.items() if k != "bundled_with"})


def described(text: str, plays: list[dict], world: KnownNames) -> int | None:
    """The place of the listed play a short reply describes by its product or its change ("the
    seats one", "the capacity play", "the studio one"), the first listed (the best) when several
    fit; None when the words name neither, fit no play listed, or say more than the description
    (filler aside: intents.yaml's `noise`, `agree` and `pick` groups, places and names)."""
    book = world.book
    change, span = find_change(text, book)
    products = {m.name for m in world.products.mentions(text)}
    rest = text if span is None else f"{text[:span[0]]} {text[span[1]:]}"
    if change is None:  # "the term one": a word that describes the change of a play listed
        said = {play["change"] for play in plays
                if any(f" {w} " in f" {rest} " for w in book.session_words.get(f"{DESCRIBES}{play['change']}", ()))}
        change = said.pop() if len(said) == 1 else None
        for words in (book.session_words.get(f"{DESCRIBES}{change}", ()) if change else ()):
            rest = f" {rest} ".replace(f" {words} ", " ")
    if not products and change is None:
        return None
    for mention in world.products.mentions(rest):  # (the words of an account, "gale: DQ?", are no description)
        rest = f" {rest} ".replace(f" {mention.key} ", " ")
    filler = book.words["noise"] | book.words["agree"] | book.words.get("pick", frozenset()) | \
        {w for phrase in book.ordinals for w in phrase.split()}
    if any(w.removesuffix("'s") not in filler for w in rest.split()):
        return None
    for meant in (change, SAME_GROWTH.get(change or "")) if change else (None,):  # ("more seats" of capacity: next)
        for at, play in enumerate(plays, 1):
            if (not products or play["product"] in products) and meant in (None, play["change"]):
                return at
    return None


def _other_one(parsed: Parsed, state: SessionState) -> Request | None:
    """"No, I meant the other one": the other candidate of the last choice, same question; with
    no choice made, the play in focus before this one (see `_one_before`)."""
    choice = state.choice
    if not choice:
        return _one_before(parsed, state)
    others = [c for c in choice["candidates"] if c != choice["chosen"]]
    if len(others) != 1:
        return None
    request = Request.model_validate(choice["request"])
    setattr(request, choice["kind"], others[0])
    if choice["kind"] not in request.typed:
        request.typed.append(choice["kind"])
    request.question = parsed.question
    request.chose = {**choice, "chosen": others[0]}
    return request


def _restated(parsed: Parsed, choice: dict, world: KnownNames) -> Request | None:
    """Another candidate of the last choice, named by the words that tell it from the others ("the
    software one", "hmm no, analytics", "software then") in a reply of those words and filler
    only: the last question again about it. None when it names the one chosen, or more."""
    kind, candidates = choice.get("kind"), list(choice.get("candidates") or [])
    if kind not in ("account", "product", "person") or len(candidates) < 2 or not choice.get("request"):
        return None
    names = Names(kind, ((c, ()) for c in candidates), params=world.params)
    found = names.find(parsed.text, skip=world.common) or _told_apart_by(parsed.text, candidates)
    if len({n for n, _ in found}) != 1 or found[0][0] == choice["chosen"]:
        return None
    picked, said = found[0]
    book = world.book
    filler = book.words["noise"] | book.words["agree"] | book.words.get("pick", frozenset()) | \
        book.words.get("correction", frozenset()) | book.words.get("reaction", frozenset()) | \
        {w for phrase in book.ordinals for w in phrase.split()} | set(said.split())
    if any(w not in filler for w in parsed.text.split()):
        return None
    # the last question asked again there ("why?" ... "the software one": why, at Nimbus Software)
    request = Request(question=parsed.question, intent="followup", typed=[kind], **{kind: picked})
    request.chose = {**choice, "chosen": picked, "again": True}
    return request


def _told_apart_by(text: str, candidates: list[str]) -> list[tuple[str, str]]:
    """The candidates named by a word only their name has among them ("labs" of Pinecrest Foods and
    Pinecrest Labs: a word that alone names no company, yet tells these two apart): (name, word)."""
    words = {c: set(normalise(c).split()) for c in candidates}
    said = set(text.split())
    return [(c, w) for c in candidates for w in sorted(words[c] & said)
            if not any(w in words[o] for o in candidates if o != c)]


def _other_named(parsed: Parsed, state: SessionState, world: KnownNames) -> Request | None:
    """"And the other Nimbus?": of the accounts (or products) those words fit, the one not in
    focus, the last question asked again about it. None when that is not exactly one."""
    typed = clean_slot(parsed.slots["target"], world.book) or parsed.slots["target"]
    for kind in ("account", "product"):
        resolution = world.names(kind).resolve(typed)
        fits = list(resolution.candidates) if resolution.status == "ambiguous" else \
            [resolution.name] if resolution.found else []
        fits += [m.name for m in world.names(kind).mentions(typed) if m.name not in fits]
        others = [name for name in fits if name != getattr(state, kind)]
        if len(others) == 1 and len(fits) > 1:
            request = Request(question=parsed.question, intent="followup", typed=[kind], **{kind: others[0]})
            request.chose = {"kind": kind, "candidates": fits, "chosen": others[0], "again": True}
            return request
    return None


def _one_before(parsed: Parsed, state: SessionState) -> Request | None:
    """"No wait, the other one" when nothing was asked back: the account (or product) the last
    question moved away from, the last question asked again there. None when there is none."""
    if not state.account or not state.before:
        return None
    kinds = [k for k in ("account", "product") if k in state.named] or ["account", "product"]
    for kind in kinds:
        now = getattr(state, kind)
        earlier = next((f[kind] for f in state.before if f.get(kind) and f[kind] != now), None)
        if earlier is not None:
            request = Request(question=parsed.question, intent="followup", typed=[kind], **{kind: earlier})
            request.chose = {"kind": kind, "candidates": [now, earlier], "chosen": earlier, "again": True}
            return request
    return None


def _said_of(reply: str, asked: set, reader) -> bool | None:
    """A reply to a blocker question in the blocker's own words: no when it says the blocker is
    not so ("ok, split them, just the upgrade": the bundle's `calm` words), yes when it states it
    (its cue words, "it's tied to the renewal, yes"); None when it says neither, or both."""
    calm = bool(reader.calm(reply) & asked)
    cued = any(reader.cued(clause) & asked for clause in clauses(reply, reader.clause_re))
    return None if calm == cued else not calm


def _blocker_answer(parsed: Parsed, request: Request, world: KnownNames, reader) -> Request | None:
    """The reply to "is the timing driven by your quarter end, or by the customer?"."""
    said = reader.answered(parsed.question) if reader is not None else None
    if said is None and reader is not None:
        said = _said_of(parsed.question, {item.get("id") for item in request.unsure}, reader)
    if said is None and reader is not None and _theirs(parsed, request, world, reader):
        said = False  # "they need it for an audit in January": the customer's side
    if said is None:
        return None
    unsure, request.unsure = request.unsure, []
    request.question = parsed.question
    request.ask_back = None
    # (a question asked again on "why not?" is answered for the question it was first asked of: "ours,
    # separate quotes then" checks the play again)
    request.intent = next((item[ASKED_OF] for item in unsure if item.get(ASKED_OF)), request.intent)
    if said:
        for item in unsure:
            blocker = _asked_blocker(item, reader)
            if blocker is not None:
                reader.apply(request, blocker, parsed.question.strip(), 1.0, "answer", world)
        if (bundle := next((u for u in request.unsure if (b := _asked_blocker(u, reader)) and b.bundle), None)):
            # "yes" to "one bundle?" with no other product named: bundled with what? (asked, not guessed)
            return _ask_with_what(request, {**bundle, WITH_WHAT: True}, world, reader)
    _told_more(parsed, request, world, reader, answered={item["code"] for item in unsure})
    _asked_beside(parsed, request, world, reader)
    return request


def _pieces(text: str, reader) -> list[str]:
    """The message cut at clause boundaries, one-word pieces kept ("ours. why not?")."""
    return [p for p in (" ".join(part.split()) for part in clause_split(text, reader.clause_re) if part) if p]


def _picked_then_asked(parsed: Parsed, state: SessionState, world: KnownNames, reader) -> Request | None:
    """A reply to "which account?" (or "which product?") that names one candidate, then asks
    another question about the play ("Analytics. and who would sponsor it?"): the pick, then that
    question. None when the first piece picks none, or the rest asks nothing about the play."""
    pending = state.pending
    if reader is None or parsed.intent not in ASKED_BESIDE or pending["kind"] not in ("account", "product") or \
            not pending.get("candidates"):
        return None
    pieces = _pieces(parsed.question, reader)
    if len(pieces) < 2:
        return None
    head = parse(pieces[0], world.book)
    if head.intent not in (None, "followup") or not _picks_one(head, pending["kind"], list(pending["candidates"]), world):
        return None
    request = answer_pending(head, state, world, reader)
    if request is not None:
        request.question = parsed.question
        _asked_beside(parsed, request, world, reader)
    return request


def _asked_beside(parsed: Parsed, request: Request, world: KnownNames, reader) -> None:
    """A reply that answers the question back and asks another about the same play ("ours
    honestly. who should sponsor it then?", "their audit, and can you draft it?"): a later clause
    the patterns read whole as a question about a play (ASKED_BESIDE), naming no other account or
    product, is what the turn asks, once the answer is taken."""
    if reader is None:
        return
    for clause in _pieces(parsed.question, reader)[1:]:
        said = parse(clause, world.book)
        if said.intent not in ASKED_BESIDE:
            continue
        named = {m.name for m in world.accounts.mentions(said.text)} | {m.name for m in world.products.mentions(said.text)}
        if named - {request.account, request.product}:
            return  # (a question about another play is a question of its own)
        request.intent = said.intent
        people = {m.name for m in world.people(request.account).mentions(said.text)} if request.account else set()
        if len(people) == 1:  # "... write it up for Lucia": for them
            request.person = people.pop()
            request.typed = [*request.typed, "person"]
            if request.play is not None:
                request.play["pitch_to"] = request.person
        return


def _bundle_partner(parsed: Parsed, request: Request, named: set[str], world: KnownNames, reader) -> bool:
    """Whether a reply to "does that mean it goes out as one bundle?" that names other products
    answers it with the product bundled ("yes, with DQ", "yeah, MA and Studio"): it opens with yes
    or no and names no other account."""
    if reader is None or named & {m.name for m in world.accounts.mentions(parsed.text)} - {request.account}:
        return False
    bundles = {b.id for b in reader.spec.blockers if b.bundle}
    said = normalise(parsed.question).split()
    answers = {normalise(p) for p in (*reader.spec.confirm.confirms, *reader.spec.confirm.denies)}
    return any(u.get("id") in bundles for u in request.unsure) and bool(said) and said[0] in answers


def _theirs(parsed: Parsed, request: Request, world: KnownNames, reader) -> bool:
    """Whether a reply to "is the timing driven by your quarter end, or by the customer?" gives the
    customer's reason: its `customer_timing` words, or a clause the customer says or does (it opens
    with "they" or a person of the account), with no word of our quarter or quota."""
    timing = {b.id for b in reader.spec.blockers if b.sets.get("timing_reason")}
    if not any((b := _asked_blocker(u, reader)) is not None and b.id in timing for u in request.unsure):
        return False
    parts = clauses(parsed.question, reader.clause_re)
    if any(reader.cued(c) & timing for c in parts):
        return False  # ("they want it before my quarter ends": our quarter all the same)
    if reader.customer_timing(parsed.question):
        return True
    they = world.book.session_words.get("they", frozenset())
    people = world.people(request.account) if request.account else None
    for clause in map(normalise, parts):
        if (clause.split() or [""])[0] in they or \
                (people is not None and any(f"{clause} ".startswith(f"{m.key} ") for m in people.mentions(clause))):
            return True
    return False


def _asked_blocker(item: dict, reader):
    """The blocker a question back asked about: by its id in meaning.yaml, else the one with its rule
    (a phrase of intents.yaml asked about, "packaging it with another module": the bundle)."""
    return reader.spec.blocker(item["id"]) or \
        next((b for b in reader.spec.blockers if b.code == item.get("code") and not b.unsure_only), None)


def _ask_with_what(request: Request, item: dict, world: KnownNames, reader) -> Request:
    """The question back "bundled with which product?", the bundle's blocker waiting for the answer."""
    others = [p.name for p in world.catalog.products if p.name != request.product]
    request.unsure = [item]
    request.ask_back = AskBack(question=reader.replies.say("ask.bundle_with", product=request.product, candidates=others),
                               kind="blocker", codes=[item["code"]], candidates=others)
    return request


def _bundled_with(parsed: Parsed, request: Request, world: KnownNames, reader) -> Request | None:
    """The reply to "bundled with which product?": the products it names go in the bundle ("DQ",
    "with MA and Studio"); a no ("no bundle", "separately") drops it; a reply naming another
    account, or no product, is a question of its own (None)."""
    if reader is None or world.accounts.mentions(parsed.text):
        return None
    item = next(u for u in request.unsure if u.get(WITH_WHAT))
    blocker = _asked_blocker(item, reader)
    named = [n for n, _ in world.products.find(parsed.question, skip=world.common) if n != request.product]
    if blocker is None or not named and reader.answered(parsed.question) is not False and \
            _said_of(parsed.question, {item["id"]}, reader) is not False:
        return None
    request.unsure, request.ask_back, request.question = [], None, parsed.question
    if named:
        request.products_named = [request.product, *named]
        reader.apply(request, blocker, item["phrase"], 1.0, "answer", world)
    return request


def _told_more(parsed: Parsed, request: Request, world: KnownNames, reader, answered: set[str]) -> None:
    """"Yes it's my quarter, but also they're unhappy": the other facts of the play a reply tells,
    read as those of any turn (phrases, then cue words and meaning); the blockers the question
    asked about are settled by the answer and not asked again."""
    seen = answered | {item.get("rule") for item in request.applied}
    if parsed.change and request.account:
        # "fine, just the capacity then": the reply also says which play
        named = {m.name for m in world.products.mentions(parsed.text)}
        request.change = parsed.change
        if len(named) == 1:
            request.product = named.pop()
        elif request.product and not _fits(world, request.account, request.product, parsed.change):
            request.product = None  # the product the change applies to is found from the account
            request.typed = [k for k in request.typed if k != "product"]
    said = understand(reader.with_intent(parsed, "check_play", "answer"), world, reader.replies, request.account,
                      fragment_words=reader.spec.thresholds.fragment_words)
    if said.person and said.account in (None, request.account) and said.person != request.person:
        # "no, through Lucia" to "does their new CEO have no view of the first deal?": the reply names whom
        # the play goes to instead
        request.person = said.person
        request.typed = [*request.typed, "person"]
        if request.play is not None:
            request.play["pitch_to"] = said.person
    for item in said.applied:
        if item.get("rule") in seen:
            continue
        seen.add(item.get("rule"))
        request.applied.append(item)
        request.play_facts.update({k: v for k, v in item.get("sets", {}).items() if k not in ("what_if", "pitch_to")})
    request.what_ifs += [w for w in said.what_ifs if w not in request.what_ifs]
    reader.blockers(request, parsed, world, play_in_focus=True, focus_product=request.product)
    request.unsure = [u for u in request.unsure if u.get("code") not in seen]


def _followup_intent(request: Request, state: SessionState, world: KnownNames, again: bool = False) -> str:
    """What "what about X?" asks: the last question again, about X. With `again` (a correction,
    "sorry, I meant Delta"), the last question whatever X is."""
    last = state.last_intent
    if request.named("account") and state.listed_play(request.account) is not None and state.on_the_list() and \
            f"{normalise(request.question)} ".startswith(tuple(
                f"{w} " for w in world.book.session_words.get("asks_why", ()))):
        return "why"  # "why's Juniper on it?" right after the quarter's focus: the reasons for its play there
    if again and last in VERDICT_INTENTS + ACCOUNT_INTENTS and (state.play or last in ACCOUNT_INTENTS):
        if last not in ACCOUNT_INTENTS or not (request.named("product") or request.change):
            return last
    if request.named("person") and last == "draft" and state.play and \
            not (request.named("product") or request.change or request.play_facts or request.named("account")):
        return "draft"  # "and a version for Grace" after a draft: the draft, for them
    if request.named("product") or request.change or request.play_facts or request.named("person") or request.unsure \
            or _products_to_choose(request):
        # (a fact of the play told, even one only asked about, is a check of it: "what if I take it to
        # their new CCO instead" after "who should sponsor it?"; and so is a choice of its product,
        # "Delta: MA or Studio?", whose product is asked back)
        return "check_play"
    if request.named("account"):
        # (the last question again is asked of another account: the account in focus said again, "what if
        # I went to their CEO instead" after "who should sponsor it?", asks about its play in focus)
        if last in ASKED_AGAIN and (state.play or last in ACCOUNT_INTENTS) and \
                not (state.play and request.account == state.account):
            return last
        if last == "why_not" and state.play and "account" in state.named and request.account != state.account:
            # ("what's blocking capacity at Gale?" ... "and Nimbus?": what blocks it there, the question asked
            # in full again; after "why not?" that followed a check, "and Nimbus?" checks it there)
            return last
        return "check_play" if state.play else "list_plays"
    return "check_play" if state.play else "unclear"


def _products_to_choose(request: Request) -> bool:
    """Whether the question offered products to choose from, asked back with them."""
    ask = request.ask_back
    return ask is not None and ask.kind == "product" and len(ask.candidates) >= 2


def _asks_again(question: str, world: KnownNames) -> bool:
    """Whether a follow-up says it asks the last question again ("same question for Fjord", "ditto for
    Kestrel": intents.yaml session words `asks_again`), whatever that question was."""
    said = f" {normalise(question)} "
    return any(f" {words} " in said for words in world.book.session_words.get("asks_again", ()))


def _of_the_pitched(what_if: str, world: KnownNames) -> bool:
    """Whether a what-if fact is about the one the play is pitched to (intents.yaml session words
    `per_pitch`: "saw_original_outcome=false", "new_executive=CEO"), not about the account."""
    return what_if.split("=", 1)[0].strip().casefold() in world.book.session_words.get("per_pitch", frozenset())


def _product_for_change(world: KnownNames, account: str, change: str, preferred: str | None) -> list[str]:
    """Owned products the change can apply to ("more seats" at an account that owns one seat product)."""
    fits = implied_product.fitting(world.account(account), world.catalog, change)
    if preferred in fits:
        return [preferred]
    return fits


def _unit_change(world: KnownNames, account: str, product: str, change: str | None) -> str | None:
    """"More seats" of a product sold in capacity units is more capacity, and the other way round; more volume
    where no metered ceiling is on record is more of the capacity bought (SAME_GROWTH)."""
    swap = SAME_GROWTH.get(change or "")
    found = world.catalog.find(product)
    if swap is None or found is None or world.account(account).ownership(found) is None:
        return None
    applicable = applicable_changes(world.account(account), found)
    return swap if change not in applicable and swap in applicable else None


def _fits(world: KnownNames, account: str, product: str, change: str | None) -> bool:
    found = world.catalog.find(product)
    if change is None or found is None:
        return True
    owned = world.account(account).ownership(found) is not None
    return (change in UPSELL_CHANGES) == owned


def _play(request: Request, state: SessionState, world: KnownNames, replies: Replies, followup: bool) -> None:
    # (the account in focus named again, with no product or change of its own, is the same play: "take it to
    # their new CFO instead" keeps its change, as it keeps its product)
    same_play = request.account == state.account and not request.named("product") and request.change is None
    # (a check of another play at the account in focus, or of one of the plays just listed there, "is Studio
    # worth it there?", keeps what was said of the account's plays, README "What carries across a session";
    # not a bundle, which needs its play)
    another = not (followup or same_play or request.intent != "check_play" or request.named("account")) and \
        request.named("product") and (request.product != state.product or state.last_intent == "list_plays")
    carried = followup or same_play or request.intent != "check_play" or another or \
        not (request.named("account") or request.named("product"))
    base = {k: v for k, v in (state.play or {}).items() if not (another and k == "bundled_with")} if carried else {}
    account = request.account or state.account
    if not account:
        kind = "account" if request.product or request.change else "play"  # "why not?" with nothing in focus
        request.ask_back = ask_for(replies, kind, None, request)
        return
    request.account = account
    product = request.product
    listed = state.listed_play(account) if state.on_the_list() and request.named("account") else None
    if product is None and request.change is None and listed:
        # "why is Fjord on the list?" right after the quarter's focus: the play it is listed for
        base, product = {}, listed["product"]
        request.change = listed.get("change")
    focus = base.get("product") or state.product
    if product is None and (request.change in UPSELL_CHANGES or
                            (request.change in (None, "new_product") and cross_sell.said(request.question, world))):
        # the product the change or the cross-sell implies (README's table: implied_product.py); the play
        # in focus, when it is one of those left
        found = implied_product.implied(world.account(account), world.catalog, request.question, request.change,
                                        implied_product.CROSS_SELL if request.change is None else None)
        if focus in (found.candidates if found.row != "change" else
                     implied_product.fitting(world.account(account), world.catalog, request.change)):
            product = focus
        elif found.product is not None:
            product = found.product
            if found.row == "cross_sell":
                request.notes.append(replies.say("note.only_new", account=account, product=product))
        elif found.candidates:
            request.ask_back = ask_for(replies, "product", None, request, candidates=list(found.candidates))
            return
    product = product or focus
    if not product:
        request.ask_back = ask_for(replies, "product", None, request,
                                   candidates=[p.name for p in world.catalog.products])
        return
    play = dict(base)
    if account != state.account:
        # (what was said of the play at another account, its timing, its renewal tie, its bundle, is not
        # said of this one: "before my quarter closes" about Kestrel ... "and Delta?" is Delta's play alone)
        play = {k: v for k, v in play.items() if k not in PER_ACCOUNT and k not in stated_keys(world)}
        # (but what was said of this account before the talk left it holds again: "ok, back to Corvid")
        request.what_ifs = _left_what_ifs(request, state, account, world)
        play.update(_left_facts(state, account, world))
    elif carried or state.what_ifs:
        # the account's facts stated earlier in the session ("they're unhappy") still hold, for another
        # of its plays too ("what about MA?", "should I pitch MA to them?")
        # (but not those about the one it was pitched to, once the AM names someone else: "she hasn't
        # seen the results" of their new CEO ... "fine, through Lucia then")
        request.what_ifs = [*dict.fromkeys([w for w in state.what_ifs if not w.startswith(PER_PITCH) and
                                            not (request.named("person") and _of_the_pitched(w, world))] +
                                           request.what_ifs)]
    if product != play.get("product"):
        play = {k: v for k, v in play.items() if k not in PER_PRODUCT}
    play["product"] = product
    if request.change and not _fits(world, account, product, request.change) and \
            any(_fits(world, account, other, request.change) for other in request.products_named if other != product):
        # ("bundle MA with more Studio seats": the seats are of the other product named; MA's change is its own)
        play.pop("change", None)
    elif request.change:
        play["change"] = request.change
        unit_change = _unit_change(world, account, product, request.change)
        if unit_change:
            play["change"] = unit_change
            request.notes.append(replies.say("note.unit", product=product, unit=world.catalog.find(product).unit,
                                             said=replies.say(f"change.{request.change}"),
                                             meant=replies.say(f"change.{unit_change}")))
    elif not _fits(world, account, product, play.get("change")):
        play.pop("change", None)  # a carried change that does not apply here: the engine derives it
    play.update(request.play_facts)
    if request.person:
        play["pitch_to"] = request.person
    elif play.get("pitch_to") not in (None, "executive") and request.intent in CARRY_PERSON:
        request.person = play["pitch_to"]  # "pitch DQ to Acme through Priya?" ... "draft it": for Priya still
    play["bundled_with"] = [p for p in play.get("bundled_with", []) if p != product]
    request.product, request.change = product, play.get("change")
    request.play = play


def complete(request: Request, state: SessionState, world: KnownNames, replies: Replies,
             again: bool = False) -> Request:
    """Fill the request from the session; ask back for what neither the question nor it gives.
    `again`: the question corrects the last one ("sorry, I meant Delta"): that question, asked again."""
    followup = request.intent == "followup"
    if followup:
        again = again or bool(request.chose and request.chose.get("again")) or _asks_again(request.question, world)
        request.intent = _followup_intent(request, state, world, again)
    if request.ask_back is not None or request.intent in NAMELESS:
        return request
    if request.intent in ACCOUNT_INTENTS:
        request.account = request.account or state.account
        if not request.account:
            request.ask_back = ask_for(replies, "account", None, request)
        elif request.intent == "list_plays" and request.account == state.account:
            _facts_of_account(request, state, world)  # "what else is there?" after "they're furious": still so
        elif request.intent == "qbr" and request.account == state.account:
            # (a review of the account after "their renewal is shaky": the customer's state still holds; what
            # was said of one play, its timing or tie, is no fact of the review)
            request.what_ifs = [*dict.fromkeys([w for w in state.what_ifs if not w.startswith(PER_PITCH)] +
                                               request.what_ifs)]
        elif request.intent == "list_plays":
            request.what_ifs = _left_what_ifs(request, state, request.account, world)  # (back at an account left)
            request.play_facts = {**_left_facts(state, request.account, world), **request.play_facts}
        return request
    _play(request, state, world, replies, followup)
    return request


def stated_keys(world: KnownNames) -> set[str]:
    """The play fields the AM's words state (quota-driven timing, the renewal tie, the bundle: the
    `sets` of intents.yaml's blockers): facts of the talk about one account, never carried to another."""
    return {key for blocker in world.book.blockers for key in blocker.sets}


def _facts_of_account(request: Request, state: SessionState, world: KnownNames) -> None:
    """A list of the plays at the account in focus keeps the facts stated about it earlier in the
    session: its what-ifs ("they're unhappy") and the play's stated timing or renewal tie (a bundle
    needs the play it goes with, so it is no fact of a list); those the message states win."""
    request.what_ifs = [*dict.fromkeys([w for w in state.what_ifs if not w.startswith(PER_PITCH)] + request.what_ifs)]
    carried = {k: v for k, v in (state.play or {}).items() if k in stated_keys(world) and k != "bundled_with" and v}
    request.play_facts = {**carried, **request.play_facts}


def _left_what_ifs(request: Request, state: SessionState, account: str, world: KnownNames) -> list[str]:
    """The what-ifs said of an account the talk left and came back to ("they're unhappy"), before this
    message's own; not those about the one it was pitched to once the AM names someone."""
    said = (state.facts_at(account) if account != state.account else {}).get("what_ifs") or []
    return [*dict.fromkeys([w for w in said if not w.startswith(PER_PITCH) and
                            not (request.named("person") and _of_the_pitched(w, world))] + request.what_ifs)]


def _left_facts(state: SessionState, account: str, world: KnownNames) -> dict:
    """The play facts said of an account the talk left (its quota-driven timing, its renewal tie)."""
    play = (state.facts_at(account) if account != state.account else {}).get("play") or {}
    return {k: v for k, v in play.items() if k in stated_keys(world) and k != "bundled_with" and v}
