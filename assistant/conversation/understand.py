"""From what was typed to what was meant: resolve the slots to known accounts, products and
people, and turn revealed words into play facts. Asks back instead of guessing a name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from assistant.conversation import cross_sell, implied_product
from assistant.conversation.answer import AskBack
from assistant.conversation.cues import Said, cached_group
from assistant.conversation.intents import Parsed, clean_slot, find_change, normalise, question_sentence, sentences
from assistant.domain import UPSELL_CHANGES
from assistant.policy.plays import applicable_changes
from assistant.errors import CoachError
from assistant.phrase_patterns import alternation
from assistant.wording import Replies
from assistant.conversation.implied_product import new_beside_owned
from assistant.conversation.phrasebook import said_any
from assistant.conversation.person_misspelt import aimed_misspelt
from assistant.conversation.resolve import PREPOSITIONS, Mention, Resolution, phrase_ending, phrase_opening
from assistant.conversation.known_names import KnownNames

# Which kind of name each slot is tried as, in order ("upgrade Acme" puts Acme in a product slot).
SLOT_KINDS = {"account": ("account", "product", "tier"), "product": ("product", "tier", "account"),
              "target": ("account", "product", "tier"), "person": ("person",)}
# Intents that never need a name: their slots are not resolved.
NAMELESS = {"help", "off_topic", "focus", "framework", "unclear", "other_one"}
ENTITIES = ("account", "product", "person")
ACCOUNT_ONLY = ("list_plays", "qbr")  # intents about an account: no product is asked for
UPSELL_INTENTS = ("check_play", "why", "why_not", "who_sponsor", "draft")  # "upsell Borealis": the play they own


def _said_after(text: str, mention, words: frozenset[str]) -> bool:
    """Whether the mention comes right after one of `words` (of one to three words) in the text."""
    before = text[:mention.span[0]].split()
    return any(" ".join(before[-size:]) in words for size in (1, 2, 3) if len(before) >= size)


@lru_cache(maxsize=8)
def _forms_pattern(forms: frozenset[str]) -> re.Pattern:
    return re.compile(r"(?<![\w'-])" + alternation(forms) + r"(?![\w'-])")


def _offered(seen: list, text: str, choice: frozenset[str], before_second: frozenset[str], after: str = "",
             opened: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> list[str]:
    """The names of neighbouring mentions offered as a choice ("Acme or Delta", "DQ vs Governance"), in
    order: the words between the two are a choice word, past `after` (right after the first) and
    without the words of `before_second` (right before the second), or, where one of `opened[0]` comes
    right before the first, a word of `opened[1]` ("between DQ and MA"). Names listed with nothing between
    them but punctuation ("Delta, Evergreen or Kestrel") are offered with the choice that ends the list."""
    offered: list[str] = []
    listed: list = []  # (the mentions of the list the current pair continues)
    for first, second in zip(seen, seen[1:]):
        between = text[first.span[1]:second.span[0]].removeprefix(after).split()
        while between and between[-1] in before_second:
            between.pop()
        if first.name == second.name:
            continue
        listed = [*listed, first] if listed else [first]
        if not between:  # (the punctuation of a list is dropped from the text: nothing is between them)
            continue
        said = " ".join(between)
        before = text[:listed[0].span[0]].split()[-2:]  # ("between the DQ and MA")
        if said in choice or (said in opened[1] and set(before) & opened[0]):
            offered += [n for n in (*(m.name for m in listed), second.name) if n not in offered]
        listed = []
    return offered


def _said_in_any_order(words: list[str], typed: list[str], shortest: int, short: dict[str, str]) -> bool:
    """Whether the typed words are the words, in any order, each in full, by its start of at least
    `shortest` letters ("eng lead data" for "data engineering lead") or as `short` has it ("ops")."""
    left = list(typed)
    for word in sorted(words, key=len, reverse=True):
        match = next((t for t in left if t == word or (len(t) >= shortest and word.startswith(t))
                      or short.get(t) == word), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _fold_name(typed: str) -> str:
    return " ".join(typed.casefold().replace("\u2019", "'").split())


class Request(BaseModel):
    """One question, understood: intent and resolved names, before the session fills the gaps."""

    question: str
    intent: str | None
    account: str | None = None
    product: str | None = None
    person: str | None = None
    change: str | None = None
    topic: str | None = None
    typed: list[str] = Field(default_factory=list)  # what this question named (account, product, ...)
    play_facts: dict = Field(default_factory=dict)  # timing_reason, tied_to_renewal, bundled_with, amount
    applied: list[dict] = Field(default_factory=list)  # phrase, sets, rule, says
    what_ifs: list[str] = Field(default_factory=list)  # account facts the AM stated (NAME=VALUE)
    unsure: list[dict] = Field(default_factory=list)  # blockers the words may reveal: asked about
    chose: dict | None = None  # this question answered an ask-back: kind, candidates, chosen, request
    products_named: list[str] = Field(default_factory=list)  # several products, in the order typed
    # the product taken is owned and one other named is not: that one is the play, unless a bundle is read
    pitched_beside_owned: str | None = None
    notes: list[str] = Field(default_factory=list)
    ask_back: AskBack | None = None
    parser: str = "rules"
    play: dict | None = None  # the Play fields, once the session has filled the gaps
    taken_back: list[str] = Field(default_factory=list)  # rules of the play in focus this question took back

    def named(self, kind: str) -> bool:
        return kind in self.typed


def ask_for(replies: Replies, kind: str, resolution: Resolution | None, request: Request,
            candidates: list[str] | None = None) -> AskBack:
    cands = list(candidates if candidates is not None else (resolution.candidates if resolution else ()))
    if resolution is None:
        key = f"ask.which_{kind}"
    elif resolution.status == "ambiguous":
        key = "ask.ambiguous"
    else:
        key = "ask.unknown_close" if cands else "ask.unknown"
    question = replies.say(key, kind=kind, typed=resolution.typed if resolution else "",
                           candidates=cands, account=request.account)
    return AskBack(question=question, kind=kind, candidates=cands)


class _Resolver:
    def __init__(self, parsed: Parsed, world: KnownNames, replies: Replies, focus_account: str | None):
        self.parsed, self.world, self.replies, self.focus_account = parsed, world, replies, focus_account
        self._capitalised: set[str] | None = None  # (capitalised_words, read once per message)
        self.request = Request(question=parsed.question, intent=parsed.intent, change=parsed.change,
                               parser=parsed.parser)
        self.unresolved: list[tuple[str, str, Resolution]] = []  # slot, text, best attempt
        self.said_as: dict[str, str] = {}  # kind -> the typed words that named it ("acme", "acmee")
        self.several_accounts: list[str] = []  # accounts named when the message names more than one
        self.several_seen: list = []  # ... and where
        self.chosen_from: list[str] = []  # accounts offered as a choice ("Acme or Delta"): none is taken
        self._titles: frozenset[str] | None = None  # (titles_named, worked out once)
        self.products_offered: list[str] = []  # ... and products ("Studio or MA for Evergreen?")
        self.products_aside: set[str] = set()  # products set aside beside another ("not DQ, Governance")
        # the question back about words that fit several products ("the data team", "dashboards"): dropped
        # when the message names a product after all
        self.described_ask: AskBack | None = None

    def another_company(self, name: str, resolution: Resolution) -> bool:
        """"Delta Airlines": the first word of an account followed by a capitalised word that is
        no known word names another company; it is asked back, not taken for Delta Retail."""
        first = resolution.matched or resolution.typed
        if first.casefold() not in self.world.accounts.firsts:
            return False
        typed = self.parsed.question.replace("\u2019", "'").split()
        for index, word in enumerate(typed[:-1]):
            if word.strip("?!.,:;\"'").casefold() == first.casefold():
                if word.rstrip("\"')")[-1:] in tuple(".,:;!?"):
                    continue  # "ok so Corvid. Elena's team ...": the name ended there
                after = typed[index + 1].strip("?!.,:;\"'")
                # (a tier is no company's word: "Fjord Enterprise tier?" is Fjord Bank's tier)
                known = self.world.common | self.world.name_words | self.world.book.words.get("noise", frozenset()) \
                    | self.world.tiers.keys()
                rest_of_name = name.split()[1:2]
                misspelt = bool(rest_of_name) and (fuzz.ratio(after.casefold(), rest_of_name[0].casefold())
                                                   >= self.world.accounts.params.suggest  # "Acme Copr": mistyped
                                                   or rest_of_name[0].casefold().startswith(after.casefold()))  # "Harbor Ins."
                # ("upsell Kestrel Govrnance?": a product's word misspelt, no company)
                product_word = bool(self.world.products.close(after, limit=1, minimum=self.world.products.params.accept))
                legal = after.casefold() in self.world.name_params.legal_forms  # ("Acme Inc": Acme Corp)
                # ("For Mariner I'd do ...", "Gale We'll ...": a known word with its contraction, no company's word)
                contracted = "'" in after and after.casefold().split("'")[0] in known
                if after[:1].isupper() and after.casefold() not in known and not after.isupper() and not misspelt \
                        and not product_word and not legal and not contracted:
                    self.unresolved.append(("account", f"{first} {after}".casefold(),
                                            Resolution("unknown", f"{word} {after}", None, (name,))))
                    return True
        return False

    def set_mentioned(self, kind: str, name: str, seen: list) -> None:
        """The name, as the first of the mentions `seen` of it was written."""
        mention = next(m for m in seen if m.name == name)
        self.set(kind, name, Resolution("found", mention.key, name, how="mention", matched=mention.key))

    def set(self, kind: str, name: str, resolution: Resolution) -> None:
        if kind == "account" and (self.chosen_from or self.another_company(name, resolution)):
            return
        if kind == "product" and (self.products_offered or name in self.products_aside):
            return
        if kind == "product" and self.described_ask is not None and self.request.ask_back is self.described_ask:
            self.request.ask_back = None  # ("expanding the data team at Acme. marketing automation?": named after all)
        if getattr(self.request, kind) is None:
            setattr(self.request, kind, name)
            self.request.typed.append(kind)
            self.said_as[kind] = _fold_name(resolution.matched or resolution.typed)
            if resolution.how == "fuzzy":
                self.request.notes.append(self.replies.say("note.took", typed=resolution.typed, name=name))

    def exact_account(self) -> None:
        """An account written out exactly (its name, its first word, "Acme's") anywhere in the
        question is taken before the slots are read: a pattern's slot in a long story can hold
        many words, and a close spelling among them must not win over the name itself. Of several
        accounts named, the one the question is about (`about_which`)."""
        seen = self.world.accounts.mentions(self.parsed.text)
        if not seen:  # "IWT": an account by its initials in capitals (no product's alias: "DQ", "MA")
            seen = [m for m in self.world.accounts.initialled(self.parsed.question, self.world.name_params.initials_min,
                                                              words=self.world.lower_words)
                    if m.key not in self.world.products.keys and m.key not in self.world.common]
        found = {m.name for m in seen}
        if len(found) > 1 and self.offered_as_choice(seen):
            return
        if len(found) > 1:
            self.several_accounts = sorted(found)
            self.several_seen = seen
            found = self.asked_about(seen) or self.said_about(seen)
        if len(found) == 1:
            name = found.pop()
            key = next(m.key for m in seen if m.name == name)
            self.set("account", name, Resolution("found", key, name, how="mention", matched=key))

    def offered_as_choice(self, seen: list) -> bool:
        """Two accounts offered as a choice ("pitch DQ to Acme or Delta?", "Acme vs Delta for DQ"):
        which one is asked back with them, never the first one taken (the account in focus among
        them keeps the focus: "and Acme or Delta?" after an answer about Delta is not a new choice)."""
        # ("Acme's or Delta's team", "for Orchid or for Delta")
        params = self.world.name_params
        offered = _offered(seen, self.parsed.text, params.choice_words, PREPOSITIONS, after="'s",
                           opened=(params.choice_opened, params.choice_joined))
        if len(offered) < 2 or self.focus_account in offered:
            return False
        self.chosen_from = offered
        if self.request.intent == "who_sponsor" and \
                not said_any(self.parsed.text, self.world.book.session_words.get("asks_whom", frozenset())):
            self.request.intent = "check_play"  # ("should DQ go to acme or to delta?": which account, not whom)
        self.ask_which("account", offered)
        return True

    def ask_which(self, kind: str, offered: list[str]) -> None:
        """Which of the names offered as a choice is meant, asked back (unless something is asked already)."""
        if self.request.ask_back is None:
            self.request.ask_back = ask_for(self.replies, kind, Resolution("ambiguous", " or ".join(offered)),
                                            self.request, candidates=offered)

    def products_as_choice(self) -> None:
        """Two products offered as a choice ("Studio or MA for Evergreen?", "DQ vs Governance at
        Orchid"): which one is asked back with both, never the first one taken, as for two accounts.
        Products set aside beside another named ("not DQ, I mean Governance", "Governance rather than
        DQ": `names.set_aside_before`) are not the play; the one left may be. (Not in a review: the
        text reviewed may offer the customer a choice.)"""
        if self.request.intent in ACCOUNT_ONLY or self.request.intent == "review":
            return
        seen = self.world.products.mentions(self.parsed.text)
        if len({m.name for m in seen}) < 2:
            return
        text, params = self.parsed.text, self.world.name_params
        # ("DQ or the Governance Suite")
        offered = _offered(seen, text, params.choice_words, self.world.book.words.get("noise", frozenset()),
                           opened=(params.choice_opened, params.choice_joined))
        aside = {m.name for m in seen if _said_after(text, m, params.set_aside_before)} | self.negated_apart(seen)
        offered = [n for n in offered if n not in aside]
        if len(offered) >= 2:
            self.products_offered = offered
            self.ask_which("product", offered)
            return
        if aside and {m.name for m in seen} - aside:
            self.products_aside = aside

    def negated_apart(self, seen: list) -> set[str]:
        """Products named only after a negation in their clause ("Acme doesn't need DQ, they need MA",
        "isn't ready for DQ but what about MA?"), when another product is named in another clause: set
        aside, as a product after `set_aside_before` is (a negation inside one clause, "can't decide
        between DQ and MA", sets nothing aside)."""
        named = self.negated_in_clause()
        out = set()
        for name in {n for _c, n, _neg in named}:
            mine = [(c, neg) for c, n, neg in named if n == name]
            others = {c for c, n, neg in named if n != name and not neg}
            if all(neg for _c, neg in mine) and others and not {c for c, _neg in mine} & others:
                out.add(name)
        return out

    def negated_in_clause(self, wanted: bool = False) -> list[tuple[int, str, bool]]:
        """(clause, product, whether a negation comes before it in its clause) for each product written
        out; `wanted`: a negation of wanting it, right before it ("doesn't need more DQ", `names.wanted_before`)."""
        negations = self.world.negations
        if not negations:
            return []
        named: list[tuple[int, str, bool]] = []
        pieces = re.split(r"[.;,:!?()]+|\s[-\u2013\u2014]+\s|\bbut\b", self.parsed.question.replace("\u2019", "'"))
        for index, piece in enumerate(pieces):
            clause = normalise(piece)
            for mention in self.world.products.mentions(clause):
                before = clause[:mention.span[0]].split()
                if wanted:  # (a negation, then a wanting word, at most one word between that and the name)
                    wants = self.world.name_params.wanted_before
                    at = next((end for end in (len(before), len(before) - 1) if phrase_ending(before[:end], wants)), None)
                    start = at - phrase_ending(before[:at], wants) if at is not None else 0
                    before = before[max(0, start - 2):start]
                named.append((index, mention.name, any(w in negations or w.endswith("n't") for w in before)))
        return named

    def wanted_instead(self) -> tuple[str, str] | None:
        """Every product written out is said as not wanted ("Orchid doesn't need more DQ; they need
        lineage"), and the words describe one other product as wanted (`pitched`): (that one, the words)."""
        named = self.negated_in_clause(wanted=True)
        if not named or not all(negated for _clause, _name, negated in named):
            return None
        names, phrase = self.pitched()
        return (names[0], phrase) if len(names) == 1 and names[0] not in {n for _c, n, _neg in named} else None

    def asked_about(self, seen: list) -> set[str]:
        """Several accounts named in a story of several sentences: the one its question sentence
        names ("After the Acme QBR I had a call with Sam. Should I pitch Delta more capacity?")."""
        asked = question_sentence(self.parsed.question) if len(sentences(self.parsed.question)) >= 2 else None
        named = {m.name for m in self.world.accounts.mentions(normalise(asked))} if asked else set()
        return named if len(named) == 1 else set()

    def said_about(self, seen: list) -> set[str]:
        """Several accounts named, and the words say which one the message is about: the one right
        after `names.about_account` ("Gale was a mess, but this is about Harbor: ...", "now Juniper:")
        or the only one not set aside (`names.set_aside_before`: "unlike Corvid, Fjord is ...",
        "forget Delta for now")."""
        params, text = self.world.name_params, self.parsed.text

        aside = {m.name for m in seen if _said_after(text, m, params.set_aside_before)}
        about = {m.name for m in seen if _said_after(text, m, params.about_account)} - aside
        if len(about) == 1:
            return about
        left = {m.name for m in seen} - aside
        return left if aside and len(left) == 1 else set()

    def several_asked(self) -> None:
        """Several accounts named and neither the question sentence nor a slot said which: the one
        named most ("I talked to Acme and Delta today; Delta wants more capacity. Should I pitch
        it?"), else asked back with them; the account in focus among them keeps the focus."""
        if not self.several_accounts or self.request.account is not None or self.focus_account in self.several_accounts:
            return
        counts = Counter(m.name for m in self.several_seen).most_common()
        if counts[0][1] > counts[1][1]:
            name = counts[0][0]
            key = next(m.key for m in self.several_seen if m.name == name)
            self.set("account", name, Resolution("found", key, name, how="mention", matched=key))
            return
        if self.request.ask_back is None or (self.request.ask_back.kind == "account" and not self.request.ask_back.candidates):
            self.request.ask_back = ask_for(self.replies, "account", Resolution("ambiguous", ", ".join(self.several_accounts)),
                                            self.request, candidates=self.several_accounts)

    def try_kinds(self, slot: str, text: str, kinds: tuple[str, ...]) -> None:
        best: Resolution | None = None
        after_account = False  # the words left are typed right after the account's name in its slot
        for kind in [k for k in kinds if k in ENTITIES and getattr(self.request, k) is not None]:
            mention = {m.name: m.key for m in self.world.names(kind).mentions(text)}.get(getattr(self.request, kind))
            said = self.said_as.get(kind)
            if not mention and said and f" {said} " in f" {text} ":
                mention = said  # ("IWT": the words that named it already, its initials)
            if mention:  # the slot holds a name taken already ("corvid gov"): read the rest of it
                after_account = kind == "account" and slot == "account" and f"{text} ".startswith(f"{mention} ")
                text = clean_slot(" ".join(f" {text} ".replace(f" {mention} ", " ", 1).split()), self.world.book)
                kinds = tuple(k for k in kinds if k != kind)
                if kind == "account":  # ("acme inc": the company's legal form after its name names nothing more)
                    text = " ".join(w for w in text.split() if w.strip(".,") not in self.world.name_params.legal_forms)
                if not text:
                    return
        for kind in kinds:
            if kind == "tier":
                product = self.world.tiers.get(text)
                if product:
                    self.set("product", product, Resolution("found", text, product, how="exact"))
                    self.tier_change()
                    return
                continue
            account = self.request.account or self.focus_account
            if kind == "person" and not account:
                continue
            resolution = self.world.names(kind, account).resolve(text)
            if resolution.status == "unknown" and kind in ("account", "product") and text in self.capitalised_words():
                # ("pitch DQ to Acne": a name a phone's dictionary made a word, typed with its capital)
                if (slip := self.world.names(kind).autocorrected(text)) is not None:
                    resolution = Resolution("found", text, slip, (slip,), "fuzzy", text)
            if kind in ("account", "product") and resolution.how in ("prefix", "fuzzy") and self.someones_name(text):
                continue  # "pitch Governance to Helen": Helen Achebe, not the start of Helena Textiles ("for Mia": not MA)
            if resolution.found:
                self.set(kind, resolution.name, resolution)
                self.rest_of_slot(text, resolution, kinds)
                return
            if resolution.status == "ambiguous":
                left = [n for n in resolution.candidates if n not in self.products_aside] if kind == "product" else []
                if len(left) == 1 and len(resolution.candidates) > 1:  # ("MA rather than DQ")
                    self.set(kind, left[0], replace(resolution, status="found", name=left[0]))
                    return
                self.ambiguous(kind, resolution)
                return
            if best is None or (resolution.candidates and not best.candidates):
                best = resolution
        if not (best and best.candidates) and self.parts_of_slot(slot, text, kinds):
            return
        if "product" in kinds and self.request.product is None and self.request.change is None and self.described(text):
            return
        if after_account and not (best and best.candidates) and self.rest_of_company(text):
            return  # "more seats at Kestrel Outdoor Gear": the company's name as typed, no product asked about
        self.unresolved.append((slot, text, best or Resolution("unknown", text)))

    def rest_of_company(self, text: str) -> bool:
        """Words typed with capitals right after an account's whole name, naming no one at it and
        nothing on record ("Kestrel Outdoor Gear", "Delta Retail Group"): the rest of the company's
        name as the AM writes it, not an unknown product to ask about."""
        typed = {w.strip("?!.,:;\"'()").casefold() for w in self.parsed.question.replace("\u2019", "'").split()
                 if w[:1].isupper()}
        if not set(text.split()) <= typed:
            return False
        account = self.request.account
        return not (account and self.world.people(account).resolve(text).status != "unknown")

    def described(self, text: str) -> bool:
        """A product named by what it does ("their data cleaning piece", "the BI tool"): taken when
        the words point at one product (and the answer says so), asked back with the products
        they point at when several."""
        text = self.describing(text)
        names, phrase = self.world.described.read(text)
        words = text.split()
        for end in range(len(words) - 1, 0, -1):  # "would lineage land at Orchid": it starts the slot
            if names:
                break
            names, phrase = self.world.described.read(" ".join(words[:end]))
            names = names if len(names) == 1 else []
        if not names:  # "the pipeline monitoring thing", "the one that catches bad records"
            return self.by_cues(text)
        if len(names) == 1:
            self.set("product", names[0], Resolution("found", text, names[0], how="described", matched=phrase))
            self.request.notes.append(self.replies.say("note.took", typed=text, name=names[0]))
        elif names and self.request.ask_back is None:
            self.request.ask_back = ask_for(self.replies, "product", Resolution("ambiguous", text, None, tuple(names)),
                                            self.request)
            self.described_ask = self.request.ask_back
        return bool(names)

    def describing(self, text: str) -> str:
        """The words that may describe a product: without the form a draft comes in (intents.yaml
        `draft_forms`: "an email pitch", "a short outreach note"), and without the words of the title of
        someone the message names ("Raj from compliance systems", "Oskar, their head of regulatory
        reporting"): the form of the message and a person's job say nothing of the product."""
        if not text:
            return text
        forms = self.world.book.words.get("draft_forms", frozenset()) if self.request.intent == "draft" else ()
        if forms:
            text = " ".join(_forms_pattern(frozenset(forms)).sub(" ", text).split())
        titles = self.titles_named()
        if titles:
            text = " ".join(_forms_pattern(titles).sub(" ", text).split())
        if self.request.account and " " in self.request.account:
            # (nor the account's own name typed whole: "what about Nimbus Analytics" describes no analytics tool)
            text = " ".join(_forms_pattern(frozenset({self.request.account.casefold()})).sub(" ", text).split())
        return text

    def titles_named(self) -> frozenset[str]:
        """Runs of two or more words, in order, of the title of each person at the account that the
        message names (by name, or by the whole title)."""
        if self._titles is None:
            self._titles = frozenset()
            account = self.request.account or self.focus_account
            found = self.world.on_record(account) if account else None
            people = found.stakeholders if found is not None else []
            named = {m.name for m in self.world.people(account).mentions(self.parsed.question)} if people else set()
            text = f" {self.parsed.text} "
            runs = set()
            for person in people:
                words = (person.title or "").casefold().split()
                if len(words) < 2 or (person.name not in named and f" {' '.join(words)} " not in text):
                    continue
                runs |= {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)}
            self._titles = frozenset(runs)
        return self._titles

    def by_cues(self, text: str) -> bool:
        """A product described in words of one's own (resolve.py Described.by_cues): taken when they
        point at one product, the answer saying so; asked back with the products they point at when
        several and they were said as a product ("the thing that ..."); True when one was read."""
        names, phrase, as_product = self.world.described.by_cues(self.describing(text))
        if len(names) == 1:
            self.set("product", names[0], Resolution("found", phrase, names[0], how="described", matched=phrase))
            self.request.notes.append(self.replies.say("note.took", typed=phrase, name=names[0]))
        elif names and as_product and self.request.ask_back is None:
            self.request.ask_back = ask_for(self.replies, "product", Resolution("ambiguous", phrase, None, tuple(names)),
                                            self.request)
            self.described_ask = self.request.ask_back
        return bool(names) and (len(names) == 1 or as_product)

    def someones_name(self, text: str) -> bool:
        """The slot is a person's name as typed (first, last or full, with a capital): a person
        named wins over a company's name read from a start or a close spelling of it."""
        typed = {w.strip("?!.,:;\"'()").removesuffix("'s") for w in self.parsed.question.replace("\u2019", "'").split()}
        if not all(w in typed or w.capitalize() in typed for w in text.split()) or \
                not any(w.capitalize() in typed for w in text.split()):
            return False
        return text in self.world.everyone.names.keys

    def parts_of_slot(self, slot: str, text: str, kinds: tuple[str, ...]) -> bool:
        """A slot of several words that names nothing as a whole may name something before or after
        a preposition ("take Gov to him"): each part is read; True when one named something."""
        parts = [clean_slot(part, self.world.book) for part in re.split(r"\s+(?:to|for|at|with|via|through)\s+", text)]
        parts = [part for part in parts if part]
        if len(parts) < 2:
            return False
        if any(self.world.names(kind).resolve(part).how == "fuzzy" for part in parts for kind in kinds
               if kind in ("account", "product")):
            return False  # (a part read only by a close spelling is no name: the slot stays unread)
        before = list(self.request.typed)
        for part in parts:
            self.try_kinds(slot, part, kinds)
        if self.request.typed == before:
            self.unresolved = [item for item in self.unresolved if item[1] not in parts]
            return False
        return True

    def rest_of_slot(self, text: str, resolution: Resolution, kinds: tuple[str, ...]) -> None:
        """A slot naming two things ("pitching marketing automtion to delta"): read the other one."""
        if not resolution.matched or resolution.matched == text:
            return
        rest = clean_slot(" ".join(text.replace(resolution.matched, " ", 1).split()), self.world.book)
        for kind in kinds:
            if kind in ("account", "product") and rest and getattr(self.request, kind) is None:
                other = self.world.names(kind).resolve(rest)
                if other.found:
                    self.set(kind, other.name, other)
                    return

    def ambiguous(self, kind: str, resolution: Resolution) -> None:
        if self.request.ask_back is None and getattr(self.request, kind) is None:
            self.request.ask_back = ask_for(self.replies, kind, resolution, self.request)
            if kind == "product" and resolution.how in ("prefix", "fuzzy"):  # ("the data team": DP or DQ?)
                self.described_ask = self.request.ask_back

    def slots(self) -> None:
        for slot, raw in self.parsed.slots.items():
            if slot == "topic":
                self.request.topic = raw
                continue
            text = clean_slot(raw, self.world.book)
            if text:
                self.try_kinds(slot, text, SLOT_KINDS.get(slot, ("account", "product")))

    def mentions(self) -> None:
        """Names written anywhere in the question (outside the slots too): exact spellings and
        aliases first, then close spellings of a run of words (RapidFuzz); one name or none."""
        for kind in ("account", "product"):
            if getattr(self.request, kind) is not None:
                continue
            names = self.world.names(kind)
            # The words that revealed play facts were taken out of `rest`; an account may sit
            # among them ("only renew Gale at the old price if ..."): the whole text is read next.
            seen = names.mentions(self.parsed.rest)
            if not seen and kind == "account":  # (a product there is what the play is bundled with)
                seen = names.mentions(self.parsed.text)
            if not seen and kind == "product":  # "IS", "D.Q.": a product by its initials in capitals
                seen = self.initialled_products()
            elif kind == "product":  # ("how DP performed, ok to take gov to him?": a second product typed short)
                seen = [*seen, *self.started_beside(seen)]
            found = {m.name for m in seen}
            if kind == "product" and found - self.products_aside:  # ("not DQ, I mean Governance")
                seen = [m for m in seen if m.name not in self.products_aside]
                found = {m.name for m in seen}
            if kind == "product" and found and (wanted := self.wanted_instead()) is not None:
                name, phrase = wanted  # ("doesn't need more DQ; they need lineage")
                self.set(kind, name, Resolution("found", phrase, name, how="described", matched=phrase))
                self.request.notes.append(self.replies.say("note.took", typed=phrase, name=name))
                continue
            if len(found) == 1:
                self.set_mentioned(kind, found.pop(), seen)
                continue
            if found and kind == "product" and self.owned_all_said(seen):
                continue  # "Kestrel already runs the platform and Studio - anything new?": a cross-sell beside them
            if found and kind == "product":
                new = self.not_owned_already(seen)  # "Borealis already has the platform. Would DQ ...?"
                if len(new) == 1:
                    self.set_mentioned(kind, new[0], seen)
                    continue
            if found and kind == "product":  # "Governance and Studio separately ... Governance first?"
                asked = self.asked_products()
                if len(asked) == 1:
                    self.set_mentioned(kind, asked[0], seen)
                    continue
            if found:
                if kind == "product":  # which one is the play is decided once blockers are read
                    self.request.products_named = list(dict.fromkeys(m.name for m in seen))
                continue
            taken = {w for k in ENTITIES for w in (getattr(self.request, k) or "").casefold().split()}
            hits = [(name, part) for name, part in names.find(self.parsed.rest, skip=self.world.common)
                    if not set(part.split()) & taken]
            if hits and kind == "account":
                # a person's name is not a misspelt company ("Chloe Martin" is not Mariner)
                people = self.world.everyone.names.keys
                hits = [(name, part) for name, part in hits if not any(w in people for w in part.split())]
            if not hits and kind == "product":  # "keeps asking about Gov.": a product's word started
                hits = [(m.name, m.key) for m in self.started_products()]
                if len({name for name, _ in hits}) == 1:
                    self.set(kind, hits[0][0], Resolution("found", hits[0][1], hits[0][0], how="prefix", matched=hits[0][1]))
                    continue
                hits = []  # (starts of several products' words: none of them)
            if kind == "product" and len({name for name, _ in hits}) > 1 and \
                    len({part for _, part in hits}) == len({name for name, _ in hits}):
                # ("Data Quallity + Governence bundle for Lumen": several products, each misspelt in words of its
                # own, are named as several typed exactly are; which one is the play is decided once blockers are read)
                typed_order = sorted(hits, key=lambda hit: self.parsed.rest.find(hit[1]))
                self.request.products_named = list(dict.fromkeys(name for name, _ in typed_order))
                continue
            if len({name for name, _ in hits}) == 1:
                name, part = hits[0]
                self.set(kind, name, Resolution("found", part, name, how="fuzzy", matched=part))
            elif not hits and kind == "product" and self.request.change is None:
                told = self.describing(self.parsed.rest)
                described, phrase = self.world.described.named(told)
                if not described:  # "is access reviews a good idea?": a feature of one product
                    described, phrase = self.world.described.featured(told)
                if not described and self.request.intent not in ACCOUNT_ONLY:  # "get data lineage into Harbor?"
                    described, phrase = self.world.described.featured(told, several=True)
                if not described:  # "email for Ingrid re dashboards": what the message is about, at its end
                    described, phrase = self.world.described.read(self.describing(self.about_end()))
                if not described:  # "how do I pitch lineage to Oskar": what a pitch verb takes
                    described, phrase = self.pitched()
                if not described:  # "... Orchid's compliance team set the date. lineage?": the question itself
                    described, phrase = self.world.described.read(self.describing(self.asked_fragment()))
                if not described and self.request.intent not in ACCOUNT_ONLY:
                    self.by_cues(self.parsed.rest)  # "the tool that catches bad records"
                    continue
                if len(described) == 1:  # "is their data cleaning piece worth it?"
                    self.set(kind, described[0], Resolution("found", phrase, described[0], how="described",
                                                            matched=phrase))
                    self.request.notes.append(self.replies.say("note.took", typed=phrase, name=described[0]))
            elif not hits and kind == "account":
                shared = names.shared_first(self.parsed.text)  # "is nimbus ready": which Nimbus?
                if shared is not None and not shared.found:
                    self.ambiguous(kind, shared)

    def started_products(self) -> list:
        """Products typed by a short start where it is read as a name (resolve.py `Names.started`): with a
        capital, before a product noun, or right after the account's name (with no change said)."""
        skip = self.world.not_product_starts
        # ("juniper gov": a product's word typed short right after the account's name, as in a
        # fragment of names; not a start of the account's own words, "Harbor Ins.")
        # (with no change said: "Borealis auto renews in March, more capacity?" names no Automation)
        said = (self.said_as.get("account") or "").split() if self.request.change is None else []
        own = {w[:n] for w in (self.request.account or "").casefold().split() for n in range(1, len(w) + 1)}
        # ("the Juniper team is fed up with us, gov?": a story's question said in one word names the play)
        asked = (question_sentence(self.parsed.question) or "").split()
        alone = asked[0].strip(".,;:!?").casefold() if len(asked) == 1 else ""
        return self.world.products.started(self.parsed.question, self.world.name_params.product_start_min,
                                           frozenset(skip | own), self.world.name_params.product_nouns,
                                           frozenset(said[-1:]), alone)

    def started_beside(self, seen: list) -> list:
        """Beside products written out, the others typed short where a name is read (`started_products`),
        or right after a pitch verb ("take gov to him"): several products named, for which is the play
        to be decided by the message's structure (reading.py `choose_product`)."""
        names = {m.name for m in seen}
        pitch = {w for w in self.world.book.words.get("pitch", frozenset()) if " " not in w}
        skip = self.world.not_product_starts
        typed = self.parsed.question.replace("\u2019", "'").split()
        after_pitch = [Mention(m.name, (0, 0), m.key) for before, word in zip(typed, typed[1:])
                       if before.casefold() in pitch
                       for m in self.world.products.short_forms(word, self.world.name_params.product_start_min,
                                                                frozenset(skip))]
        return [m for m in [*self.started_products(), *after_pitch] if m.name not in names]

    def asked_fragment(self) -> str:
        """The question sentence of a message of several, when it is as short as a product's name."""
        if len(sentences(self.parsed.question)) < 2:
            return ""
        asked = question_sentence(self.parsed.question)
        return normalise(asked) if asked and len(asked.split()) <= self.world.name_params.described_max_words else ""

    def initialled_products(self) -> list:
        """Products typed as their initials in capitals, dotted or not ("IS", "G.S.", "M.A."), in a
        message that is not shouted (`names.shouted_share` of its letters in capitals: "IS IT OK")."""
        letters = [c for c in self.parsed.question if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) >= self.world.name_params.shouted_share:
            return []
        seen = self.world.products.initialled(self.parsed.question, self.world.name_params.product_initials_min,
                                              keys_too=True)
        return seen if len({m.name for m in seen}) == 1 else []

    def pitched(self) -> tuple[list[str], str]:
        """What a pitch verb takes, or what the customer is said to want (`names.wanted_before`),
        described or typed short ("how do I pitch lineage to Oskar", "sell them dashboards this
        quarter", "he was keen on lineage", "Orchid wants gov"): the longest run of words after it
        that ends in a description of one product, or is the start of one product's name."""
        words = self.parsed.rest.split()
        params = self.world.name_params
        cues = self.world.book.words.get("pitch", frozenset()) | params.wanted_before | params.about_words
        longest = max((len(cue.split()) for cue in cues), default=1)
        for index in range(len(words)):
            size = next((size for size in range(longest, 0, -1) if " ".join(words[index:index + size]) in cues), 0)
            if not size:
                continue
            taken = words[index + size:index + size + self.world.name_params.described_max_words]
            for end in range(len(taken), 0, -1):
                if taken[end - 1] in PREPOSITIONS:
                    continue
                names, phrase = self.world.described.read(self.describing(" ".join(taken[:end])))
                if len(names) == 1:
                    return names, phrase
            started = self.world.products.resolve(taken[0]) if taken else None
            if started is not None and started.found and started.how == "prefix" and \
                    len(taken[0]) >= self.world.name_params.product_start_min and taken[0] not in self.world.common:
                return [started.name], taken[0]  # ("wants gov": the start of Governance Suite's name)
        return [], ""

    def asked_products(self) -> list[str]:
        """Several products named in a story of several sentences: the one its question sentence
        names, when that sentence names one and nothing is bundled ("I'm quoting Fjord's Governance
        and Studio separately. Governance first?")."""
        if self.parsed.revealed or len(sentences(self.parsed.question)) < 2:
            return []
        asked = question_sentence(self.parsed.question)
        named = {m.name for m in self.world.products.mentions(normalise(asked))} if asked else set()
        return sorted(named) if len(named) == 1 else []

    def not_owned_already(self, seen: list) -> list[str]:
        """Of several products named, those not said as owned already ("they already have the
        platform", "on top of the platform": what the account has is context, not the play)."""
        said_owned = self.said_owned(seen)
        return [name for name in dict.fromkeys(m.name for m in seen) if name not in said_owned] if said_owned else []

    def owned_all_said(self, seen: list) -> bool:
        """Every product named is said as owned already, and the message asks for a cross-sell ("they
        already run the platform and Studio: anything new?"): what they own is context, and the play is
        of a product they do not own (cross_sell.py)."""
        if not cross_sell.said(self.parsed.text, self.world):
            return False
        owned, text = self.said_owned(seen), self.parsed.text
        joined = self.world.name_params.owned_joined | {""}
        ordered = sorted(seen, key=lambda m: m.span)
        for before, after in zip(ordered, ordered[1:]):  # ("the platform and Studio": both said as owned)
            if before.name in owned and " ".join(text[before.span[1]:after.span[0]].replace(",", " ").split()) in joined:
                owned.add(after.name)
        return {m.name for m in seen} <= owned

    def said_owned(self, seen: list) -> set[str]:
        """The products of `seen` said right after `names.owned_before` words (within four words)."""
        text, owned_before = self.parsed.text, self.world.name_params.owned_before
        return {m.name for m in seen
                if any(f" {cue} " in f" {' '.join(text[:m.span[0]].split()[-4:])} " for cue in owned_before)}

    def besides_owned(self) -> None:
        """The product taken is one said as owned already ("they already run the platform at Juniper;
        is Insight Studio the natural add-on?"): the one other product typed, by a close spelling
        too, is the play."""
        request, said = self.request, self.said_as.get("product")
        if request.product is None or not said or request.change is not None:
            return
        seen = [m for m in self.world.products.mentions(self.parsed.text) if m.name == request.product]
        if not seen or not self.said_owned(seen):
            return
        rest = self.parsed.rest
        for key in {m.key for m in seen} | {said}:
            rest = re.sub(rf"(?<![\w']){re.escape(key)}(?![\w])", " ", rest)
        hits = {name for name, _part in self.world.products.find(rest, skip=self.world.common)} - {request.product}
        if not hits:  # ("already has the platform. Would audience export make sense on top?")
            hits = set(self.world.described.featured(rest)[0] or self.world.described.featured(rest, several=True)[0]
                       or self.world.described.named(rest)[0]) - {request.product}
        if len(hits) == 1:
            name = hits.pop()
            request.product = None
            request.typed.remove("product")
            self.said_as.pop("product", None)
            self.set("product", name, Resolution("found", name, name, how="mention", matched=_fold_name(name)))

    def owned_beside_new(self) -> None:
        """The product taken is one the account owns, no change of it is said, and the message names one
        other product, which it does not own ("the platform rollout at Delta went great, is MA next?",
        "their exec never saw how DP did, ok to take gov to him?"): the owned one is
        the first deal's history, the new one is pitched (implied_product.py `new_beside_owned`), unless
        the words tell of a bundle (then the play is the one it is built around)."""
        request = self.request
        if request.product is None or request.account is None or request.change is not None or \
                "product" not in request.typed or any(item.rule == "bundle.separate" for item in self.parsed.revealed):
            return
        seen = self.world.products.mentions(self.parsed.text)
        named = [request.product, *(m.name for m in [*seen, *self.started_beside(seen)])]
        try:
            new = new_beside_owned(self.world.account(request.account), self.world.catalog, named)
        except CoachError:
            return
        if new is not None and new != request.product:
            request.pitched_beside_owned = new  # (taken once the blockers are read: reading.py `choose_product`)

    def about_end(self) -> str:
        """The words after the last "about" ("re", "on", "regarding") when they end the message."""
        words = self.parsed.rest.split()
        about = self.world.name_params.about_words
        at = max((i for i, w in enumerate(words) if w in about), default=None)
        return " ".join(words[at + 1:]) if at is not None else ""

    def tier(self) -> None:
        """A tier named anywhere ("onto the Enterprise tier", "move Gale up to Enterprise"):
        the product it is a tier of, upgraded. Tier names can be ordinary words ("team"), so
        only one typed with a capital, or followed by a word that says it is a tier, counts."""
        typed = self.parsed.question.replace("\u2019", "'").split()
        for index, word in enumerate(typed):
            bare = word.strip("?!.,:;\"'()")
            after = typed[index + 1].strip("?!.,:;\"'()").casefold() if index + 1 < len(typed) else ""
            product = self.world.tiers.get(bare.casefold())
            # "bump acme to enterprise?": a tier the play moves to, where its clause ends
            # ("go enterprise?", "the bump to enterprise pitch": a product noun after it)
            moved_to = index and typed[index - 1].casefold() in self.world.name_params.tier_moved_to and \
                (index + 1 == len(typed) or word.rstrip("\"')")[-1:] in tuple("?!.,:;")
                 or after in self.world.name_params.product_nouns)
            if product and ((index and bare[:1].isupper()) or moved_to or
                            after in self.world.book.words.get("tier_words", ())):
                if self.request.product in (None, product):  # (a tier of another product: not this play's)
                    self.set("product", product, Resolution("found", bare, product, how="exact"))
                    self.tier_change()
                    # ("what about moving them up to Enterprise instead?": the slot said the tier, no name)
                    self.unresolved = [item for item in self.unresolved if bare.casefold() not in item[1].split()]
                return

    def tier_change(self) -> None:
        """A tier named is an upgrade, unless a change was said in full ("a 3yr term on the
        Enterprise tier"); one general word elsewhere ("seats are at 46 of 50") gives way to it."""
        _change, span = find_change(self.parsed.rest, self.world.book)
        if self.request.change is None or (span and " " not in self.parsed.rest[span[0]:span[1]].strip()):
            self.request.change = "higher_tier"

    def change_asked(self) -> None:
        """A story that asks, in its question sentence, about a change of what the account owns and
        names no product there ("Marcus wants quotes for capacity and for Governance, separately. Can I
        pitch the capacity?", "two quotes for Kestrel, seats and a longer platform term. seats first?"):
        of several changes told, the one asked about is the play's; a product named elsewhere that the
        change does not fit (not owned, or not sold so) gives way to the owned product it fits (the
        session picks it from the change)."""
        request = self.request
        if request.change not in UPSELL_CHANGES or request.account is None:
            return
        asked = question_sentence(self.parsed.question) if len(sentences(self.parsed.question)) >= 2 else None
        if not asked or self.world.products.mentions(normalise(asked)):
            return
        change, _span = find_change(normalise(asked), self.world.book)
        if change not in UPSELL_CHANGES:
            return
        request.change = change
        found = self.world.catalog.find(request.product) if request.product else None
        if found is None:
            return
        if (owner := self.world.on_record(request.account)) is None:
            return
        fits = [p.name for p in self.world.catalog.products
                if owner.ownership(p) is not None and change in applicable_changes(owner, p)]
        if owner.ownership(found) is not None and (request.product in fits or not fits):
            return  # (of the product named, or sold otherwise: "more seats" of capacity units is read there)
        request.product = None
        request.typed.remove("product")
        self.said_as.pop("product", None)

    def counted(self) -> None:
        """A count of what the account uses out of what it bought ("Borealis used 480 of 500 units",
        "at 46/50 seats"), in a message naming no product or change: the owned product sold in that
        unit (the catalog's `unit`) is the play; growing it is the engine's to derive."""
        request = self.request
        # (the account in focus, when the message names none: "they're at 780 of 1000 units, would more ...")
        account = request.account or self.focus_account
        if request.product is not None or request.change is not None or account is None:
            return
        found = re.search(r"\b\d[\d,.]*\s*(?:of|/|out of)\s*\d[\d,.]*\s+([a-z][\w-]*)", self.parsed.text)
        if found is None:
            return
        said = found.group(1).removesuffix("s")
        if (owner := self.world.on_record(account)) is None:
            return
        sold = [p.name for p in self.world.catalog.products if p.unit and owner.ownership(p) is not None
                and said in {w.removesuffix("s") for w in p.unit.casefold().split()}]
        if len(sold) == 1:
            request.product = sold[0]  # (not typed: the unit said it)
            request.notes.append(self.replies.say("note.took", typed=found.group(0), name=sold[0]))

    def upsold(self) -> None:
        """"Should I upsell Kestrel?": an upsell grows what the account owns (POLICY.md); with no
        product and no change named, the question back offers the products it owns, not the whole
        catalog. Of one product owned, the upsell is of that product ("upsell Juniper?": its Data
        Platform; the answer says so): which change is the engine's to derive, not a name to ask."""
        request = self.request
        # (words of a slot that name nothing and look like no product are no product named: "how's
        # borealis looking for an upsell")
        if request.product is not None or request.change is not None or request.account is None \
                or request.intent not in UPSELL_INTENTS \
                or any(self.looks_like_product(text) for _slot, text, _attempt in self.unresolved):
            return
        if not said_any(self.parsed.text, self.world.name_params.upsell_words):
            return  # (no upsell said: the account's record is not read)
        if (owner := self.world.on_record(request.account)) is None:
            return
        found = implied_product.implied(owner, self.world.catalog, self.parsed.text, motion=implied_product.UPSELL)
        if found.product is not None and request.ask_back is None:
            request.product = found.product  # (not typed: the account's record says it)
            request.notes.append(self.replies.say("note.only_owned", account=request.account, product=found.product)
                                 if len(implied_product.owned(owner, self.world.catalog)) == 1 else
                                 self.replies.say("note.sold_in", account=request.account, product=found.product,
                                                  unit=self.world.catalog.find(found.product).unit))
        elif found.candidates and request.ask_back is None:
            request.ask_back = ask_for(self.replies, "product", None, request, candidates=list(found.candidates))

    def change_around_name(self) -> None:
        """A change said around the account's name ("move Acme up a tier", "lock Lumen in for three
        years", "raise Ironwood's limit", "more Ironwood volume"): read again without the name, and
        with it as "them" ("their"), the way the `changes:` patterns say it."""
        if self.request.change is not None or self.request.account is None:
            return
        keys = {m.key for m in self.world.accounts.mentions(self.parsed.rest) if m.name == self.request.account}
        keys |= {self.said_as["account"]} if self.said_as.get("account") else set()
        for possessive, plain in (("", ""), ("their", "them")):
            masked = self.parsed.rest
            for key in sorted(filter(None, keys), key=len, reverse=True):
                masked = re.sub(rf"(?<![\w']){re.escape(key)}'s?(?![\w'])", possessive, masked)
                masked = re.sub(rf"(?<![\w']){re.escape(key)}(?![\w'])", plain, masked)
            if masked != self.parsed.rest:
                change, _span = find_change(" ".join(masked.split()), self.world.book)
                if change is not None:
                    self.request.change = change
                    return

    def change_misspelt(self) -> None:
        """A change's word misspelt ("pich capcity to evergren", "more licneses"): a word close to one
        of `names.change_words` (RapidFuzz, `names.change_typo`) is read as it, and the change again."""
        if self.request.change is not None or self.request.product is not None:
            return
        params = self.world.name_params
        words = self.parsed.rest.split()
        fixed = list(words)
        for index, word in enumerate(words):
            if len(word) >= params.min_length and word not in params.change_words and word not in self.world.common:
                close = [w for w in params.change_words if fuzz.ratio(word, w) >= params.change_typo]
                if len(close) == 1:
                    fixed[index] = close[0]
        if fixed != words:
            change, _span = find_change(" ".join(fixed), self.world.book)
            if change is not None:
                self.request.change = change

    def person_to_account(self) -> None:
        """A person named as the way to an account ("Priya's team", "the deal with Oskar"): their
        account, when only one has them; asked back with those accounts when several do. Only a
        name typed with a capital, as a possessive, in full or in a slot counts ("grace period"
        names nobody); a person at the account in focus keeps that account, one only at another
        account leads there ("DQ for Acme?" ... "write it up for Nadia": Nadia's account)."""
        if self.request.account is not None:
            return
        # ("@dana", "@Dana": a chat mention addresses someone, in lower case too)
        typed = self.parsed.question.replace("\u2019", "'").split()
        marked = {w.strip("?!.,:;\"'()@").casefold().removesuffix("'s") for w in typed
                  if w[:1].isupper() or w[:1] == "@" or w.casefold().rstrip("?!.,:;\"')").endswith("'s")}
        # ("a note to helen", "ping lars": a first name in lower case, where a person is addressed)
        addressed = self.world.name_params.person_lower_before
        marked |= {w.strip("?!.,:;\"'()").casefold() for before, w in zip(typed, typed[1:])
                   if before.strip("?!.,:;\"'()").casefold() in addressed}
        # ("I owe ingrid a follow-up", "loop in omar about it": inside the message, before what they are told)
        then = self.world.name_params.person_lower_then
        marked |= {w.strip("?!.,:;\"'()").casefold() for w, after in zip(typed[1:], typed[2:])
                   if after.strip("?!.,:;\"'()").casefold() in then}
        # ("chloe wants campaign tagging", "helen chaired the review": a first name starting the message,
        # saying what someone did)
        second = typed[1].strip("?!.,:;\"'()").casefold() if len(typed) > 1 else ""
        if second in self.world.name_params.person_lower_after or \
                (len(second) > 4 and second.endswith(self.world.name_params.person_lower_after_endings)):
            marked.add(typed[0].strip("?!.,:;\"'()").casefold())
        if self.focus_account and not self.unresolved and not marked - self.world.common - self.world.name_words:
            return  # (a follow-up that types no name: the people of every account are not read)
        everyone = self.world.everyone
        found = {m.name: m.key for m in everyone.names.mentions(self.parsed.text) if " " in m.key or m.key in marked}
        slots = []
        for slot, text, _attempt in self.unresolved:
            resolution = everyone.names.resolve(text)
            if resolution.how != "exact" and " " not in resolution.matched and \
                    not set(resolution.matched.split()) <= marked:
                continue  # a name inside a slot's words, or a close spelling, must be typed as one
                # ("been" is not "Ben"; "a grace period on the renewal" names nobody)
            if resolution.found or resolution.status == "ambiguous":
                found.update({name: text for name in resolution.candidates if resolution.found or text in marked})
                slots.append(text)
        homes = sorted({account for name in found for account in everyone.homes[name]})
        if not homes or (self.focus_account in homes):
            return
        if len(homes) > 1:
            if self.request.ask_back is None:
                self.request.ask_back = ask_for(self.replies, "account", Resolution("ambiguous", " ".join(found.values())),
                                                self.request, candidates=homes)
            return
        self.set("account", homes[0], Resolution("found", homes[0], homes[0], how="person"))
        ask = self.request.ask_back
        if ask is not None and ask.kind == "account" and homes[0] in ask.candidates:
            self.request.ask_back = None  # "Chloe at nimbus": the Nimbus Chloe works at
        self.unresolved = [item for item in self.unresolved if item[1] not in slots or len(found) > 1]
        people = sorted(found)
        self.request.notes.append(self.replies.say("note.took", typed=found[people[0]] if len(people) == 1 else
                                                   ", ".join(found.values()),
                                                   name=f"{' and '.join(people)} at {homes[0]}"))

    def people(self) -> None:
        """A slot that named no account or product may name a person at the account ("to Priya")."""
        account = self.request.account or self.focus_account
        if account and self.request.person is None:
            people = self.world.people(account)
            # "skip Dana", "over Raj's head": not the one pitched ("in front of Raj" is)
            params = self.world.name_params
            found = {m.name for m in people.mentions(self.parsed.rest)} - \
                people.aimed(self.parsed.question, params.person_passed_after, against=params.person_before)
            if len(found) > 1:  # "the CFO isn't involved; I'd go through Mia": the one aimed at
                found &= people.aimed(self.parsed.question, self.world.name_params.person_before)
            if len(found) == 1:
                name = found.pop()
                self.set("person", name, Resolution("found", name, name, how="mention"))
            elif not found:
                self.title_reordered(account)
            if self.request.person is None:
                self.by_role(account)
            if self.request.person is None and not found and \
                    (misspelt := aimed_misspelt(self.parsed.question, account, self.world)) is not None:
                # "take DQ to Pryia at Acme": a misspelt name where the pitch is aimed, inside another name's slot
                typed, name = misspelt
                self.set("person", name, Resolution("found", typed, name, how="fuzzy", matched=typed))
        left = []
        for slot, text, attempt in self.unresolved:
            if account:
                resolution = self.world.people(account).resolve(text)
                if resolution.how == "fuzzy" and not self.capitalised(resolution.matched) and \
                        not self.addressed(resolution.matched):
                    resolution = Resolution("unknown", text)  # ("same product" is no misspelt Sam)
                if resolution.status == "unknown" and (aimed := self.aimed_words(text)) != text:
                    resolution = self.titled(account, aimed) or resolution  # "ironwood through the VP": the VP
                if resolution.found and self.request.person in (None, resolution.name):
                    self.set("person", resolution.name, resolution)
                    continue
            left.append((slot, text, attempt))
        self.unresolved = left

    def capitalised(self, words: str) -> bool:
        """Whether the words were typed with a capital (a name misspelt in lower case, "same", "been",
        is an ordinary word: only a capitalised one is read as a person's name spelt closely)."""
        typed = {w.strip("?!.,:;\"'()").removesuffix("'s") for w in self.parsed.question.replace("\u2019", "'").split()}
        return any(w.capitalize() in typed or w.upper() in typed for w in words.split())

    def by_role(self, account: str) -> None:
        """A stakeholder named by their role where the pitch is aimed ("pitch MA to Delta's champion",
        "through the budget owner at Acme", `names.role_words`): the one person at the account with it."""
        if (found := self.world.on_record(account)) is None:
            return
        people = found.stakeholders
        before = self.world.name_params.person_before
        typed = [w.strip("?!.,:;\"'()").removesuffix("'s") for w in self.parsed.text.split()]
        for role, phrases in self.world.name_params.role_words:
            for phrase in phrases:
                said = phrase.casefold().split()
                for i in range(1, len(typed) - len(said) + 1):
                    if typed[i:i + len(said)] == said and \
                            any(phrase_ending(typed[:end], before) for end in range(max(1, i - 2), i + 1)):
                        fits = [p.name for p in people if p.has_role(role)]
                        if len(fits) == 1:
                            self.set("person", fits[0], Resolution("found", phrase, fits[0], how="role", matched=phrase))
                            return

    def titled(self, account: str, words: str) -> Resolution | None:
        """The one person at the account a slot's words name after whom it is aimed through: by a
        spelling's start, or by a whole word of their title ("VP" of "VP Customer Analytics")."""
        people = self.world.people(account)
        found = people.resolve(words)
        if found.how in ("exact", "prefix"):
            return found
        if " " in words or not words:
            return None
        fits = {name for spelling, names in people.keys.items() if words in spelling.split() for name in names}
        return Resolution("found", words, fits.pop(), how="prefix", matched=words) if len(fits) == 1 else None

    def aimed_words(self, text: str) -> str:
        """The words of a slot after the one it is aimed through ("through the vp", "via their finance
        director"): without the leading `names.person_before` words and noise."""
        skip = self.world.name_params.person_before | self.world.book.words.get("noise", frozenset())
        words = text.split()
        while words and (size := phrase_opening(words, skip)):
            del words[:size]  # (the longest leading phrase: "in front of the vp")
        return " ".join(words)

    def addressed(self, words: str) -> bool:
        """Whether the words follow one of `names.person_before` ("through pryia", "via dna"), or hold one."""
        before = self.world.name_params.person_before
        typed = [w.strip("?!.,:;\"'()") for w in self.parsed.text.split()]
        said = words.split()
        if any(f" {phrase} " in f" {words} " for phrase in before):
            return True
        return any(typed[i:i + len(said)] == said and phrase_ending(typed[:i], before) for i in range(len(typed)))

    def title_reordered(self, account: str) -> None:
        """A stakeholder by the words of their title in another order ("Ironwood's customer analytics
        VP" for the VP Customer Analytics): the one person whose title's words are typed side by side."""
        if (found := self.world.on_record(account)) is None:
            return
        people = found.stakeholders
        small = ("of", "and", "the", "&")
        typed = [w.removesuffix("'s") for w in self.parsed.rest.split() if w not in small]
        shortest = self.world.name_params.product_start_min  # ("data eng lead": a title's word typed short)
        short = dict(self.world.name_params.title_shorthand)  # ("VP of Marketing Ops")
        fits = set()
        for person in people:
            words = [w for w in (person.title or "").casefold().split() if w not in small]
            if len(words) < 2:
                continue
            if any(_said_in_any_order(words, typed[i:i + len(words)], shortest, short)
                   for i in range(len(typed) - len(words) + 1)):
                fits.add(person.name)
        if len(fits) == 1:
            name = fits.pop()
            self.set("person", name, Resolution("found", name, name, how="mention"))

    def someone_elsewhere(self) -> None:
        """A person named at an account they are not a stakeholder of ("pitch DQ to Tom at
        Kestrel", Tom being at Acme): asked back with the account's people, never dropped."""
        account = self.request.account
        if account is None or self.request.person is not None or self.request.ask_back is not None or \
                self.request.intent in ACCOUNT_ONLY:
            return  # (a question for the account's plays or its QBR pitches no one: "taking over Mariner from Sam's book")
        before = self.world.name_params.person_before
        typed = [w.removesuffix("'s") for w in self.parsed.text.split()]
        skip = self.world.common | self.world.name_words
        # (a word in lower case names someone only where they are addressed, `person_lower_before`: "green
        # light or park it?" names no Elena Park)
        lower = self.world.name_params.person_lower_before
        maybe = {w for i, w in enumerate(typed) if w not in skip and phrase_ending(typed[:i], before)
                 and (self.capitalised(w) or phrase_ending(typed[:i], lower))}
        maybe |= {w for w in typed if w not in skip and f"{w}'s" in self.parsed.text.split()}
        if not maybe:
            return  # (the people of every account are read only when a word may name someone)
        everyone = self.world.everyone
        here = set(self.world.people(account).names)
        for mention in everyone.names.mentions(" ".join(sorted(maybe))):
            if mention.name not in here and account not in everyone.homes[mention.name]:
                people = sorted(here)
                self.request.ask_back = ask_for(self.replies, "person", Resolution("unknown", mention.key),
                                                self.request, candidates=people)
                return

    def unknown_names(self) -> None:
        """A typed name that matched nothing: ask back when that kind is still missing."""
        named = {w for kind in ENTITIES for w in (getattr(self.request, kind) or "").casefold().split()}
        for slot, text, attempt in self.unresolved:
            if set(text.split()) & named:
                continue  # the words overlap a name found elsewhere ("Evergreen Media: time for ...")
            kinds = [k for k in SLOT_KINDS.get(slot, ()) if k in ENTITIES]
            if self.request.intent in ACCOUNT_ONLY:
                kinds = [k for k in kinds if k == "account"]  # a QBR or the plays need no product
            missing = [k for k in kinds if getattr(self.request, k) is None]
            if missing[:1] == ["product"] and not self.looks_like_product(text):
                continue  # "is there a case for more seats": an ordinary word, not a product name
            if missing[:1] == ["account"] and self.focus_account and self.of_the_focus(text):
                continue  # "they're at 780 of 1000 units, would more ...": the account in focus, no name
            if missing[:1] == ["product"] and text in self.world.measures:
                continue  # "Nimbus CSAT is 2.4 but ...": a measure the figures read, not an unknown product
            if missing[:1] == ["product"] and self.request.change in UPSELL_CHANGES and self.no_name_typed(slot, text):
                # ("more capacity to Acme's EMEA team", "Acme sent an RFP for more capacity"): a change of what is
                # owned says which products are left (README's table, implied_product.py); no unknown product is
                # asked about
                continue
            if missing[:1] == ["product"] and self.describing(text) != text:
                continue  # "Elena (director of compliance analytics) asked ...": a person's title, no product
            if missing and self.request.ask_back is None:
                self.request.ask_back = ask_for(self.replies, missing[0], attempt, self.request,
                                                candidates=list(attempt.candidates))

    def of_the_focus(self, text: str) -> bool:
        """Words of a slot that say the account in focus, not another one's name: they open with its
        pronoun (session words `they`: "they're at 780 of 1000"), or are a clause of more words than a
        name has, like no account's name."""
        words = text.split()
        return bool(words) and words[0] in self.world.book.session_words.get("they", frozenset()) or \
            len(words) > self.world.name_params.max_words and not self.world.accounts.close(text)

    def looks_like_product(self, text: str) -> bool:
        """Typed with a capital (not where a sentence starts, not a word with a digit such as
        "Q4", not an executive's title such as "COO") or spelt close to a product in the catalog."""
        capitalised = self.capitalised_words()
        params = self.world.products.params
        if len(text) < params.like_product_min_length:  # "love" is not a misspelt "Gov Suite"
            return bool(set(text.split()) & capitalised)
        if len(text.split()) > params.max_words:  # words of a clause ("COO she has no idea how ..."), no name
            return bool(self.world.products.close(text, minimum=params.like_product))
        return bool(set(text.split()) & capitalised) or bool(self.world.products.close(text, minimum=params.like_product))

    def no_name_typed(self, slot: str, text: str) -> bool:
        """Whether a slot's words that named nothing are no name typed: words beside another slot's name
        ("Acme's EMEA team"), or a clause with a capitalised word in it ("sent an RFP"); a name typed in
        capitals throughout ("Quantum Widgets") is one."""
        return slot != "product" or bool(set(text.split()) - self.capitalised_words() - self.world.name_words)

    def capitalised_words(self) -> set[str]:
        """The words typed with a capital that may start a name (looks_like_product), folded; read once."""
        if self._capitalised is None:
            self._capitalised = self._capitalised_words()
        return self._capitalised

    def _capitalised_words(self) -> set[str]:
        typed = self.parsed.question.split()
        titles = cached_group(tuple(self.world.name_params.executive_titles))
        return {w.strip("?!.,:;\"'").casefold() for before, w in zip(typed, typed[1:])
                       if w[:1].isupper() and not any(c.isdigit() for c in w)
                       and w.replace("\u2019", "'").split("'")[0] != "I"  # (the pronoun: a capital anywhere, "I'm")
                       and not before.rstrip("\"')")[-1:] in tuple(".?!:")
                       and titles.first(Said.of(w)) is None
                       and w.strip("?!.,:;\"'").casefold() not in self.world.name_params.calendar_words}

    def revealed(self) -> None:
        for item in self.parsed.revealed:
            sets = dict(item.sets)
            if item.bundle is not None:
                typed = clean_slot(item.bundle, self.world.book) or item.bundle
                resolution = self.world.products.resolve(typed)
                if not resolution.found and not self.looks_like_product(typed):
                    # "as one deal with a price break": no product there; the bundle is with the
                    # other products the message names, or asked about when it names none
                    others = sorted({m.name for m in self.world.products.mentions(self.parsed.question)}
                                    - {self.request.product})
                    if not others:
                        self.request.unsure.append({"id": item.id, "code": item.rule, "phrase": item.phrase,
                                                    "confidence": 0.0})
                        continue
                    resolution = Resolution("found", typed, others[0], tuple(others))
                    sets["bundled_with"] = others
                elif not resolution.found:
                    if self.request.ask_back is None:
                        self.request.ask_back = ask_for(self.replies, "product", resolution, self.request)
                    continue
                else:
                    sets["bundled_with"] = [self.bundled_with(resolution.name)]
            item.resolved = sets
            self.request.play_facts.update(sets)
            self.request.applied.append({"id": item.id, "phrase": item.phrase, "sets": sets, "rule": item.rule,
                                         "says": item.describe()})
        if self.parsed.amount is not None:
            self.request.play_facts["amount"] = self.parsed.amount


    def bundled_with(self, typed: str) -> str:
        """What the play goes out with, of the product typed after "package with": the play is the one
        named first ("a package with the DQ and the Governance": DQ, with Governance), and the product
        taken from the other words goes with it then."""
        request = self.request
        named = self.world.products_in_order(self.parsed.question) if request.product else []
        if request.change in (None, "new_product") and typed in named and request.product in named and \
                named.index(typed) < named.index(request.product):
            request.product, typed = typed, request.product
        return typed


def understand(parsed: Parsed, world: KnownNames, replies: Replies, focus_account: str | None = None, *,
               fragment_words: int) -> Request:
    resolver = _Resolver(parsed, world, replies, focus_account)
    request = resolver.request
    if parsed.intent in NAMELESS:
        if parsed.intent == "framework" and not request.topic:
            request.topic = parsed.slots.get("topic")
        return request
    if parsed.intent is None:
        # Nothing in the phrasebook fits: the words may still name an account or product.
        # A fragment ("acme dq?", meaning.yaml's fragment_words) is read as names; a longer text is not.
        resolver.parsed.slots = {"target": parsed.rest} if len(parsed.rest.split()) <= fragment_words else {}
    resolver.exact_account()
    resolver.products_as_choice()
    resolver.slots()
    resolver.mentions()
    resolver.besides_owned()
    resolver.tier()
    resolver.change_around_name()
    resolver.change_misspelt()
    resolver.upsold()
    resolver.person_to_account()
    resolver.change_asked()
    resolver.counted()  # (the account may be known from a person only now: "Marcus wants ...")
    resolver.owned_beside_new()  # (now that every change said is read)
    resolver.people()
    resolver.someone_elsewhere()
    resolver.revealed()
    if parsed.intent is None:
        resolver.unresolved = []  # free text that names nothing is unclear, not an unknown name
        named = request.typed or request.change or request.play_facts
        request.intent = "followup" if named else "unclear"
        return request
    resolver.unknown_names()
    resolver.several_asked()
    return request
