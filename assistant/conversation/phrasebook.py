"""The conversation data file (prompts/conversation/intents.yaml), validated and compiled once.

Every phrase the coach understands lives in that file; this module only turns its small pattern
language ({group}, <slot>, ...) into regular expressions and fails loudly, naming the file and
the entry, when an entry is malformed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, TypeVar

from assistant.conversation.asking_slips import AskingSlips
from assistant.yaml_io import DataFileError, read_yaml
from pydantic import Field, ValidationError

from assistant.errors import CoachError, describe_validation
from assistant.phrase_patterns import alternation
from assistant.strict import StrictModel

_M = TypeVar("_M", bound=StrictModel)

DATA_FILE = "intents.yaml"
SLOTS = ("account", "product", "person", "target", "topic", "bundle")
_SLOT = re.compile(r"<(\w+)>")
_GROUP = re.compile(r"\{(\w+)\}")


class PhrasebookError(CoachError):
    pass


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class IntentSpec(_Strict):
    name: str
    about: str = ""
    reveals: bool = True  # False: blocker phrases in such a question are not play facts
    # True: in a message of several sentences, only its question sentence can ask this ("a rival
    # emailed them as a joke. more capacity?" is not off topic)
    asked_only: bool = False
    patterns: list[str]
    # A story's closing question, read on its own: "I told Dana the terms depend on the DQ deal.
    # Right move?" checks the play told; "... How do I word it?" drafts it (`story:` below)
    closing: list[str] = Field(default_factory=list)
    # A story's closing QUESTION SENTENCE of a few words that no pattern read ("... Sam wants a
    # proposal by mid-January. MA?"): read last, and only from a last sentence ending in "?", never
    # from a clause ("write the outreach for Orchid, addressed to Helen" is no story)
    closing_fragment: list[str] = Field(default_factory=list)
    # A story's closing question of a word or two ("why?", "how come") that asks about the verdict the story
    # tells (`session: words: verdict_no`, `verdict_yes`): "Acme DQ got a yes. Why?" asks its reasons; after a
    # story that tells no verdict ('Oskar wrote "...". hmm. why?') it is read as before, not by these
    closing_verdict: list[str] = Field(default_factory=list)
    # Intents the whole message, facts included, is read as instead, when it reads as this one only
    # once the words of facts are taken out ("what do I tell Fjord at their QBR" is the QBR's talk track)
    gives_way_to: list[str] = Field(default_factory=list)
    # Intents a sentence AFTER the one read as this intent may ask instead: a request that follows
    # the question ("Should I pitch DQ to Acme? Give me the words if yes.") is what is wanted
    then_asks: list[str] = Field(default_factory=list)
    # Words that, opening a question (after lead-in words) which only a check's pattern read, say it
    # asks this intent: "who signs for more capacity at Delta?" is no yes-or-no question
    opens: list[str] = Field(default_factory=list)
    # ... and words that ask it after words putting a question inside a sentence (`session: words:
    # asks_embedded`: "my manager wants to know why we're pitching capacity"); `opens` when not given
    inside: list[str] = Field(default_factory=list)


class BlockerSpec(_Strict):
    id: str
    sets: dict
    rule: str | None = None
    says: str
    patterns: list[str]


class SessionSpec(_Strict):
    ttl_s: int = Field(3600, gt=0)
    remember_plays: int = Field(5, ge=0)  # earlier plays in focus a session keeps ("the other one")
    # the session's own word groups (turns.py, chat.py), apart from `vocab`: not known words to the readers
    words: dict[str, list[str]] = Field(default_factory=dict)


class StorySpec(_Strict):
    # A message's closing question (its last sentence, or its words after the last comma) is read
    # by the intents' `closing` patterns when at least this many words come before it.
    min_words: int = Field(4, ge=1)
    # Intents read from a story's question sentence before the whole message is (a fragment's
    # intents, "and for Kestrel?", are not: alone, such a sentence leans on the story before it).
    asks: list[str] = Field(default_factory=list)
    # ... and those read from it only when a story is told before it (a sentence of its own, or more than
    # `min_words` words before its last clause): "Kestrel wants more seats. Which of their folks do I talk
    # to?" asks whom; "Acme - Data Quality - go or no go?" tells nothing before its question, a check
    asks_told: list[str] = Field(default_factory=list)
    # Intents a message's last clause asks for, with or without a question mark, when the rest of the
    # message reads as no other question than a check: "prepping for Dana tomorrow re DQ, how do I
    # open", "on a call with Lars in 10 min about capacity what do I lead with" ask for the words.
    # The last clause is the words after the last comma or dash, or after the last word of
    # `vocab: asking_start` (a question word, "can you", "give me": a run-on said without commas).
    ends: list[str] = Field(default_factory=list)
    # ... and those a last clause asks only when no check's pattern read the message: "at Kestrel who
    # controls the Studio budget" asks whom, "pitch it to Ana who owns the budget" tells whom (a check)
    ends_alone: list[str] = Field(default_factory=list)


class LLMSpec(_Strict):
    prompt: str = "parse.j2"


class PhrasebookSpec(_Strict):
    version: int
    session: SessionSpec = Field(default_factory=SessionSpec)
    llm: LLMSpec = Field(default_factory=LLMSpec)
    story: StorySpec = Field(default_factory=StorySpec)
    vocab: dict[str, list | dict[str, list]]
    intents: list[IntentSpec]
    changes: dict[str, list[str]]
    # A change's words asked as a fact about what the account has ("what tier is Acme on?"): no change
    changes_asked_as_fact: list[str] = Field(default_factory=list)
    blockers: list[BlockerSpec]
    amount: str
    # words typed without their apostrophe or in chat shorthand, read as written out before the
    # intents' patterns are tried ("whats" as "what's", "u" as "you"): one spelling in the patterns
    spelling: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class Pattern:
    source: str
    regex: re.Pattern


@dataclass(frozen=True)
class Blocker:
    id: str
    sets: dict
    rule: str | None
    says: str
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Phrasebook:
    path: Path
    ttl_s: int
    llm_prompt: str
    intents: tuple[tuple[str, tuple[Pattern, ...]], ...]
    changes: tuple[tuple[str, tuple[Pattern, ...]], ...]
    blockers: tuple[Blocker, ...]
    amount: re.Pattern
    changes_asked_as_fact: tuple[Pattern, ...] = ()  # a change's words inside these name no change
    abouts: tuple[tuple[str, str], ...] = ()  # intent name -> what it is for (for the LLM prompt)
    plain: frozenset[str] = frozenset()  # intents whose words reveal no play facts
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    remember_plays: int = 5
    closing: tuple[tuple[str, tuple[Pattern, ...]], ...] = ()  # intent -> patterns of a story's closing question
    closing_fragment: tuple[tuple[str, tuple[Pattern, ...]], ...] = ()  # ... of its closing question sentence, read last
    closing_verdict: tuple[tuple[str, tuple[Pattern, ...]], ...] = ()  # ... when the story tells a verdict
    asked_only: frozenset[str] = frozenset()  # intents read from a story's question sentence only
    story_words: int = 4  # words before a closing question that make the message a story
    story_asks: frozenset[str] = frozenset()  # intents read from a story's question sentence first
    story_asks_told: frozenset[str] = frozenset()  # ... only when a story is told before it
    story_ends: frozenset[str] = frozenset()  # intents a message's last clause asks for (`story.ends`)
    story_ends_alone: frozenset[str] = frozenset()  # ... only when no check's pattern read it
    gives_way_to: dict[str, frozenset[str]] = field(default_factory=dict)  # intent -> intents the whole text may read as
    then_asks: dict[str, frozenset[str]] = field(default_factory=dict)  # intent -> intents a later sentence may ask
    opens: tuple[tuple[str, frozenset[str]], ...] = ()  # intent -> words that, opening a check's question, ask it
    inside: tuple[tuple[str, frozenset[str]], ...] = ()  # intent -> words that ask it inside a sentence
    session_words: dict[str, frozenset[str]] = field(default_factory=dict)  # the session's own groups
    spelling: dict[str, str] = field(default_factory=dict)  # typed word -> as the patterns write it
    slips: AskingSlips | None = field(default=None, compare=False)  # a pattern's word typed with a slip ("whyy", "teh")

    def respelled(self, text: str, slips: bool = False) -> str:
        """A normalised text with the words of `spelling` written out, for the intents' patterns; with
        `slips`, also the patterns' words typed with a slip ("whyy", "teh": `AskingSlips`)."""
        if not self.spelling and not slips:
            return text
        read = self.slips.read if slips and self.slips is not None else str
        return " ".join(x for x in (self.spelling[w] if w in self.spelling else read(w) for w in text.split(" "))
                        if x)  # (a filler, "um", is dropped)

    @property
    def intent_names(self) -> list[str]:
        return [name for name, _ in self.intents]

    def word_pattern(self, group: str) -> re.Pattern:
        """Any phrase of a vocabulary group as whole words (used to cut and clean typed names);
        built once per group's phrases, not at every call (a message asks for several)."""
        return _words_regex(self.words[group])


