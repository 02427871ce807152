"""The understanding layer around the patterns: intent by meaning when the patterns read
nothing, blockers in the AM's words by meaning with a confidence, and the question asked when
the coach is unsure (with the reply to it read in the next turn).

Patterns first where they are certain: a question they read whole, with no word that could
reveal a blocker, never loads the embedding model (`Meaning.needs_model`).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.conversation import cues as cue_words
from assistant.conversation.answer import AskBack
from assistant.conversation.answered_no import denied
from assistant.conversation.years_gone import year_gone
from assistant.conversation.deadlines import deadline_reader, in_quota_window, play_unowned
from assistant.conversation.figures import FigureReader, compile_figures, read_figures
from assistant.conversation.voice import SpeechReader, Voice
from assistant.conversation.implied_product import fitting, new_beside_owned, not_owned
from assistant.conversation.intents import Parsed, find_change, find_revealed, first_asked, normalise
from assistant.conversation.intent_model import IntentModel, load_intent_model
from assistant.conversation.meaning import (UNREAD, ClauseCutter, Meaning, ModelEmbedder, clause_pattern, clause_split,
                                            clauses, model_words, words)
from assistant.conversation.meaning_spec import BlockerMeaning, MeaningSpec, load_meaning_spec
from assistant.conversation.phrasebook import Phrasebook
from assistant.conversation.occasion import without_label
from assistant.conversation.spans import find as find_span
from assistant.wording import Replies
from assistant.conversation.understand import Request
from assistant.phrase_patterns import alternation
from assistant.conversation.known_names import KnownNames

# Intents about one play: the words of such a question may reveal facts about the play.
PLAY_INTENTS = ("check_play", "why", "why_not", "who_sponsor", "draft", "followup")
# ... and those whose words are read for blockers by meaning ("why not?" or "who sponsors it?"
# ask about the verdict; they state no facts of their own).
STATING_INTENTS = ("check_play", "draft", "followup")
# ... and those read for blockers by their cue words alone ("why is it a hold? they've escalated
# twice", "who sponsors it? I'd go over Oskar's head"): a fact told beside the question is heard,
# while likeness in meaning alone, which a bare "why not?" has to many examples, is not.
CUED_INTENTS = ("why", "why_not", "who_sponsor")
# ... and the questions about an account's plays, read the same way: a blocker told beside them
# ("what can I sell Acme before my quarter closes?", "any plays at Delta? they're furious") is
# applied to every listed play (Coach.plays what-ifs), or asked about. A bundle is not: it needs
# the play it goes with, and a list has none.
# A review meeting's talk tracks (`qbr`) follow every play's verdict the same way ("qbr w/ delta fri. they're
# furious abt the outage. talk track?": its plays are judged on it).
LISTING_INTENTS = ("list_plays", "qbr")
_CLAUSES_KEPT = 512  # texts whose cue words a Reader remembers (a turn reads a few dozen)
_MEANINGS: dict[tuple, Meaning] = {}  # one per data file and model per process (web/Slack workers share it)
_LOCK = threading.Lock()


def without_phrases(clause: str, phrases: list[str]) -> str:
    """The clause without the phrases already read in it as play facts (normalised, as the phrases
    are), or the clause itself when it has none: what else it tells is still read ("renewal price only
    if they take DQ | as one discounted bundle")."""
    text = normalise(clause)
    told = [p for p in phrases if p and p in text]
    for phrase in told:
        text = text.replace(phrase, " ")
    return " ".join(text.split()) if told else clause


def shared_meaning(settings, spec: MeaningSpec, book: Phrasebook, embed=None) -> Meaning:
    key = (spec.digest, str(getattr(settings, "embedding_model_dir", None)), str(settings.data_dir), id(embed))
    with _LOCK:
        if key not in _MEANINGS:
            embedder = embed or ModelEmbedder(getattr(settings, "embedding_model_dir", None),
                                              spec.thresholds.encode_threads,
                                              cache_dir=getattr(settings, "embedding_cache_dir", None))
            fingerprint = embedder.fingerprint() if isinstance(embedder, ModelEmbedder) else "custom"
            _MEANINGS[key] = Meaning(spec, embedder, Path(settings.data_dir) / "cache", fingerprint)
        return _MEANINGS[key]


@dataclass(frozen=True)
class _Parts:
    """What a Reader derives from the data files alone: built once per meaning file and phrasebook
    per process (a Conversation is made per chat turn; its Reader must not compile them again)."""

    book: Phrasebook  # held, so that the id in the key stays this book's
    cues: cue_words.CompiledCues
    known_words: frozenset[str]  # the phrasebook's own words
    intent_words: frozenset[str]  # the words of the intent examples
    question_words: frozenset[str]
    negations: frozenset[str]
    spelling: cue_words.Spelling  # its memo of folded words is shared too
    clause_re: ClauseCutter
    executive_titles: cue_words.Words
    deadline_asks: cue_words.Words  # a person at the account asking for the date (deadlines: asked_by)
    figures: tuple[FigureReader, ...] = ()  # measures whose figure states a blocker ("CSAT 2.1")
    speech: SpeechReader | None = None  # a customer's words quoted in the message


_PARTS: dict[tuple, _Parts] = {}


def _parts(spec: MeaningSpec, book: Phrasebook, model_dir=None) -> _Parts:
    """`model_dir`: the configured model folder, whose vocabulary tells a real word from a misspelt cue word."""
    key = (spec.digest, id(book), str(model_dir))
    with _LOCK:
        if key not in _PARTS:
            compiled = cue_words.compile_cues(spec)
            known_words = frozenset(w for group in book.words.values() for phrase in group for w in phrase.split())
            intent_words = frozenset(w for examples in spec.intents.values() for t in examples for w in words(t))
            t = spec.thresholds
            # (words of the blocker and neutral examples and of the deadlines are words, not misspellings:
            # "quoting" is a form of "quote", not a misspelt "quota")
            example_words = frozenset(w for b in spec.blockers for t in b.examples for w in words(t)) | \
                frozenset(w for t in spec.neutral for w in words(t)) | \
                frozenset(w.rstrip("*") for w in (spec.deadlines.acts if spec.deadlines else ()) if " " not in w)
            spelling = cue_words.Spelling(spec.shorthand, compiled.vocabulary, known_words | intent_words | example_words,
                                          t.typo_score, t.typo_length, t.typo_keyboard,
                                          lambda: model_words(model_dir))
            _PARTS[key] = _Parts(book, compiled, known_words, intent_words,
                                 frozenset(w.casefold() for w in spec.question_words),
                                 frozenset(w.casefold() for w in spec.negations), spelling,
                                 clause_pattern(spec.clause_words, spec.cue_phrases()),
                                 cue_words.group(spec.names.executive_titles),
                                 cue_words.group(spec.deadlines.asked_by if spec.deadlines else ()),
                                 compile_figures(spec),
                                 SpeechReader(spec.customer_speech) if spec.customer_speech else None)
        return _PARTS[key]


def _spaced(text: str) -> str:
    """The text with runs of spaces and tabs as one space (as clauses are cut), lines kept, and
    plain apostrophes (as normalised text has them)."""
    return re.sub(r"[^\S\n]+", " ", text).replace("\u2019", "'").replace("\u2018", "'")


def _policy_limits(settings) -> dict:
    """The policy's parameters (rules/parameters.yaml of the settings), until the coach's own are
    known (`know_accounts`); none when the folder has none (no figure is then read)."""
    from assistant.policy.rules import RuleLoadError, read_rules_file

    try:
        params = read_rules_file(Path(settings.rules_dir) / "parameters.yaml")
    except (RuleLoadError, OSError):
        return {}
    return dict(params) if isinstance(params, dict) else {}


class Reader:
    def __init__(self, settings, book: Phrasebook, replies: Replies, embed=None, today: dt.date | None = None):
        """`today`: the day deadlines in words are read from (None: the clock's)."""
        self.settings, self.book, self.replies, self._embed = settings, book, replies, embed
        self.today = today
        self.spec = load_meaning_spec(settings.prompts_dir)
        self._meaning: Meaning | None = None
        self._intent_model: IntentModel | None | bool = None  # False: turned off (intent_model.yaml `use`)
        parts = _parts(self.spec, book, getattr(settings, "embedding_model_dir", None))
        self.known_words, self._iw = parts.known_words, parts.intent_words
        compiled = parts.cues
        self.cue_rules, self.past_markers, self.past_over = compiled.rules, compiled.past, compiled.past_over
        self.hint_words, self.applies_with = compiled.hints, compiled.applies_with
        self.conditional, self.calm_words = compiled.conditional, compiled.calm
        self.compared = compiled.compared
        self.supposed = compiled.supposed
        self.condition_opens = compiled.opens
        self.customer_timing_rules = compiled.customer_timing
        self.sure_rules = compiled.sure
        self.question_words, self.negations = parts.question_words, parts.negations
        self.spelling, self.clause_re, self.executive_titles = parts.spelling, parts.clause_re, parts.executive_titles
        self.deadline_asks = parts.deadline_asks
        self.figures = parts.figures
        # (the measures the figures are of, "csat", "nps": words the coach reads, no unknown product's name)
        self.measures = frozenset(" ".join(w.casefold().split()) for figure in self.spec.figures for w in figure.words)
        self.speech = parts.speech
        self._heard: tuple[str, Voice] | None = None  # the message being read and its customer's words (hear)
        self._speakers = None  # the people on record, by name, lower case: who may be quoted (know_accounts)
        self.limits: dict = _policy_limits(settings)  # the limits figures are compared with (and know_accounts)
        self.owners: re.Pattern | None = None  # account possessives (know_accounts)
        self._plays_in = None  # folded text -> where it names a play (know_accounts)
        self._suggests: re.Pattern | bool | None = None  # an opening that suggests, "why not" (said)
        self._owner_names: tuple[str, ...] = ()
        self._possessive_re: tuple[str, re.Pattern] | None = None  # (the owners' pattern it was built with, it)
        # One turn reads the same clauses several times (the blockers, what the message calms or
        # takes back, whether a pattern is sure): their words and cues are worked out once per
        # Reader (forgotten when the account possessives change, and when many are kept).
        self._said: dict[str, cue_words.Said] = {}
        self._cued: dict[tuple[str, bool], frozenset[str]] = {}  # (clause, read across clauses)
        self._figured: dict[str, frozenset[str]] = {}  # text -> the blockers its figures state
        self._cue_table: list | None = None  # (blocker, cue and sure rules, condition words): _cue_rules_of
        self._denied: dict[str, frozenset[str]] = {}  # message -> its clauses answered no (denied_clauses)

    @property
    def meaning(self) -> Meaning:
        if self._meaning is None:
            self._meaning = shared_meaning(self.settings, self.spec, self.book, self._embed)
        return self._meaning

    @property
    def model_loaded(self) -> bool:
        return self._meaning is not None and self._meaning._vectors is not None

    # -- intent ---------------------------------------------------------------------------------
    def intent_texts(self, parsed: Parsed, world: KnownNames) -> list[str]:
        """What is read for the intent, in the order tried (names masked as ACCOUNT/PRODUCT, as
        the examples write them): a story's question sentence, the words the phrases left, the
        question's last clause."""
        if not any(w.isalpha() for w in parsed.text.split()):
            return []
        question = without_label(parsed.question, self.spec.occasion_labels)  # ("pipeline review: ...")
        sentences = [x for x in re.split(r"(?<=[.!?])\s+", question.strip()) if x.strip()]
        asked = [x for x in sentences if x.rstrip().endswith("?")] or sentences[-1:]
        texts = []
        if len(sentences) > 1 and asked and (len(words(asked[-1])) > self.spec.thresholds.fragment_words or
                                             first_asked(parsed, self.book) is not None):
            # A story of several sentences: what it asks is in its question, not in the facts
            # told before it (a short one, "Good plan?", means the story: read whole below; but
            # not one that asks first, "harbor, anything worth pitching? my quarter ...": it is the question).
            texts.append(self._masked(normalise(asked[-1]), world))
        texts.append(self._masked(parsed.rest or parsed.text if question == parsed.question else normalise(question), world))
        # A story with the question at the end: the question alone is read ("I've got 90
        # days, where should the expansion effort go?" -> the last clause).
        parts = [p for p in clause_split(asked[-1], self.clause_re) if len(words(p)) >= self.spec.thresholds.blocker_min_words] \
            if asked else []
        if parts and normalise(parts[-1]) != normalise(question):
            texts.append(self._masked(normalise(parts[-1]), world))
        return list(dict.fromkeys(texts))

    def intent(self, parsed: Parsed, world: KnownNames, skip: frozenset[str] = frozenset(),
               learned: bool = True, lifted: frozenset[str] = frozenset()) -> Parsed | None:
        """The intent by meaning: the first of `intent_texts` the nearest examples read for sure, as none
        of `skip`; and the trained model's when it is sure of one other than `skip` (intent_model.py:
        before them in mode `first`, after them in mode `after`, unless the examples nearest the whole
        message are those of asking nothing). `learned` False: the examples alone (an LLM configured
        reads what they cannot). `lifted`: intents of `skip` the model may still read when it
        overrules (intent_model.yaml `overrule`)."""
        texts = self.intent_texts(parsed, world)
        model = self.intent_model if texts and learned else None
        whole = self._masked(parsed.text, world) if model is not None else None
        if texts:
            # one encode for all of them (each is read from memory below)
            self.meaning.embed_texts(texts + ([whole] if whole is not None else []))
        learned = model.read(whole, self.meaning.embed_texts([whole])[0]) if model is not None else None
        if learned is not None and model.settings.mode == "first":
            if learned.intent == UNREAD:
                return None  # sure it asks nothing the coach answers
            if learned.intent not in skip:
                return self.with_intent(parsed, learned.intent, f"model: {learned.intent} ({learned.probability:.2f})")
        if self._overrules(model, learned, skip - lifted, whole):
            # (mode `after`: the model all but certain, the nearest examples read after it)
            return self.with_intent(parsed, learned.intent, f"model: {learned.intent} ({learned.probability:.2f})")
        for text in texts:
            reading = self.meaning.intent(text)
            if reading is not None and reading.intent not in skip:
                return self.with_intent(parsed, reading.intent, f"meaning: {reading.example} ({reading.score:.2f})")
        if learned is not None and learned.intent not in (UNREAD, *skip) and not self.meaning.reads_nothing(whole):
            # (mode `after`: what the nearest examples could not read for sure, the model may)
            return self.with_intent(parsed, learned.intent, f"model: {learned.intent} ({learned.probability:.2f})")
        return None

    def _overrules(self, model, learned, skip: frozenset[str], whole) -> bool:
        """Whether the trained model's reading is sure enough (intent_model.yaml `overrule`) to be taken
        before the nearest examples'."""
        least = model.settings.overrule if model is not None else None
        return least is not None and learned is not None and learned.probability >= least and \
            learned.intent not in (UNREAD, *skip) and not self.meaning.reads_nothing(whole)

    def intent_rankings(self, parsed: Parsed, world: KnownNames) -> list[list]:
        """Every intent, best first, for each of `intent_texts` (their vectors are in memory by
        now: no new encode)."""
        return [self.meaning.ranking(text) for text in self.intent_texts(parsed, world)]

    @staticmethod
    def with_intent(parsed: Parsed, intent: str, pattern: str) -> Parsed:
        """The message read as `intent` (its names are then found anywhere in it, not in slots)."""
        return Parsed(question=parsed.question, text=parsed.text, rest=parsed.rest, intent=intent,
                      slots={}, change=parsed.change, revealed=parsed.revealed, amount=parsed.amount,
                      pattern=pattern, parser="meaning", first=parsed.first)

    @property
    def intent_model(self) -> IntentModel | None:
        """The trained intent model (read from its file once per process), or None when turned off."""
        if self._intent_model is None:
            self._intent_model = load_intent_model(self.settings.prompts_dir) or False
        return self._intent_model or None

    def words_intent(self, parsed: Parsed, world: KnownNames):
        """The intent the trained model's words alone read for sure (intent_model.yaml `override_check`;
        no sentence vector, so the embedding model is not loaded), or None."""
        model = self.intent_model
        if model is None or model.settings.override_check is None:
            return None
        return model.read_words(self._masked(parsed.text, world))

    def masked_message(self, text: str, world: KnownNames) -> str:
        """The text with the accounts and products it names as ACCOUNT and PRODUCT (as the example
        phrasings and the intent model's training turns write them)."""
        return self._masked(text, world)

    def _masked(self, text: str, world: KnownNames) -> str:
        out = text
        for kind, placeholder in (("account", "ACCOUNT"), ("product", "PRODUCT")):
            for _name, part in world.names(kind).find(out, skip=world.common):
                # whole words only: the "ma" of "making" is no Marketing Automation
                out = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", placeholder, out)
        return out

    # -- blockers in words -----------------------------------------------------------------------
    def blockers(self, request: Request, parsed: Parsed, world: KnownNames, play_in_focus: bool,
                 focus_product: str | None = None, cued_only: bool = False) -> None:
        """Blockers the words reveal that the phrases did not: applied when confident, else asked.
        Words that only state facts ("they've been unhappy lately") apply to the play in focus.
        `cued_only`: only clauses whose cue words name the blocker are read (a question that is not
        a check of the play, telling a fact beside it)."""
        self._read_blockers(request, parsed, world, play_in_focus, focus_product, cued_only)
        self.choose_product(request, world)

    def told_of_play(self, told: Request, parsed: Parsed, world: KnownNames, focus_account: str | None,
                     play_in_focus: bool, focus_product: str | None, named: bool = False) -> bool:
        """Whether a message read as another question (the framework, the quarter's focus, the
        plays) tells a blocker by its cue words of a play it names ("I told Dana the renewal terms
        depend on the DQ deal. Right move?", "Kestrel seats would really help my quarter"): `told`
        is the message read as a check of that play, and is read for blockers. `named`: the message
        itself must name the account or the product (a question about the framework asked while a
        play is in focus stays one)."""
        names_play = bool(told.product or told.change or told.products_named)
        if told.ask_back is not None and not (told.ask_back.kind in ("account", "product") and names_play):
            return False  # (an unknown account beside a named product: asked back, the blocker kept)
        if not (told.account or focus_account or told.ask_back is not None):
            return False
        if not (names_play or told.applied or play_in_focus):
            return False
        if named and not ({"account", "product"} & set(told.typed) or told.ask_back is not None):
            return False
        if not told.applied:
            self.blockers(told, parsed, world, play_in_focus, focus_product, cued_only=True)
        return bool(told.applied or told.unsure)

    def choose_product(self, request: Request, world: KnownNames) -> None:
        """Several products named and no bundle read: the one named outside the clauses that told
        a blocker ("pitch her DQ, she never saw what the platform did") is the play's, if one; else, of
        the products named, the one the account does not own beside those it owns, unless a bundle is
        read ("the platform rollout went great at Delta, is MA next?")."""
        bundled = any(item.get("rule") == "bundle.separate" or item.get("code") == "bundle.separate"
                      for item in [*request.applied, *request.unsure])
        if request.product is not None and request.pitched_beside_owned and not bundled and request.ask_back is None and \
                request.change in (None, "new_product") and "product" in request.typed:
            request.product, request.change = request.pitched_beside_owned, None
            return
        if request.product is not None or len(request.products_named) < 2:
            return
        if bundled and request.intent != "followup":
            # ("sell MA together with 25 Studio seats in one package": a bundle read by its phrase is built
            # around the product named first, whatever change is said of the other)
            self._bundle_play(request, None, world)
            return
        told = {normalise(item.get("phrase", "")) for item in [*request.applied, *request.unsure]}
        # (every clause, one word too: "they love the platform - DQ?" asks of DQ)
        every = [" ".join(part.split()) for part in self.clause_re.split(request.question) if part.strip()]
        said = [c for c in every if normalise(c) not in told]
        written = {m.name for m in world.products.mentions(request.question)}
        short = {m.name for m in world.products.short_forms(request.question, world.name_params.product_start_min)}
        # (a product typed short, "push gov", is not found written out: it is left in)
        left = [n for n in request.products_named if (n in short and n not in written)
                or any(m.name == n for c in said for m in world.products.mentions(c))]
        offered = request.ask_back is not None and request.ask_back.kind == "product"  # ("DQ vs Governance?")
        if len(left) != 1 and request.account and request.change in (None, "new_product") and not bundled \
                and not offered:
            # ("the platform rollout went great at Delta, is MA next?": the one it does not own is pitched)
            owner = world.on_record(request.account)
            new = new_beside_owned(owner, world.catalog, request.products_named) if owner is not None else None
            left = [new] if new else left
        if len(left) == 1:
            request.product = left[0]
            request.typed.append("product")
            self._answered(request)

    def _bundle_play(self, request: Request, focus_product: str | None, world: KnownNames) -> None:
        """Which product is the play when the words tell of a bundle (applied or asked about): the one
        named first, however it is named ("package the compliance module with DQ", "gov + a 3yr
        platform term as one package"); the rest go with it."""
        named = world.products_in_order(request.question)
        if len(named) >= 2 and request.product in named and request.product != named[0]:
            if request.change is not None and not self._change_of(request, named[0], world):
                request.change = None  # (the change said is of the product it goes with: "a 3yr platform term")
            request.product, request.products_named = named[0], named
        if request.product is None and request.products_named:
            request.product = request.products_named[0]  # the first named is the play, the rest go with it
            request.typed.append("product")
            self._answered(request)
        if (request.intent == "followup" and focus_product and request.product not in (None, focus_product)
                and not request.products_named):
            # "and throw in DQ as a package deal": what is named goes with the play in focus
            request.products_named = [focus_product, request.product]
            request.product = None
            request.typed.remove("product")

    @staticmethod
    def _change_of(request: Request, product: str, world: KnownNames) -> bool:
        """Whether the change read may be of the product: a new product is one the account does not
        own, a change of what is owned one it owns that the change applies to."""
        owner = world.on_record(request.account) if request.account else None
        if owner is None:
            return False
        if request.change == "new_product":
            return product in not_owned(owner, world.catalog)
        return product in fitting(owner, world.catalog, request.change)

    @staticmethod
    def _answered(request: Request) -> None:
        """The product asked back about is now known: the question back is not needed."""
        if request.ask_back is not None and request.ask_back.kind == "product" and request.product:
            request.ask_back = None

    def _read_blockers(self, request: Request, parsed: Parsed, world: KnownNames, play_in_focus: bool,
                       focus_product: str | None, cued_only: bool = False) -> None:
        self.hear(parsed.question)
        unread = request.intent in (None, "unclear") and play_in_focus and request.ask_back is None
        cued_only = cued_only or request.intent in CUED_INTENTS + LISTING_INTENTS
        if (request.intent not in STATING_INTENTS and not unread and not cued_only) or \
                parsed.intent in self.book.plain:
            return
        self.deadline_in_window(request, parsed, world)
        if unread and (request.applied or request.unsure):
            request.intent = "followup"  # ("I need it signed by Friday", of the play in focus, in the window)
        seen = {item.get("rule") for item in request.applied}
        phrases = [item.get("phrase", "") for item in request.applied]
        # (a label naming the occasion, "forecast call: ...", tells no fact: the words after it are read)
        message = without_label(parsed.question, self.spec.occasion_labels)
        every = clauses(message, self.clause_re)
        # what the message says is not so, clause by clause: text read -> (calmed, only asked about)
        scope = dict(zip(every, self.calm_scope(message, every, request, world)))
        # (a figure within the policy's limit says the measure states no blocker, whatever its words say)
        scope = {c: (calmed | self.figured_within(c), asked) for c, (calmed, asked) in scope.items()}
        no = self.denied_clauses(message)  # ("escalations? none")
        parts = []
        for clause in every:
            if self._of_another_account(clause, request, world) or normalise(clause) in no:
                continue
            rest = without_phrases(clause, phrases)
            if rest != clause:  # ("renewal price only if they take DQ as one discounted bundle": the bundle still told)
                scope[rest] = scope[clause]
            if len(rest.split()) >= 2:
                parts.append(rest)
        cued = [self.cued(c) - scope[c][0] for c in parts]
        # A fact may span two or three clauses ("Mariner renews in January; I'll hold the price
        # only if ...", "throw MA in, same contract, 10% off"): neighbours whose cue words together
        # name a blocker none of them names alone are read together too.
        alone = len(parts)
        # (items of a list of what is not so, "no discount, no bundle, no renewal strings", each denied: not
        # read together, as if two of them made a condition, "no DQ, no renewal discount")
        listed = self.denied_items(parts)
        # (a question about the verdict beside a fact: its clauses one by one)
        for size in (2, 3) if request.intent not in CUED_INTENTS else ():
            for start in range(alone - size + 1):
                if len(listed & set(range(start, start + size))) > 1:
                    continue
                joined = " ".join(parts[start:start + size])
                together = [scope[c] for c in parts[start:start + size]]
                calmed = frozenset().union(*(c for c, _ in together))
                more = self.cued(joined, across=True) - frozenset().union(*cued[start:start + size]) - calmed
                if more and joined not in parts:
                    parts.append(joined)
                    cued.append(more)
                    scope[joined] = (calmed, frozenset().union(*(s for _, s in together)))
        done = {b.id for b in self.spec.blockers if b.code in seen}
        cued = [c - done for c in cued]
        # Cues sure on their own ("they threatened to churn") are applied without the model.
        read_sure = self._apply_sure(request, message, parts, seen, done, world, focus_product, scope)
        if read_sure:
            done |= {b for b, _ in read_sure}
            cued = [c - done for c in cued]
            # The other clauses are read by meaning as before, unless each only asks ("should I
            # pitch DQ?": a question tells no fact): then the model is not needed at all.
            sure_clauses = {clause for _, clause in read_sure}
            told = [c for c in parts[:alone] if c not in sure_clauses and (words(c) or [""])[0] not in self.question_words]
            if not any(cued) and not told:
                if unread:
                    request.intent = "followup"
                return
        elif not any(cued) and (cued_only or not self.meaning_gate(parsed.rest, world)):  # the words the phrases did not read
            return
        # Each clause also without its question words and names ("can I pitch Governance to
        # Orchid by Christmas" -> "by christmas"): the fact is then not drowned by the question.
        plain = self.known_words | self._intent_words() | world.name_words
        # (a clause that itself says the trouble is over, "both escalations were closed", tells of the past)
        supposing = self._after_marker(message)  # (a clause after "hypothetically," alone: supposed)
        past = [self.past_markers.first(self.said(c)) is not None or self.past_over.first(self.said(c)) is not None
                or c in supposing or year_gone(c, self.spec.past_year_before, self.today or dt.date.today())
                for c in parts]
        if any(past) and self.past_over.first(self.said(message)) is not None:
            # "they were unhappy last year, all good now": the past trouble is over, not asked about
            keep = [i for i, was in enumerate(past) if not was]
            parts, cued, past = [parts[i] for i in keep], [cued[i] for i in keep], [past[i] for i in keep]
        hinted = [self.hinted(c) - done for c in parts]
        # A supposition states no fact of the customer ("hypothetically, if Lumen were unhappy I'd wait"):
        # its clause is not read for the customer's state (the AM's own plan supposed is, as of the past)
        facts = frozenset(b.id for b in self.spec.blockers if not b.applied_when_asked)
        supposed = [self.supposed.first(self.said(c)) is not None or c in self._after_marker(message)
                    for c in parts]
        cued = [c - facts if was else c for c, was in zip(cued, supposed)]
        hinted = [h - facts if was else h for h, was in zip(hinted, supposed)]
        texts, cues, pasts, hints = list(parts), list(cued), list(past), list(hinted)
        said = {clause: clause for clause in parts}  # text read -> the AM's words it came from (quoted)
        for clause, clause_cues, clause_past, clause_hints in zip(parts, cued, past, hinted):
            residue = " ".join(w for w in words(clause) if w not in plain)
            # (only a clause with cue words: a few leftover words alone are mostly noise by meaning,
            # "they chose us again last month" -> "chose last month" is near "this month")
            if clause_cues and residue and residue != normalise(clause):  # read too, with the clause's cue words
                texts.append(residue)
                cues.append(clause_cues)
                pasts.append(clause_past)
                hints.append(clause_hints)
                said.setdefault(residue, self._quoted(residue, clause))
                scope.setdefault(residue, scope[clause])
        theirs = self.customer_timing(message)  # our quarter beside their reason: asked
        kept = self.counting(texts, cues, pasts, cued_only)
        texts, cues, pasts, hints = ([xs[i] for i in kept] for xs in (texts, cues, pasts, hints))
        for reading in self.meaning.blockers(texts, cues, pasts, hints):
            clause_cues = cues[texts.index(reading.clause)]
            if pasts[texts.index(reading.clause)] and (reading.blocker.id not in clause_cues or reading.blocker.unsure_only):
                # a clause of the past is asked about for its cue words only, not for a likeness or a
                # hint, and never about a date ("they signed at year end last year": no deadline to come)
                continue
            if not self.fits_list(request, reading.blocker, message) or \
                    reading.blocker.id in facts and self.supposed.first(self.said(reading.clause)) is not None:
                continue
            calmed, asked_only = scope.get(reading.clause, (frozenset(), frozenset()))
            if reading.code in seen or reading.blocker.id in done | calmed or self.excluded(reading, clause_cues) or \
                    self.asks_only(reading, clause_cues) or (cued_only and reading.blocker.id not in clause_cues) or \
                    self.after_quarter(reading, said.get(reading.clause, reading.clause), clause_cues, world):
                continue
            if reading.blocker.person and self.saw_it(request, message, world):
                continue
            seen.add(reading.code)
            phrase = said.get(reading.clause, reading.clause)
            if reading.confident and not (reading.blocker.sets.get("timing_reason") and theirs) and \
                    reading.blocker.id not in asked_only and \
                    self.applies(reading.blocker, message) and not self.asks_of(reading.blocker, phrase):
                self.apply(request, reading.blocker, phrase, reading.score, "meaning", world, focus_product)
            else:
                if reading.blocker.bundle:
                    self._bundle_play(request, focus_product, world)
                request.unsure.append({"id": reading.blocker.id, "code": reading.code, "phrase": phrase,
                                       "confidence": round(reading.score, 3)})
        if unread and (request.applied or request.unsure):
            request.intent = "followup"

    def counting(self, texts: list[str], cues: list[frozenset[str]], pasts: list[bool], cued_only: bool) -> list[int]:
        """The rows of the texts whose readings by meaning can count below. A text without a cue word
        counts for nothing when only cued blockers count, nor when it asks (`asks_only`: "should I
        pitch DQ to Acme") or tells of the past (only its cue words are asked about): all its readings
        would be set aside, so it is not encoded (a speed change: the readings are the same). A text
        is judged by its first row, as its readings are."""
        first: dict[str, int] = {}
        for row, text in enumerate(texts):
            first.setdefault(text, row)
        return [row for row, text in enumerate(texts)
                if cues[first[text]] or not (cued_only or pasts[first[text]]
                                             or (words(text) or [""])[0] in self.question_words)]

    def fits_list(self, request: Request, blocker: BlockerMeaning, message: str) -> bool:
        """Whether a blocker can be told beside a question about an account's plays: not a bundle (it
        needs the play it goes with), nor an executive pitched unless the words pitch one ("I'd take
        it straight to the CFO"; "they hired a new CCO. what can I sell them?" pitches no one)."""
        if request.intent not in LISTING_INTENTS:
            return True
        # (in one clause: "what can I sell them" pitches, "they hired a new CCO" names the executive)
        return not blocker.bundle and not (blocker.person and not any(
            self.applies(blocker, clause) for clause in clauses(message, self.clause_re)))

    def saw_it(self, request: Request, message: str, world: KnownNames) -> bool:
        """Whether the executives the message names (by name or by title) are, by the record, ones who
        saw the first deal's outcome, and no one else is named ("should the Acme CDO hear about DQ from
        me directly?": Priya saw it): words alike to going to an executive are then no blocker; the
        verdict holds what the record says. Not when a champion is named beside them ("over Dana's
        head to the CDO": going around her), nor for a title on no record (a new executive)."""
        said = self.said(message)
        if not request.account or cue_words.negated_at(said.words, len(said.words), self.negations, len(said.words)):
            return False  # (the AM's words may say what the record does not: "Priya never saw the results")
        account = world.account(request.account)
        named = {m.name for m in world.people(request.account).mentions(message)}
        new = self.new_executive(message, world, request.account)
        if new is not None and (not named or "new" in new.casefold().split()):
            return False  # (a title on no record: "their new CMO"; a title cut short beside a name is not one)
        executives = [p.name for p in account.stakeholders if p.has_role("executive")]
        titled = self.titled_executive(message, world, request.account, executives)
        named |= {titled} if titled else set()
        people = [account.stakeholder(n) for n in named]
        return bool(people) and all(p is not None and p.has_role("executive") and p.saw_original_outcome
                                    for p in people)

    def _after_marker(self, message: str) -> frozenset[str]:
        """Clauses after a supposition's marker said alone ("hypothetically, if Lumen were unhappy ..."):
        the marker is a clause of one word, which is not read, but it supposes the next one."""
        pieces = [" ".join(p.split()) for p in clause_split(message, self.clause_re) if p]
        return frozenset(pieces[i + 1] for i, p in enumerate(pieces[:-1])
                         if len(p.split()) < 2 and self.supposed.first(self.said(p)) is not None)

    def sure(self, clause: str) -> frozenset[str]:
        """The blockers whose sure cues are in the clause (meaning.yaml `sure:`; no model)."""
        said, window = self.said(clause), self.spec.thresholds.negation_window
        return frozenset(blocker for blocker, rules in self.sure_rules.items()
                         if any(cue_words.fires(rule, said, self.negations, window, self._conditional(blocker), self.compared,
                                                self._opens(blocker)) for rule in rules)) | \
            self.figured(clause)

    def figured(self, text: str) -> frozenset[str]:
        """The blockers the text's figures state: "CSAT 2.1" is below the policy's CSAT floor
        (figures.py). A figure in words the blocker's cues exclude is not ours ("their customers'
        NPS is -10")."""
        if not self.figures or not self.limits:
            return frozenset()
        if text not in self._figured:  # (read for the cues and the sure cues of each clause)
            if len(self._figured) >= _CLAUSES_KEPT:
                self._forget_clauses()
            stated = read_figures(self.figures, text, self.limits)
            said = self.said(text)
            # (a measure with words of its own for whose it is not is read by those: figures.py)
            own = {reader.spec.blocker for reader in self.figures if reader.spec.none is not None}
            self._figured[text] = frozenset(b for b in stated if b in own or not any(
                rule.none.first(said) is not None for rule in self.cue_rules.get(b, ())))
        return self._figured[text]

    def figured_within(self, text: str) -> frozenset[str]:
        """The blockers a figure of the text says are not so, by the policy's own limit: "the NPS
        dropped to 5" is above an NPS floor of 0, whatever "dropped" says (figures.py)."""
        if not self.figures or not self.limits:
            return frozenset()
        return read_figures(self.figures, text, self.limits, stating=False) - self.figured(text)

    def _apply_sure(self, request: Request, message: str, parts: list[str], seen: set, done: set,
                    world: KnownNames, focus_product: str | None, scope: dict) -> list[tuple[str, str]]:
        """Apply the blockers a clause states by a sure cue, quoting the clause: not in a clause of the
        past, nor beside the customer's own reason for the timing, nor without what the blocker needs
        (`applies_with`); those are left to the reading by meaning (asked about when unsure).
        Returns (blocker id, clause) of each applied."""
        if not self.sure_rules or self.past_over.first(self.said(message)) is not None:
            return []  # (a message that says some trouble is over: what it tells is read by meaning)
        theirs, read = None, []
        for clause in parts:
            calmed, asked_only = scope.get(clause, (frozenset(), frozenset()))
            found = self.sure(clause) - done - calmed - asked_only - {b for b, _ in read}
            if not found:
                continue
            said = self.said(clause)
            if self.past_markers.first(said) is not None or self.past_over.first(said) is not None or \
                    year_gone(clause, self.spec.past_year_before, self.today or dt.date.today()) or \
                    clause in self._after_marker(message):
                continue
            for blocker_id in sorted(found):
                blocker = self.spec.blocker(blocker_id)
                if blocker is None or blocker.unsure_only or blocker.code in seen or \
                        not self.fits_list(request, blocker, message):
                    continue
                if self.asks_of(blocker, clause):
                    continue
                if blocker.sets.get("timing_reason"):
                    theirs = self.customer_timing(message) if theirs is None else theirs
                    if theirs:
                        continue
                if not self.applies(blocker, message):
                    continue
                before = len(request.applied) + len(request.unsure)
                self.apply(request, blocker, self._spoken(clause, message), 1.0, "sure", world, focus_product)
                if len(request.applied) + len(request.unsure) > before:  # (a bundle with what? asked)
                    seen.add(blocker.code)
                    read.append((blocker_id, clause))
        return read

    def dated(self, question: str, world: KnownNames) -> bool:
        """Whether the message gives a play a deadline or urgency of any kind ("before quarter end", "by
        Friday", "asap"): a fact of the play's timing, a blocker or not by the day (deadline_in_window)."""
        reader = deadline_reader(self.spec)
        today = self.today or dt.date.today()
        quarter_end, _ = self.quarter(world, today)
        if reader is None or quarter_end is None:
            return False
        return any(reader.find_all(said, today, quarter_end, clause) or reader.urgency(said)
                   for clause in clauses(question, self.clause_re) for said in (self.said(clause),))

    def deadline_in_window(self, request: Request, parsed: Parsed, world: KnownNames) -> None:
        """Inside the vendor's quota window, a deadline on or before the quarter end that the AM
        gives the play ("by the 31st", "this week", "before the books close") with no reason on
        the customer's side is quota-driven timing: applied, quoting the words; urgency with no
        date ("asap") is asked about. Outside the window a date is no blocker; urgency beside our need to
        have it done ("need it signed asap") is still asked about: whose need it is, the words do not say
        (deadlines.py)."""
        reader, spec = deadline_reader(self.spec), self.spec.deadlines
        timing = {spec.code} if spec else set()
        if reader is None or timing & ({i.get("rule") for i in request.applied} | {u["code"] for u in request.unsure}):
            return
        today = self.today or dt.date.today()
        quarter_end, window = self.quarter(world, today)
        if quarter_end is None:
            return
        dates_count = in_quota_window(today, quarter_end, window)
        theirs = set(world.coach.ruleset.params.get("customer_timing_reasons", ()))
        if request.play_facts.get("timing_reason") in theirs:
            return
        reason = self.customer_timing_clause(parsed.question)
        if reason is not None and not dates_count:
            return  # (the customer's own reason: no urgency of ours to ask about)
        if reason is not None:
            # the customer's own reason, said inside the window: recorded as the play's customer-side
            # trigger (the policy's remedy), shown like any fact the words told
            request.play_facts.update(spec.customer_sets)
            request.applied.append({"id": "customer_timing", "phrase": reason, "sets": dict(spec.customer_sets),
                                    "rule": None, "says": spec.customer_says, "confidence": 1.0, "how": "window"})
            return
        if self.spec.deadlines.ask_as in self.calm(parsed.question) or \
                any(b.code in timing and b.id in self.calm(parsed.question) for b in self.spec.blockers):
            return
        for clause in clauses(parsed.question, self.clause_re):
            said = self.said(clause)
            if reader.theirs_in(self._play_unowned(clause, world)) or self.past_markers.first(said) is not None or \
                    self._asked_by_customer(clause, said, request, world):
                continue
            dated = reader.find_all(said, today, quarter_end, clause)
            inside = [d for d in dated if today <= d.date and d.last_day <= quarter_end and dates_count]
            found = inside[0] if inside else None if dated else reader.urgency(said)
            if found is None or not (dates_count or reader.urgent_needs.first(said) is not None):
                continue  # (outside the window, urgency beside our need only: "need it signed asap")
            phrase = self._quoted(found.phrase, clause)
            if found.date is None:
                request.unsure.append({"id": spec.ask_as, "code": spec.code, "phrase": phrase, "confidence": 0.0})
            else:
                request.play_facts.update(spec.sets)
                request.applied.append({"id": "deadline_in_window", "phrase": phrase, "sets": dict(spec.sets),
                                        "rule": spec.code, "says": spec.says, "confidence": 1.0, "how": "window"})
            return

    def _play_unowned(self, clause: str, world: KnownNames) -> cue_words.Said:
        """The clause's words as read for whose deadline it is: a possessive of the customer's that owns
        the play's product or change read as "the" ("get Delta's MA order signed before the 31st" is
        the deal we close; "Kestrel's team needs it live by the 22nd" is still theirs: deadlines.py)."""
        folded = " ".join(clause.casefold().replace("\u2019", "'").split())
        plays = self._play_spans(folded, world)
        if not plays:
            return self.said(clause)
        return self.said(self._unowned(folded, plays, self._possessive()))

    def _play_spans(self, folded: str, world: KnownNames) -> list[tuple[int, int]]:
        """Where the text (folded: lower case, plain apostrophes, single spaces) names a play: its
        products, its change."""
        plays = [m.span for m in world.products.mentions(folded)]
        plain = normalise(folded)
        _change, span = find_change(plain, self.book)
        if span is not None:
            typed = r"[^\w']+".join(re.escape(w) for w in plain[span[0]:span[1]].split())
            found = re.search(rf"(?<![\w']){typed}(?![\w'])", folded) if typed else None
            plays += [found.span()] if found else []
        return plays

    def _unowned(self, folded: str, plays: list[tuple[int, int]], owner: re.Pattern) -> str:
        """The text with a possessive (`owner`) that owns the play read as "the" (deadlines.play_unowned)."""
        acts = deadline_reader(self.spec).acts
        return play_unowned(folded, plays, owner, self.spec.deadlines.play_owned_within,
                            lambda word: word in self.question_words or
                            (acts.regex is not None and acts.regex.fullmatch(word) is not None))

    def _possessive(self) -> re.Pattern:
        """A possessive of the customer's: `deadlines: possessive` words, or an account's ("Delta's")."""
        key = self.owners.pattern if self.owners is not None else ""
        if self._possessive_re is None or self._possessive_re[0] != key:
            words = [re.escape(w) for w in self.spec.deadlines.possessive] or [r"(?!)"]
            self._possessive_re = (key, re.compile("|".join([*words, *([key] if key else [])]), re.IGNORECASE))
        return self._possessive_re[1]

    def after_quarter(self, reading, words: str, clause_cues: frozenset[str], world: KnownNames) -> bool:
        """A deadline with no other word of our quarter or quota ("by end of January") that falls
        after the vendor's quarter end: our quarter cannot be driving it, so it is not asked about."""
        reader, spec = deadline_reader(self.spec), self.spec.deadlines
        if reader is None or reading.code != spec.code or \
                any(b.id in clause_cues for b in self.spec.blockers if b.code == spec.code and not b.unsure_only):
            return False
        today = self.today or dt.date.today()
        quarter_end, _window = self.quarter(world, today)
        dated = reader.find_all(self.said(words), today, quarter_end, words) if quarter_end else []  # (the AM's words)
        return bool(dated) and all(d.last_day > quarter_end for d in dated)

    def _asked_by_customer(self, clause: str, said, request: Request, world: KnownNames) -> bool:
        """A person at the account asks for the date ("Lucia wants the seats by next Tuesday", "Sam
        asked for it by 12/20"): the customer's deadline, like "they need it by ...". The person is
        named just before the asking word (meaning.yaml `deadlines: asked_by`)."""
        asks = self.deadline_asks
        if asks.regex is None or not request.account or asks.first(said) is None:
            return False
        folded = " ".join(clause.casefold().replace("\u2019", "'").split())  # (as the names are found in it)
        for mention in world.people(request.account).mentions(clause):
            after = self.said(folded[mention.span[1]:])
            at = asks.first(after)
            if at is not None and at <= self.spec.deadlines.asked_within:
                return True
        return False

    @staticmethod
    def quarter(world: KnownNames, today: dt.date) -> tuple[dt.date | None, int]:
        """The vendor's quarter end on or after `today` and the quota window in days (the catalog's
        quarter end, rules/parameters.yaml `quota_window_days`); None when the catalog has none."""
        from assistant.policy.calendar import next_quarter_end

        known = world.catalog.vendor.fiscal_quarter_end
        window = int(world.coach.ruleset.params.get("quota_window_days", 0))
        return (next_quarter_end(known, today) if known else None), window

    @staticmethod
    def _spoken(part: str, message: str) -> str:
        """The AM's words of a clause, or of neighbouring clauses read together (joined without the
        commas and clause words between them): the span of the message they came from."""
        said = part.split()
        # (a clause word such as "so" or "and" may stand between two clauses; spans.py: no pattern compiled)
        found = find_span(said, message.replace("\u2019", "'"), before_apostrophe=False, word_between=True) \
            if said else None
        return message[found[0]:found[1]] if found else part

    @staticmethod
    def _quoted(residue: str, clause: str) -> str:
        """The AM's words to quote for a residue: its own span of the clause when its words are
        written together there ("by Christmas"), else the whole clause (never words stitched)."""
        found = find_span(residue.split(), clause.replace("\u2019", "'"), before_apostrophe=True, word_between=False)
        return clause[found[0]:found[1]] if found else clause

    def calm_scope(self, message: str, parts: list[str], request: Request,
                   world: KnownNames) -> list[tuple[frozenset, frozenset]]:
        """What the message says is not so (`calm`), for each of its clauses: (the blockers calmed
        there, the blockers only asked about there). Calm words act on their own clause and on the
        clauses before it ("my quarter ends in December, but that's not why I'm asking"), not on a
        clause said of someone else (another account, another person or title: "Oskar saw the
        results, but I'd take it to the CFO who hasn't seen any of it"); a clause after them that
        states the blocker anyway is asked about ("their renewal is on track, but they're talking to
        a competitor"). Calm words no one clause holds ("they threatened to leave and stayed") act
        on the whole message; nor do troubles the message says are over (`over`: "they were upset for a
        while, all sorted now")."""
        over = self.over(message) if parts else frozenset()
        whole = self._calm_words(message) if parts else frozenset()  # (the message: a calm phrase may hold a clause word)
        if not whole:
            return [(over, frozenset())] * len(parts)
        local = [self._calm_words(c) & whole for c in parts]
        subjects = [self._subjects(c, request, world) for c in parts]
        out = []
        for i in range(len(parts)):
            calmed, asked = set(), set()
            for blocker in whole:
                said_in = [j for j, found in enumerate(local) if blocker in found]
                if not said_in:
                    calmed.add(blocker)
                for j in said_in:
                    if j != i and (self._of_another_account(parts[j], request, world) or
                                   subjects[i] and subjects[j] and not subjects[i] & subjects[j]):
                        continue  # (said of someone else)
                    (calmed if j >= i else asked).add(blocker)
            out.append((frozenset(calmed) | over, frozenset(asked - calmed - over)))
        return out

    def _subjects(self, clause: str, request: Request, world: KnownNames) -> frozenset[str]:
        """Whom a clause names: accounts, people of the play's account, executive titles."""
        found = {m.name for m in world.accounts.mentions(clause)}
        if request.account:
            found |= {m.name for m in world.people(request.account).mentions(clause)}
        if self.executive_titles.regex is not None:
            found |= {m.group(0) for m in self.executive_titles.regex.finditer(self.said(clause).text)}
        return frozenset(found)

    def calm(self, message: str) -> frozenset[str]:
        """The blockers the message says are not so ("that's not why I'm asking", "Sam turned them
        down flat", "two quotes, not a package"): not read from its words. Not those a clause after
        the calm words states anyway ("their renewal is on track, but they're talking to a
        competitor": `calm_scope` says which clauses, and asks)."""
        found = self._calm_words(message)
        if not found:
            return found
        parts = clauses(message, self.clause_re)
        restated = set()
        for blocker in found:
            said_in = [j for j, c in enumerate(parts) if blocker in self._calm_words(c)]
            if said_in and any(blocker in self.cued(c) for c in parts[max(said_in) + 1:]):
                restated.add(blocker)
        return found - restated

    def over(self, message: str) -> frozenset[str]:
        """The troubles the message says are over (blockers with `over_calms`): a clause with words that
        say a trouble is over (`past_over`: "they're happy again now", "the P1 got fixed") about the
        blocker (its hint or cue words; said of nothing, "all sorted now", about what the clause just
        before it states), and no clause after it that states it anyway ("the outage was fixed, but
        they're still furious")."""
        parts = clauses(message, self.clause_re)
        window = self.spec.thresholds.negation_window
        # (not words of an end denied: "nobody's fixed them")
        ended = [i for i, c in enumerate(parts) if (at := self.past_over.first(self.said(c))) is not None
                 and not cue_words.negated_at(self.said(c).words, at, self.negations, window)]
        about = {i: self.hinted(parts[i]) | self.cued(parts[i]) or (self.cued(parts[i - 1]) if i else frozenset())
                 for i in ended}
        found = set()
        for blocker in (b for b in self.spec.blockers if b.over_calms and ended):
            said_in = [i for i in ended if blocker.id in about[i]]
            if said_in and not any(blocker.id in self.cued(c) for c in parts[max(said_in) + 1:]):
                found.add(blocker.id)
        return frozenset(found)

    def _calm_words(self, message: str) -> frozenset[str]:
        """The blockers whose calm words the text has, wherever they are in it."""
        said, window = self.said(message), self.spec.thresholds.negation_window
        calm = set()
        for blocker, words in self.calm_words.items():
            at = words.first(said)
            # (negated, it says the opposite: "he hasn't seen the results"; a phrase that is itself
            # a negation stays one after another: "no discount, no bundle")
            if at is not None and (said.words[at] in self.negations or
                                   not cue_words.negated_at(said.words, at, self.negations, 2)) and \
                    not cue_words.compared_only(words, said, self.compared) and \
                    not self._qualified(blocker, said, words.positions(said)):  # ("cheaper than separately")
                calm.add(blocker)
        return frozenset(calm)

    def _qualified(self, blocker: str, said: cue_words.Said, calm: range) -> bool:
        """Whether the calm words are inside a longer cue phrase of the same blocker that says they are
        not so ("the renewal is far from locked in": "locked in" is no calm word there)."""
        return any(place.start <= calm.start and calm.stop <= place.stop and len(place) > len(calm)
                   for rule in self.cue_rules.get(blocker, ()) for place in (g.positions(said) for g in rule.all))

    def customer_timing_clause(self, message: str) -> str | None:
        """The clause that gives the customer's own reason for the timing, if one (and no clause
        of the message tells of our quarter or quota)."""
        window = self.spec.thresholds.negation_window
        parts = clauses(message, self.clause_re)
        if any({"quota_timing"} & self.cued(c) for c in parts):
            return None  # (our quarter said beside it: asked about, as before)
        return next((c for c in parts if self._customer_reason(c)), None)

    def customer_timing(self, message: str) -> bool:
        """Whether a clause of the message gives the customer's own reason for the timing ("Helen
        wants it in place before the auditors arrive"): our quarter said beside it is only asked about."""
        return any(self._customer_reason(c) for c in clauses(message, self.clause_re))

    def _customer_reason(self, clause: str) -> bool:
        """Whether the clause gives the customer's own reason for the timing (`customer_timing:`), not
        ours: "they need it live by Friday", "Helen wants it before the audit", "I need it live before
        their launch" (their event); but "I need the DQ deal ready by the 20th", "we need it live by
        Friday" are our side needing it, with no word of the customer's (deadlines `ours`, `theirs`):
        whose deadline it is, the window's deadline reads it."""
        said, window = self.said(clause), self.spec.thresholds.negation_window
        fired = [rule for rule in self.customer_timing_rules if cue_words.fires(rule, said, self.negations, window)]
        if not fired:
            return False
        reader = deadline_reader(self.spec)
        if reader is None or reader.theirs.first(said) is not None:
            return True
        ours = reader.ours.first(said)
        # (ours is the subject: said before what is wanted or needed, the rule's first words)
        return ours is None or not all(rule.all and (at := rule.all[0].first(said)) is not None and ours < at
                                       for rule in fired)

    def asks_of(self, blocker: BlockerMeaning, clause: str) -> bool:
        """A clause that asks about a fact of the customer ("is Acme unhappy?", "are they shopping
        around?"): it tells nothing, so the blocker is asked about, not applied (`applied_when_asked`)."""
        return not blocker.applied_when_asked and (self.said(clause).words or ("",))[0] in self.question_words

    def asks_only(self, reading, clause_cues: frozenset[str]) -> bool:
        """A question without a cue word ("should I upsell capacity now?") read by meaning alone:
        it asks, it tells no fact (meaning.yaml `question_words`)."""
        first = (words(reading.clause) or [""])[0]
        return reading.blocker.id not in clause_cues and first in self.question_words

    def excluded(self, reading, clause_cues: frozenset[str]) -> bool:
        """A reading by meaning alone of a clause that has a word the blocker's cues exclude ("a
        competitor came up in passing", "their fiscal year"): the clause says it is not that blocker."""
        if reading.blocker.id in clause_cues:
            return False
        said = self.said(reading.clause)
        return any(rule.none.first(said) is not None and not cue_words.compared_only(rule.none, said, self.compared)
                   for rule in self.cue_rules.get(reading.blocker.id, ()))

    def cued(self, clause: str, across: bool = False) -> frozenset[str]:
        """The blockers whose cue words are in the clause (cues.py; no model). `across`: the clause is
        neighbouring clauses read together, and a cue that needs its word negated does not fire
        there (the negation of one clause is not said of the next: "no risk there, | Ana's happy")."""
        key = (clause, across)
        if key not in self._cued:
            said = self.said(clause)
            window = self.spec.thresholds.negation_window
            self._cued[key] = frozenset(
                blocker for blocker, rules, conditional in self._cue_rules_of()
                if any(cue_words.fires(rule, said, self.negations, window, conditional, self.compared,
                                       self._opens(blocker))
                       for rule in rules if not (across and rule.negated.regex is not None))) | self.figured(clause)
        return self._cued[key]

    def denied_items(self, parts: list[str]) -> set[int]:
        """The places of the clauses that are items of a list of what is not so: in a row of at least
        `denied_list_items` clauses each opening with a negation, or with one after a colon ("no discount, no
        bundle, no renewal strings")."""
        opens = [(words(c.rsplit(":", 1)[-1]) or [""])[0] in self.negations for c in parts]  # ("Gale: no discount, ...")
        least, out, run = self.spec.thresholds.denied_list_items, set(), []
        for place, negated in enumerate([*opens, False]):
            if negated:
                run.append(place)
                continue
            out |= set(run) if len(run) >= least else set()
            run = []
        return out

    @staticmethod
    def _of_another_account(clause: str, request: Request, world: KnownNames) -> bool:
        """A clause that names other accounts and not the play's ("spent the morning on Gale
        escalations", "Gale is a mess, but ..."): what it tells is of them, not of this play."""
        if not request.account:
            return False
        named = {m.name for m in world.accounts.mentions(clause)}
        return bool(named) and request.account not in named

    def _cue_rules_of(self) -> list[tuple[str, tuple, cue_words.Words]]:
        """(blocker, its cue rules and then its sure ones, its condition words), in the cue rules'
        order: put together once per Reader, not for every clause read."""
        if self._cue_table is None:
            self._cue_table = [(blocker, (*rules, *self.sure_rules.get(blocker, ())), self._conditional(blocker))
                               for blocker, rules in self.cue_rules.items()]
        return self._cue_table

    def _conditional(self, blocker: str) -> cue_words.Words:
        """The condition words, for a blocker a condition can state (meaning.yaml `conditional_for`)."""
        allowed = self.spec.conditional_for
        return self.conditional if allowed is None or blocker in allowed else cue_words.Words(None)

    def _opens(self, blocker: str) -> cue_words.ConditionOpens:
        """The words that open a feared condition, for a blocker such a condition states (meaning.yaml
        `condition_opens.blockers`): "if I don't land it this quarter I miss quota" is our quota; "if they don't have
        open escalations" states no unhappy customer."""
        opens = self.condition_opens
        return opens if blocker in opens.blockers else cue_words.ConditionOpens()

    def hear(self, message: str) -> None:
        """The message about to be read: the customer's own words quoted in it, if any, are read in
        their voice by `said` ("Oskar wrote: 'our budget was cut'": their budget; voice.py)."""
        voice = self.speech.voice(_spaced(message), self._speakers) if self.speech is not None else None
        heard = (_spaced(message), voice) if voice is not None else None
        if heard != self._heard:
            if heard is not None or self._heard is not None:
                self._forget_clauses()  # (the same clause may be read in another voice now)
            self._heard = heard

    def own_words(self, message: str) -> str | None:
        """The message without the customer's words quoted in it ("Sam replied: '...' How do I answer?":
        the AM's own words), or None when it quotes none (voice.py)."""
        spaced = _spaced(message)
        voice = self.speech.voice(spaced, self._speakers) if self.speech is not None else None
        return voice.without(spaced) if voice is not None else None

    def _customers_words(self, phrase: str) -> bool:
        """Whether the (normalised) phrase is in the customer's words quoted in the message heard."""
        if self._heard is None:
            return False
        message, voice = self._heard
        return any(f" {phrase} " in f" {normalise(message[start:end])} " for start, end in voice.spans)

    def said(self, text: str) -> cue_words.Said:
        """The words as the cues are written: shorthand and misspelt cue words folded, an
        account's possessive said as the customer's ("Kestrel's quarter" is their quarter), and the
        persons of the customer's own quoted words swapped (`hear`)."""
        if text not in self._said:
            if len(self._said) >= _CLAUSES_KEPT:
                self._forget_clauses()
            voiced = self._heard[1].swapped(self._heard[0], text, self.speech.swap) if self._heard else text
            owned = self._suggested(self.owners.sub("their", self._deal_named(voiced)) if self.owners is not None else voiced)
            self._said[text] = cue_words.Said.of(owned, self.spelling)
        return self._said[text]

    def _suggested(self, text: str) -> str:
        """The text without the negation of an opening that suggests ("why not tie it to the renewal?",
        meaning.yaml `suggests`): what follows is proposed, not denied."""
        if self._suggests is None:
            tails = sorted((" ".join(w.split()[1:]) for w in self.spec.suggests if len(w.split()) > 1), key=len, reverse=True)
            heads = sorted({w.split()[0] for w in self.spec.suggests if len(w.split()) > 1})
            self._suggests = re.compile(r"^(\W*(?:" + "|".join(map(re.escape, heads)) + r"))\s+(?:" + "|".join(
                re.escape(t).replace("'", "['\u2019]") for t in tails) + r")(?![\w'])", re.IGNORECASE) \
                if tails else False
        return self._suggests.sub(r"\1", text) if self._suggests else text

    def _deal_named(self, text: str) -> str:
        """The text with an account's possessive that owns the play read as "the": "I want Acme's DQ
        signed before Christmas" names the deal we close, not the customer's own date or side
        ("Acme's team needs it by Christmas" is still theirs)."""
        if self._plays_in is None or self.owners is None or self.spec.deadlines is None or \
                not self.owners.search(text):
            return text
        folded = " ".join(text.casefold().replace("\u2019", "'").split())
        plays = self._plays_in(folded)
        return self._unowned(folded, plays, self.owners) if plays else text

    def _forget_clauses(self) -> None:
        self._said.clear()
        self._cued.clear()
        self._figured.clear()

    def know_accounts(self, world: KnownNames) -> None:
        """The accounts whose possessive is the customer's word ("Kestrel's quarter ends in
        January": their quarter, not ours), from the names on record; and the policy's parameters,
        the limits figures are compared with ("CSAT 2.1": below `csat_floor`)."""
        from assistant.policy.errors import RuleLoadError

        try:
            params = dict(world.coach.ruleset.params)
        except RuleLoadError:
            # rules that cannot load (e.g. citing sections a restricted knowledge folder lacks) must not
            # stop a question that needs no verdict; a verdict still loads them and shows their error
            params = self.limits
        if params != self.limits:
            self.limits = params  # (and the policy's limits the figures are compared with)
            self._forget_clauses()
        # (read only for a quotation opened by a name and a colon, 'Lucia: "we could use more room"', or a
        # short label before a colon, "Sam on our call: ...")
        self._speakers = lambda: frozenset(world.everyone.names.keys)
        self._plays_in = lambda folded: self._play_spans(folded, world)  # (whose possessive owns the play: said)
        firsts = tuple(sorted(world.accounts.firsts | set(world.accounts.keys), key=len, reverse=True))
        if firsts and firsts != self._owner_names:
            self._owner_names = firsts
            self._forget_clauses()  # ("Kestrel's quarter" may be read otherwise now)
            self.owners = re.compile(r"(?<![\w'])" + alternation(firsts) + r"['\u2019]s(?![\w'])", re.IGNORECASE)

    def beside_theirs(self, revealed, message: str) -> bool:
        """Whether a phrase of our quarter is said beside the customer's own reason for the timing ("I need
        it for my quota, they need it live before their audit"): not applied from the phrase, nor taken
        back, but asked about."""
        return revealed.sets.get("timing_reason") in ("quarter_end", "quota") and self.customer_timing(message)

    def drop_negated(self, parsed: Parsed) -> Parsed:
        """Phrases of the data file that a negation turns around ("it is not tied to the
        renewal", "I'm not doing this for my quota"), that the customer's word owns ("their
        quarter-end"), or that the message says are not so (the blocker's `calm` words) reveal nothing."""
        self.hear(parsed.question)
        window = self.spec.thresholds.negation_window
        calm = {b.code for b in self.spec.blockers if b.id in self.calm(parsed.question)} if parsed.revealed else set()
        if any(self.beside_theirs(r, parsed.question) for r in parsed.revealed):
            calm.add("timing.quota_driven")  # not applied from the phrase: its clause is read and asked about
        kept = []
        no = self.denied_clauses(parsed.question) if parsed.revealed else frozenset()
        for revealed in parsed.revealed:
            if revealed.rule in calm:
                continue  # "my quarter does end in December, but that's not why I'm asking"
            if any(f" {revealed.phrase} " in f" {clause} " for clause in no):
                continue  # "tied to renewal? nope"
            # (the normalised text has no commas; conjunctions still end a clause)
            head = (clause_split(parsed.text[:revealed.span[0]], self.clause_re) or [""])[-1]
            before = cue_words.cue_words(head)
            if cue_words.negated_at(before, len(before), self.negations, window):
                continue
            # the clause's words the blocker's cues exclude: "before their quarter-end run"
            clause = head + parsed.text[revealed.span[0]:revealed.span[1]]
            said = self.said(clause)
            rules = [rule for b in self.spec.blockers if b.code == revealed.rule and not b.unsure_only
                     for rule in self.cue_rules.get(b.id, ())]
            if any(rule.none.first(said) is not None for rule in rules) and not self._said_ours(
                    rules, parsed.text[:revealed.span[1]]):
                continue
            # a clause of the past or a supposition ("hypothetically, if I were behind on quota", "I
            # missed quota last year"): its words are read by the cues instead, and asked about
            tail = (clause_split(parsed.text[revealed.span[1]:], self.clause_re) or [""])[0].split()[:self.spec.thresholds.past_after]
            if self.past_markers.first(self.said(" ".join([clause, *tail]))) is not None:
                continue
            if revealed.sets.get("timing_reason") in ("quarter_end", "quota") and self._customers_words(revealed.phrase):
                continue  # (a customer's "our quarter closes on the 31st" is their quarter: voice.py)
            kept.append(revealed)
        parsed.revealed = kept
        return parsed

    def _said_ours(self, rules, told: str) -> bool:
        """Whether the words up to a phrase, read together, say by a cue of its blocker that it is ours
        after all: "my rep wants it in so she lands her number" ("her number" is otherwise someone's
        at the customer)."""
        said, window = self.said(told), self.spec.thresholds.negation_window
        return any(cue_words.fires(rule, said, self.negations, window) for rule in rules)

    def denied_clauses(self, message: str) -> frozenset[str]:
        """The clauses (normalised) of every question the message answers no right after it (answered_no.py):
        worked out once per message (and per sentence read alone), which is read for its blockers and for what
        it negates."""
        found = self._denied.get(message)
        if found is None:
            if len(self._denied) >= _CLAUSES_KEPT:
                self._denied.clear()
            found = self._denied[message] = denied(message, self.spec.answered_no, self.clause_re)
        return found

    def applies(self, blocker: BlockerMeaning, message: str) -> bool:
        """Whether the message has what the blocker needs to be applied (its `applies_with`)."""
        rules = self.applies_with.get(blocker.id)
        if rules is None:
            return True
        said, window = self.said(message), self.spec.thresholds.negation_window
        return any(cue_words.fires(rule, said, self.negations, window) for rule in rules)

    def hinted(self, clause: str) -> frozenset[str]:
        """The blockers a hint word of which is in the clause ("renewal", "december"; no model),
        not negated just before or after it ("no discount", "the discount isn't part of it")."""
        said = self.said(clause)
        window, found = self.spec.thresholds.negation_window, set()
        for blocker, hints in self.hint_words.items():
            at = hints.first(said)
            if at is None or cue_words.negated_at(said.words, at, self.negations, window) or \
                    cue_words.negated_at(said.words, min(at + 3, len(said.words)), self.negations, 2):
                continue
            found.add(blocker)
        return frozenset(found)

    def meaning_gate(self, question: str, world: KnownNames) -> bool:
        """Whether the words could hide a blocker the phrases did not read: a blocker's hint
        word, or more words than the vocabularies and the names on record explain. Decided from
        the data file and the names alone: the model is not loaded to decide whether to load it."""
        said = self.said(question)  # (negated too: "they're not unhappy" is read, and taken back)
        if any(hints.first(said) is not None for hints in self.hint_words.values()):
            return True
        tokens = [w[:-2] if w.endswith("'s") else w for w in words(question)]
        names = world.name_words
        unexplained = [w for w in tokens if w not in self.known_words and w not in self._intent_words()
                       and w not in names and not w.isdigit()]
        return len(unexplained) >= self.spec.thresholds.unexplained_words

    def _intent_words(self) -> frozenset[str]:
        return self._iw

    def apply(self, request: Request, blocker: BlockerMeaning, phrase: str, confidence: float, how: str,
              world: KnownNames, focus_product: str | None = None) -> None:
        sets = dict(blocker.sets)
        if blocker.bundle:
            self._bundle_play(request, focus_product, world)
            others = [n for n in request.products_named if n != request.product] or \
                [n for n, _ in world.products.find(request.question, skip=world.common)
                 if n != request.product and n != focus_product]
            if not others:
                others = [m.name for m in world.products.mentions(request.question) if m.name != request.product]
            if not others and request.change and request.account and request.product:
                # "throw MA in with the capacity upgrade": the change is of the product they own
                owned = [o.product for o in world.account(request.account).owns if o.product != request.product]
                if len(owned) == 1 and request.product not in {o.product for o in world.account(request.account).owns}:
                    others, request.change = owned, None  # (the play is the product they do not own yet)
            if others:
                sets["bundled_with"] = sorted(set(others))
            else:
                # Bundled with what? Ask rather than guess.
                request.unsure.append({"id": blocker.id, "code": blocker.code, "phrase": phrase,
                                       "confidence": round(confidence, 3)})
                return
        if blocker.what_if:
            request.what_ifs += [w for w in blocker.what_if if w not in request.what_ifs]
            sets["what_if"] = list(blocker.what_if)
        if blocker.person:
            sets["pitch_to"] = "executive"
        play_fields = {k: v for k, v in sets.items() if k not in ("what_if", "pitch_to")}
        request.play_facts.update(play_fields)
        says = blocker.says
        if sets.get("bundled_with"):
            says = f"{says} with {', '.join(sets['bundled_with'])}"
        request.applied.append({"id": blocker.id, "phrase": phrase, "sets": sets, "rule": blocker.code,
                                "says": says, "confidence": round(confidence, 3), "how": how})

    # -- after the session filled the play ----------------------------------------------------
    def settle(self, request: Request, world: KnownNames) -> None:
        """Blockers that need the play in focus: the executive pitched to, and the question
        back when the coach is unsure what the words meant."""
        if request.ask_back is not None:
            self._noted(request)
            return
        self._title_on_no_record(request, world)
        needs_exec = any(item.get("sets", {}).get("pitch_to") == "executive" for item in request.applied)
        if request.account and not needs_exec and any(
                (b := self.spec.blocker(u["id"])) is not None and b.person for u in request.unsure):
            self._named_executive(request, world)  # asked about: still, the executive named is the one pitched
        if needs_exec and request.account:
            self._named_executive(request, world)  # "go over Raj's head to Helen": Helen
            account = world.account(request.account)
            person = account.stakeholder(request.person) if request.person else None
            if person is None or not person.has_role("executive"):
                executives = [p.name for p in account.stakeholders if p.has_role("executive")]
                title = self.new_executive(request.question, world, request.account)
                on_record = self.titled_executive(request.question, world, request.account, executives)
                if on_record is not None:
                    # "Lumen's CFO ... instead of going through Oskar": the executive by title is pitched
                    request.person = on_record
                    if request.play is not None:
                        request.play["pitch_to"] = on_record
                elif title is not None:
                    request.person = None  # (a champion named beside them is the one gone around)
                    # an executive by a title on no record: pitched as the AM names them
                    request.what_ifs = [f"new_executive={title}",
                                        *(w for w in request.what_ifs if not w.startswith("pitch_to="))]
                    if request.play is not None:
                        request.play.pop("pitch_to", None)
                    request.notes.append(self.replies.say("note.new_executive", title=title, account=request.account))
                    needs_exec = False
                elif len(executives) == 1 and request.person is None:
                    request.person = executives[0]
                    if request.play is not None:
                        request.play["pitch_to"] = executives[0]
                else:
                    request.ask_back = AskBack(question=self.replies.say("ask.which_executive", account=request.account,
                                                                        candidates=executives),
                                               kind="person", candidates=executives,
                                               codes=["stakeholder.no_view"])
                    return
        if needs_exec and request.account:
            request.what_ifs = [w for w in request.what_ifs] + ([f"pitch_to={request.person}"]
                                                                 if f"pitch_to={request.person}" not in request.what_ifs
                                                                 else [])
        applied = {item.get("rule") for item in request.applied}
        # (a rule the words already brought in is not asked about again: "close it asap? my quarter's almost
        # over" applies quota-driven timing from "my quarter", so "asap" asks nothing more)
        request.unsure = [u for u in request.unsure if u.get("code") not in applied]
        if request.unsure and (request.intent in PLAY_INTENTS and request.play is not None or
                               request.intent in LISTING_INTENTS and request.account):
            first = request.unsure[0]
            blocker = self.spec.blocker(first["id"]) or \
                next((b for b in self.spec.blockers if b.code == first["code"] and not b.unsure_only), None)
            key = blocker.ask if blocker else "ask.blocker"
            codes = list(dict.fromkeys(u["code"] for u in request.unsure))
            request.ask_back = AskBack(question=self.replies.say(key, phrase=first["phrase"], code=first["code"],
                                                                 says=blocker.says if blocker else ""),
                                       kind="blocker", codes=codes)

    def _title_on_no_record(self, request: Request, world: KnownNames) -> None:
        """An executive the AM pitches by a title no one of the account on record has ("take MA to
        Delta's CFO", "bring it to their CMO"): the record has no view of the first deal for them, but
        it may only lack them, so the coach asks (`stakeholder.no_view`), never applies it from the
        title alone. Not when the words say they saw the outcome (`calm`) or pitch no one (`applies_with`)."""
        blocker = next((b for b in self.spec.blockers if b.person and not b.unsure_only), None)
        if blocker is None or not request.account or request.play is None or request.intent not in PLAY_INTENTS or \
                any(item.get("rule") == blocker.code for item in request.applied) or \
                any(u["code"] == blocker.code for u in request.unsure):
            return
        # (one carried from an earlier turn is not the one these words pitch: "and one for Priya" ... "what if
        # I sent it to their CFO instead?" asks about the CFO)
        named = request.person if request.person and request.named("person") else None
        person = world.account(request.account).stakeholder(named) if named else None
        if person is not None and person.has_role("executive"):
            return  # (the executive on record the words name: the record decides, named_executive_rule)
        title = self.new_executive(request.question, world, request.account)
        if title is None or blocker.id in self.calm(request.question) or not self.applies(blocker, request.question) or \
                self._ours_titled(request.question) or self._told_seen(blocker, request.question):
            return
        request.unsure.append({"id": blocker.id, "code": blocker.code, "phrase": title, "confidence": 0.0})

    def _told_seen(self, blocker: BlockerMeaning, message: str) -> bool:
        """Whether the words say the opposite of one of the blocker's `negated` cues: its words there and
        not negated ("their CIO has seen every outcome review": she saw it)."""
        said, window = self.said(message), self.spec.thresholds.negation_window
        for rule in self.cue_rules.get(blocker.id, ()):
            if rule.negated.regex is None or any(group.first(said) is None for group in rule.all):
                continue
            at = rule.negated.first(said)
            if at is not None and not cue_words.negated_at(said.words, at, self.negations, window):
                return True
        return False

    def _ours_titled(self, question: str) -> bool:
        """Whether an executive's title in the words is said as ours ("my VP wants it booked", "our CRO"):
        the vendor's own executive, no one at the account (customer_speech `ours`: my, our ...)."""
        said = self.said(question)
        ours = self.speech.ours if self.speech is not None else frozenset()
        return any(said.text.count(" ", 0, m.start()) > 0 and
                   said.words[said.text.count(" ", 0, m.start()) - 1] in ours
                   for m in self.executive_titles.regex.finditer(said.text)) if self.executive_titles.regex else False

    def named_executive_rule(self, request: Request, answer, world: KnownNames) -> None:
        """The executive the AM names to pitch ("can I pitch MA to robert?") has, by the record, no
        view of the first deal's outcome, and the verdict holds `stakeholder.no_view` for it: the words
        that brought the rule in are recorded with it (`how: record`), as for any blocker in words."""
        blocker = next((b for b in self.spec.blockers if b.person and not b.unsure_only), None)
        verdict = getattr(answer, "verdict", None)
        if blocker is None or verdict is None or not request.person or "person" not in request.typed or \
                blocker.code not in {r.code for r in verdict.blockers()} or \
                any(a.rule == blocker.code for a in answer.applied) or blocker.id in self.calm(request.question):
            return  # (nor when the words say they saw the outcome: "Robert presented our results")
        mentioned = world.people(request.account).mentions(request.question)
        typed = [m for m in mentioned if m.name == request.person]
        if not typed or (request.intent == "who_sponsor" and len({m.name for m in mentioned}) > 1):
            return  # (a choice of whom to take it to, "Mia or Robert for MA?", pitches neither yet)
        pattern = r"[^\w']+".join(re.escape(w) for w in typed[0].key.split())
        found = re.search(rf"(?<![\w']){pattern}(?![\w'])", request.question, re.IGNORECASE)
        from assistant.conversation.answer import Applied

        answer.applied.append(Applied(id=blocker.id, phrase=found.group(0) if found else typed[0].key,
                                      sets={"pitch_to": request.person}, rule=blocker.code, fired=True,
                                      says=blocker.says, confidence=1.0, how="record"))

    def _noted(self, request: Request) -> None:
        """A question back about a name, when the words also told of a blocker the coach is unsure
        of: the question says so, and the blocker is asked about once the name is known (the
        request waits in the session with it)."""
        ask = request.ask_back
        if ask.kind not in ("account", "product") or ask.codes:
            return
        if not request.unsure and request.applied:
            # applied already ("Fjord might churn at renewal"): said too, kept for the play once named
            first = request.applied[0]
            request.ask_back = ask.model_copy(update={"question": " ".join([ask.question, self.replies.say(
                "ask.noted_applied", phrase=first["phrase"], says=first["says"])])})
            return
        if not request.unsure:
            return
        first = request.unsure[0]
        blocker = self.spec.blocker(first["id"])
        codes = list(dict.fromkeys(u["code"] for u in request.unsure))
        request.ask_back = ask.model_copy(update={
            "question": " ".join([ask.question, self.replies.say("ask.noted_blocker", phrase=first["phrase"],
                                                                  says=blocker.says if blocker else first["code"])]),
            "codes": codes})

    def titled_executive(self, question: str, world: KnownNames, account: str, executives: list[str]) -> str | None:
        """The executive on record that the message names by title alone ("Lumen's CFO"), if one."""
        said = self.said(question)
        found = list(self.executive_titles.regex.finditer(said.text)) if self.executive_titles.regex else []
        people = world.people(account)
        named = {m.name for t in found for m in people.mentions(t.group(0))}
        named |= {name for t in found for name in people.keys.get(t.group(0).removeprefix("new "), ())}
        named &= set(executives)
        return named.pop() if len(named) == 1 else None

    def new_executive(self, question: str, world: KnownNames, account: str) -> str | None:
        """The title of an executive the AM names ("their new Chief Compliance Officer", "the CMO")
        that no stakeholder of the account on record has, as typed; None when the words name no
        one by title, or name someone on record."""
        said = self.said(question)
        found = list(self.executive_titles.regex.finditer(said.text)) if self.executive_titles.regex else []
        if len({m.group(0).removeprefix("new ") for m in found}) != 1:
            return None  # none, or two titles ("the new CIO ... pitch the CDO"): which one is asked
        people = world.people(account)
        title = found[0].group(0)
        if people.mentions(title) or title.removeprefix("new ") in people.keys:
            return None  # "the CFO": the one on record (by title, its initials or name)
        pattern = r"[^\w']+".join(re.escape(w) for w in title.split())
        typed = re.search(pattern, question, re.IGNORECASE)
        return typed.group(0) if typed else title

    @staticmethod
    def _named_executive(request: Request, world: KnownNames) -> None:
        account = world.account(request.account)
        person = account.stakeholder(request.person) if request.person else None
        if person is not None and (person.has_role("executive") or
                                   person.name in world.people(request.account).aimed(request.question,
                                                                                      world.name_params.person_before)):
            return  # an executive already, or the one the AM aims at ("bring it to Mia")
        executives = {p.name for p in account.stakeholders if p.has_role("executive")}
        named = {m.name for m in world.people(request.account).mentions(request.question)} & executives
        if len(named) == 1:
            request.person = named.pop()
            if request.play is not None:
                request.play["pitch_to"] = request.person

    # -- the reply to a question about a blocker -------------------------------------------------
    def answered(self, reply: str) -> bool | None:
        """Yes (ours), no (theirs) or neither, in a reply to a blocker question. An answer word it
        opens with ("no it's their deadline", "yes, for my quarter") answers alone: it does not turn
        round what follows it, which, when it says a side, says it better ("no, it's my quarter")."""
        said = normalise(reply).replace("'s ", " ").removesuffix("'s").split()  # "the customer's" -> "the customer"
        if not said:
            return None
        answers = {normalise(p) for p in (*self.spec.confirm.confirms, *self.spec.confirm.denies)}
        if len(said) > 1 and said[0] in answers:
            rest = self.confirmed(" ".join(said[1:]))
            return rest if rest is not None else self.confirmed(said[0])
        return self.confirmed(" ".join(said))

    def confirmed(self, text: str) -> bool | None:
        """Whether a reply to "is the timing driven by your quarter?" says yes (our side), no
        (the customer's side), or neither (None). Phrases of the data file first (longest wins)."""
        folded = f" {normalise(text)} "
        revealed = find_revealed(normalise(text), self.book)
        reasons = {r.sets.get("timing_reason") for r in revealed}
        if reasons & {"quarter_end", "quota"}:
            return True
        if reasons & {"customer_request", "customer_milestone", "capacity_constraint"}:
            return False
        best: tuple[int, bool] | None = None
        window = self.spec.thresholds.negation_window
        for answer, phrases in ((True, self.spec.confirm.confirms), (False, self.spec.confirm.denies)):
            for phrase in phrases:
                p = normalise(phrase)
                at = folded.find(f" {p} ")
                if p and at >= 0 and (best is None or len(p) > best[0]):
                    # "not for my quarter": a negated answer says the other side
                    before = folded[:at].split()
                    best = (len(p), answer != cue_words.negated_at(before, len(before), self.negations, window))
        return None if best is None else best[1]