@lru_cache(maxsize=128)
def _words_regex(phrases: frozenset[str]) -> re.Pattern:
    # (sorting and escaping a group's phrases again cost up to 1 ms a call; a frozenset keeps its hash)
    return re.compile(r"(?<![\w'])" + alternation(p.strip().casefold() for p in phrases) + r"(?![\w'])")


@lru_cache(maxsize=16)
def _spaced_words_regex(words: frozenset[str]) -> re.Pattern | None:
    forms = frozenset(" ".join(re.split(r"[\s\-]+", w.casefold())) for w in words if w.strip())
    return _words_regex(forms) if forms else None


def said_any(text: str, words: frozenset[str]) -> bool:
    """Whether one of `words` (a word or several) is in the text as whole words, a hyphen or a dash read
    as a space ("cross-sell" as "cross sell", "up-sell"): meaning.yaml's `names` word lists, a group of
    session words ("whose desk does this land on" says `the_play`)."""
    pattern = _spaced_words_regex(words)
    return bool(pattern and pattern.search(" ".join(re.split(r"[\s\-\u2013\u2014]+", text.casefold()))))


def compile_pattern(source: str, vocab: dict[str, frozenset[str]], *, whole: bool, where: str) -> Pattern:
    """Translate the data file's pattern language into one regular expression.

    whole=True (intents): the pattern must cover the whole question and slots are as short as
    possible; whole=False (changes, blockers): it may match anywhere and a slot runs to the end.
    """
    def group(match: re.Match) -> str:
        name = match.group(1)
        if name not in vocab:
            raise PhrasebookError(f"{where}: pattern '{source}' uses unknown vocabulary group {{{name}}}")
        return alternation(p.strip().casefold() for p in vocab[name])

    def slot(match: re.Match) -> str:
        name = match.group(1)
        if name not in SLOTS:
            raise PhrasebookError(f"{where}: pattern '{source}' uses unknown slot <{name}> "
                                  f"(slots: {', '.join(SLOTS)})")
        return f"(?P<{name}>.+?)" if whole else f"(?P<{name}>.+)"

    text = source.strip()
    # "..." = any words or none, glued to its neighbours by the spaces around it.
    text = text.replace(" ... ", "\x00M").replace("... ", "\x00L").replace(" ...", "\x00T")
    if text == "...":
        text = "\x00A"
    text = _SLOT.sub(slot, _GROUP.sub(group, text))
    text = (text.replace("\x00M", r"(?: .*?)? ").replace("\x00L", r"(?:.*? )?")
                .replace("\x00T", r"(?: .*)?").replace("\x00A", ".*"))
    if not whole:
        text = r"(?<![\w'])" + text + r"(?![\w'])"
    try:
        return Pattern(source, re.compile(text))
    except re.error as exc:
        raise PhrasebookError(f"{where}: pattern '{source}' is not a valid expression: {exc}") from None


def _vocab(spec: PhrasebookSpec) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    words: dict[str, frozenset[str]] = {}
    ordinals: dict[str, int] = {}
    for name, value in spec.vocab.items():
        if isinstance(value, dict):  # ordinals: number -> the words that say it
            for number, phrases in value.items():
                ordinals.update({str(p).casefold(): int(number) for p in phrases})
            words[name] = frozenset(ordinals)
        else:
            words[name] = frozenset(str(v).casefold() for v in value)
    return words, ordinals


def build(spec: PhrasebookSpec, path: Path) -> Phrasebook:
    words, ordinals = _vocab(spec)
    for required in ("noise", "stop", "agree", "ordinals", "name_end"):
        if required not in words:
            raise PhrasebookError(f"{path}: vocab needs a '{required}' group")

    def patterns(sources: list[str], where: str, whole: bool) -> tuple[Pattern, ...]:
        return tuple(compile_pattern(s, words, whole=whole, where=where) for s in sources)

    intents = tuple((i.name, patterns(i.patterns, f"{path}: intent {i.name}", True)) for i in spec.intents)
    unknown = sorted((set(spec.story.asks) | set(spec.story.asks_told) | set(spec.story.ends) | set(spec.story.ends_alone) | {g for i in spec.intents for g in (*i.gives_way_to, *i.then_asks)})
                     - {i.name for i in spec.intents})
    if unknown:
        raise PhrasebookError(f"{path}: story.asks, story.asks_told, story.ends, gives_way_to or then_asks names intents the file does not define: "
                              f"{', '.join(unknown)}")
    closing = tuple((i.name, patterns(i.closing, f"{path}: intent {i.name} (closing)", True))
                    for i in spec.intents if i.closing)
    closing_fragment = tuple((i.name, patterns(i.closing_fragment, f"{path}: intent {i.name} (closing_fragment)", True))
                             for i in spec.intents if i.closing_fragment)
    closing_verdict = tuple((i.name, patterns(i.closing_verdict, f"{path}: intent {i.name} (closing_verdict)", True))
                            for i in spec.intents if i.closing_verdict)
    changes = tuple((name, patterns(p, f"{path}: change {name}", False)) for name, p in spec.changes.items())
    blockers = tuple(Blocker(b.id, b.sets, b.rule, b.says, patterns(b.patterns, f"{path}: blocker {b.id}", False))
                     for b in spec.blockers)
    return Phrasebook(path=path, ttl_s=spec.session.ttl_s, llm_prompt=spec.llm.prompt, intents=intents,
                      changes=changes, blockers=blockers, amount=re.compile(spec.amount),
                      changes_asked_as_fact=patterns(spec.changes_asked_as_fact, f"{path}: changes_asked_as_fact",
                                                     False),
                      abouts=tuple((i.name, i.about) for i in spec.intents),
                      plain=frozenset(i.name for i in spec.intents if not i.reveals), words=words, ordinals=ordinals,
                      remember_plays=spec.session.remember_plays, closing=closing, closing_fragment=closing_fragment,
                      closing_verdict=closing_verdict,
                      asked_only=frozenset(i.name for i in spec.intents if i.asked_only),
                      story_words=spec.story.min_words, story_asks=frozenset(spec.story.asks),
                      story_asks_told=frozenset(spec.story.asks_told),
                      story_ends=frozenset(spec.story.ends), story_ends_alone=frozenset(spec.story.ends_alone),
                      gives_way_to={i.name: frozenset(i.gives_way_to) for i in spec.intents if i.gives_way_to},
                      then_asks={i.name: frozenset(i.then_asks) for i in spec.intents if i.then_asks},
                      opens=tuple((i.name, frozenset(" ".join(w.casefold().split()) for w in i.opens))
                                  for i in spec.intents if i.opens),
                      inside=tuple((i.name, frozenset(" ".join(w.casefold().split()) for w in (i.inside or i.opens)))
                                   for i in spec.intents if i.inside or i.opens),
                      session_words={name: frozenset(str(v).casefold() for v in value)
                                     for name, value in spec.session.words.items()},
                      spelling={str(k).casefold(): str(v).casefold() for k, v in spec.spelling.items()},
                      slips=AskingSlips(_asking_words(intents, spec.spelling.values()), _real_words))


def _asking_words(intents: tuple[tuple[str, tuple[Pattern, ...]], ...], spelled: Iterable[str]) -> set[str]:
    """The words the intents' patterns are written with (their vocabulary groups filled in), and the
    words `spelling` writes out: what a slip of typing is read as."""
    sources = [re.sub(r"\\.", " ", p.regex.pattern) for _, patterns in intents for p in patterns]
    return {w for text in (*sources, *spelled) for w in re.findall(r"[a-z]+", str(text).casefold())}


def _real_words() -> frozenset[str] | None:
    """The shipped model's vocabulary of real words (meaning.py), read when a slip is first found."""
    from assistant.conversation.meaning import model_words

    return model_words(None)


def read_spec(path: Path, model: type[_M], what: str) -> _M:
    """A conversation data file read and validated, or a PhrasebookError naming the file and the problem."""
    try:
        raw = read_yaml(path)
    except DataFileError as exc:
        raise PhrasebookError(f"{path}: cannot read the {what}: {exc.problem}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise PhrasebookError(f"{path}: {describe_validation(exc)}") from None


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Phrasebook:
    return build(read_spec(path, PhrasebookSpec, "conversation data file"), path)


def load_when_changed(path: Path, load, missing: str):
    """`load(path, mtime)` (an lru_cache'd reader): read again only when the file changed."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise PhrasebookError(f"{path}: {missing}") from None
    return load(path, mtime)


def load_phrasebook(prompts_dir: Path) -> Phrasebook:
    """The compiled data file under `prompts_dir/conversation/`, reloaded when it changes."""
    return load_when_changed(Path(prompts_dir) / "conversation" / DATA_FILE, _load,
                             "the conversation data file is missing")
