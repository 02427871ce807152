"""Cue words for blockers, read per clause without the model (prompts/conversation/meaning.yaml).

A cue is evidence by word that a clause may state a blocker: every group of `all` has a word in
the clause ("my" + "quarter"), none of `none` is there ("their quarter" is the customer's), and
no negation comes shortly before any of its words ("not for my quarter"). A `negated` cue is the
other way round: a word that states the blocker only when negated ("might not renew", "nobody is
satisfied"). Words are matched whole ("q4" also as "q4's"), a trailing `*` matches any ending
("complain*"), `_` any one word ("over _ head") and `_n_` any figure ("need _n_ to hit": "need 150k to hit"). A cue alone makes the coach ask; the meaning of the clause decides whether it is
applied. Each group is compiled once into one regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Sequence

# (a hash standing alone is a word of its own, which the data file's shorthand reads: "need it 4 my #")
_WORD = re.compile(r"[\w'%]+|(?<![\w#])#(?![\w#])")
_ENDINGS = frozenset({"s", "es", "d", "ed", "ing", "er", "ers", "ly", "'s"})


_MINUS = re.compile(r"(?<![\w.])[-\u2212](?=\d)")  # "-15": a negative number ("NPS at -15")
_PLUS = re.compile(r"(?<=\s)\+(?=\s)")  # "Governance + DQ": a plus between words


def cue_words(text: str) -> list[str]:
    """A clause as words: lower case, plain apostrophes, hyphens and slashes split words; a minus
    sign before a number is the word "minus", a plus between words the word "plus"."""
    folded = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    folded = _PLUS.sub(" plus ", _MINUS.sub(" minus ", folded))
    return [w.strip("'") for w in _WORD.findall(re.sub(r"[-/]", " ", folded)) if w.strip("'")]


_INFLECT_FROM = 4  # shorter words are matched as written ("new" is not "news", "cut" not "cute")
_VOWELS = frozenset("aeiou")


def _inflected(word: str) -> str:
    """A word and its regular forms: -s, -es, -ed, -ing, -er(s), -'s; a final e dropped ("hate":
    "hating"), a final consonant doubled ("slip": "slipped"), a final y as -ies/-ied ("worry")."""
    if len(word) < _INFLECT_FROM or not word.isalpha():
        return re.escape(word) + r"(?:'s)?"
    if word.endswith("e"):
        return re.escape(word[:-1]) + r"(?:e(?:s|d|r|rs|'s)?|ing)"
    if word.endswith("y") and word[-2] not in _VOWELS:
        return re.escape(word[:-1]) + r"(?:y|y's|ies|ied|ying)"
    double = word[-1] if (word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS
                          and word[-3] not in _VOWELS) else ""
    tail = rf"(?:{double})?(?:ed|ing|ers?)" if double else r"(?:ed|ing|ers?)"
    return re.escape(word) + rf"(?:s|es|'s|{tail})?"


_FIGURE = r"\d[\d,]*(?:k|m|mm|%)?"  # a figure typed in numbers: "150k", "40%", "200,000"


def _token(word: str) -> str:
    if word == "_":  # any one word: "over _ head"
        return r"[\w']+"
    if word == "_n_":  # any figure: "need _n_ to hit"
        return _FIGURE
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w']*"
    return _inflected(word)


@lru_cache(maxsize=16384)
def _first(words: "Words", text: str) -> int | None:
    """(The same clause is read by several groups' searches in one message, and again by the
    passes of one turn: a search of the large alternations is done once per clause.) Keyed by the
    group itself, by identity: a compiled pattern's hash hashes its whole compiled code (0.1-0.3 ms
    for the large alternations, some 15% of reading a story)."""
    match = words.regex.search(text)
    return None if match is None else text.count(" ", 0, match.start())


@dataclass(frozen=True, eq=False)  # (eq=False: hashed and compared by identity, see _first)
class Words:
    """A group of phrases ("my number", "complain*"), found in a clause's words."""

    regex: re.Pattern | None

    def positions(self, said: "Said") -> range:
        """The word positions of the earliest phrase of the group in the clause (empty when none)."""
        match = self.regex.search(said.text) if self.regex is not None else None
        if match is None:
            return range(0)
        start = said.text.count(" ", 0, match.start())
        return range(start, start + match.group(0).count(" ") + 1)

    def first(self, said: "Said") -> int | None:
        """The word position of the earliest phrase of the group in the clause, or None."""
        if self.regex is None:
            return None
        return _first(self, said.text)


def _joined(tokens: list[str]) -> str:
    """A phrase's words as one pattern; an "is" after a word is also its contraction, as typed ("quarter is
    fine" is said "my quarter's fine", "renewal is separate" "the renewal's separate")."""
    out = _token(tokens[0])
    for token in tokens[1:]:
        out += r"(?:'s| is)" if token == "is" else " " + _token(token)
    return out


@lru_cache(maxsize=64)
def cached_group(phrases: tuple[str, ...]) -> Words:
    """group() of a fixed tuple of phrases, compiled once per process."""
    return group(phrases)


def group(phrases: Iterable[str]) -> Words:
    alternatives = []
    for phrase in phrases:
        tokens = cue_words(phrase.replace("*", " _star_ "))
        merged: list[str] = []
        for token in tokens:
            if token == "_star_" and merged:
                merged[-1] += "*"
            elif token != "_star_":
                merged.append(token)
        if merged:
            alternatives.append(_joined(merged))
    if not alternatives:
        return Words(None)
    alternatives.sort(key=len, reverse=True)
    return Words(re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])"))


@dataclass(frozen=True)
class Said:
    """A clause as its words, and the same words joined by single spaces (searched by the groups)."""

    words: tuple[str, ...]
    text: str

    @classmethod
    def of(cls, clause: str, spelling: "Spelling | None" = None) -> "Said":
        words = tuple(cue_words(clause))
        if spelling is not None:
            words = spelling.fold(words)
        return cls(words, " ".join(words))


def forms(stem: str) -> tuple[str, ...]:
    """A cue's stem written with `*` ("complain*") and its usual forms, spelt out: what a
    misspelling may be a misspelling of ("complaning" is a misspelt "complaining")."""
    if len(stem) < _INFLECT_FROM or not stem.isalpha():
        return (stem,)
    base = stem[:-1] if stem.endswith("e") else stem
    return (stem, stem + "s", base + "ed", base + "ing", stem + "t", stem + "ts")


def _spelt(phrase: str) -> list[str]:
    """The words of a cue phrase as a misspelling may be folded to them (a stem's forms too)."""
    out = []
    for word in phrase.split():
        if word.endswith("*"):
            out += [f for w in cue_words(word[:-1]) for f in forms(w)]
        else:
            out += [w for w in cue_words(word) if w != "_"]
    return out


class Spelling:
    """How AMs type a cue word, folded to how the data file writes it: shorthand of the data file
    ("b4" -> before, "doesnt" -> doesn't, "my q" -> my quarter) and close misspellings of a cue
    word ("renwal", "compettior"; RapidFuzz ratio at least `typo_score`, words of `typo_length`
    letters or more that are no known word). With the keyboard's rows and a dictionary of real words,
    also a slip of one key to its neighbour ("unhapoy") or two neighbouring letters swapped
    ("frsutrated"), when the word is in no dictionary ("curious" is not a misspelt "furious") and
    only one cue word is that near."""

    def __init__(self, shorthand: dict[str, str], vocabulary: Iterable[str], known: frozenset[str],
                 typo_score: float, typo_length: int, keyboard: Sequence[str] = (),
                 dictionary: "Callable[[], frozenset[str] | None] | None" = None):
        self.shorthand = {k.casefold(): tuple(cue_words(v)) for k, v in shorthand.items()}
        self.vocabulary = sorted({w for w in vocabulary if len(w) >= typo_length})
        self.known = known | frozenset(self.vocabulary)
        self.typo_score, self.typo_length = typo_score, typo_length
        self.neighbours = key_neighbours(keyboard)
        self._dictionary = dictionary  # (asked only for a word no other rule folds: loaded then)
        self._memo: dict[str, tuple[str, ...]] = {}

    def fold(self, words: Sequence[str]) -> tuple[str, ...]:
        out: list[str] = []
        for word in words:
            out += self._word(word)
        return tuple(out)

    def _word(self, word: str) -> tuple[str, ...]:
        if word not in self._memo:
            self._memo[word] = self._fold(word)
        return self._memo[word]

    def _fold(self, word: str) -> tuple[str, ...]:
        if word in self.shorthand:
            return self.shorthand[word]
        if len(word) < self.typo_length or word in self.known or any(c.isdigit() for c in word):
            return (word,)
        if any(stem in self.known for stem in _stems(word)):
            return (word,)  # another form of a known word ("quoting", "quoted"), not a misspelt cue ("quota")
        from rapidfuzz import fuzz, process

        best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=self.typo_score)
        if best and word.startswith(best[0]) and word[len(best[0]):] in _ENDINGS:
            return (word,)  # another form of the word ("reviews"), not a misspelling of it
        if best and self._real(word) and not _form_of(best[0], word):
            return (word,)  # a real word, not a misspelt cue word ("hosted" is no "ghosted", "contact" no "contract")
        if best:
            return (best[0],)
        return self._slipped(word)

    def _real(self, word: str) -> bool:
        """Whether the word is in the dictionary of real words (False without one)."""
        known = self._dictionary() if self._dictionary is not None else None
        return known is not None and word in known

    def _slipped(self, word: str) -> tuple[str, ...]:
        """The one cue word the word is a slip of the keyboard from, or the word as typed."""
        known = self._dictionary() if self.neighbours and self._dictionary is not None else None
        if known is None or not word.isalpha() or word in known:
            return (word,)  # (no dictionary to tell a real word from a slip: none is guessed)
        near = [w for w in self.vocabulary if len(w) == len(word) and one_slip(word, w, self.neighbours)]
        return (near[0],) if len(near) == 1 else (word,)


def _form_of(cue: str, word: str) -> bool:
    """Whether the cue word is a regular form of the word ("tickets" of "ticket", "damaged" of
    "damage"): the word is then read as the cue word's form, as before."""
    stem = word[:-1] if word.endswith("e") else word
    return any(cue == base + ending for base in {word, stem} for ending in _ENDINGS)


def key_neighbours(rows: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each key's neighbours on a keyboard given by its rows, top first: beside it on its row, and
    the two keys touching it on the rows above and below (each row sits half a key to the right of
    the one above: "s" touches "w", "e", "z" and "x")."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            around = {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
            if r > 0:
                around |= {rows[r - 1][j] for j in (i, i + 1) if 0 <= j < len(rows[r - 1])}
            if r + 1 < len(rows):
                around |= {rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])}
            near.setdefault(key, set()).update(around)
    return {key: frozenset(keys) for key, keys in near.items()}


def one_slip(typed: str, meant: str, neighbours: dict[str, frozenset[str]]) -> bool:
    """Whether `typed` is `meant` (of the same length) with one key hit beside it, or with two
    neighbouring letters swapped."""
    differ = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
    if len(differ) == 1:
        i = differ[0]
        return typed[i] in neighbours.get(meant[i], frozenset())
    return len(differ) == 2 and differ[1] == differ[0] + 1 and \
        typed[differ[0]] == meant[differ[1]] and typed[differ[1]] == meant[differ[0]]


def _stems(word: str) -> list[str]:
    """What a regular form may be a form of: "quoting" -> quot, quote; "tied" -> ti, tie; "worries" -> worry."""
    out = []
    for ending in ("ing", "ed", "es", "s", "er", "ers", "ies", "ied"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:-len(ending)]
            out += [stem, stem + "e"] + ([stem + "y"] if ending in ("ies", "ied") else [])
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "slipped" -> slip
    return out


@dataclass(frozen=True)
class ConditionOpens:
    """Words that open a condition a few words before a negation ("if I don't land it this quarter I miss
    quota"): the negation is the condition's, no denial of the cue words after it (meaning.yaml
    `condition_opens`)."""
    words: frozenset[str] = frozenset()
    reach: int = 0
    # the negations of a deed that may not happen ("don't", "doesn't"), not of a state supposed ("if they
    # weren't unhappy" denies it)
    negations: frozenset[str] = frozenset()
    blockers: frozenset[str] = frozenset()  # the blockers such a condition states (ids)

    def opened(self, words: Sequence[str], negation: int, own: frozenset[int] = frozenset()) -> bool:
        """(an opening word that is the cue's own is no condition around it: "if they don't renew" is no
        renewal tie, its "if" is the tie's own word)"""
        start = max(0, negation - self.reach)
        return words[negation] in self.negations and \
            any(w in self.words and start + i not in own for i, w in enumerate(words[start:negation]))


@dataclass(frozen=True)
class CueRule:
    all: tuple[Words, ...] = ()
    none: Words = Words(None)
    negated: Words = Words(None)


def negated_at(words: Sequence[str], at: int, negations: frozenset[str], window: int,
               own: frozenset[int] = frozenset(), opens: ConditionOpens = ConditionOpens()) -> bool:
    """A negation word (or any word ending in n't) among the `window` words before position `at`
    (words at the positions `own` excepted: the cue's own words; and a negation a condition opens, `opens`)."""
    start = max(0, at - window)
    return any((w in negations or w.endswith("n't")) and start + i not in own and not opens.opened(words, start + i, own)
               for i, w in enumerate(words[start:at]))


def compared_only(words: Words, said: Said, compared: Words, window: int = 3) -> bool:
    """Whether every phrase of the group in the clause follows a comparison word shortly before it
    ("cheaper than buying them separately": "separately" compares, it says nothing is bundled)."""
    if words.regex is None or compared.regex is None:
        return False
    for match in words.regex.finditer(said.text):
        at = said.text.count(" ", 0, match.start())
        if compared.regex.search(" ".join(said.words[max(0, at - window):at])) is None:
            return False
    return True


def fires(rule: CueRule, said: Said, negations: frozenset[str], window: int,
          conditional: Words = Words(None), compared: Words = Words(None),
          opens: ConditionOpens = ConditionOpens()) -> bool:
    places = []
    for words in rule.all:
        at = words.first(said)
        if at is None:
            return False  # (the rule's other groups need not be searched: most rules stop at their first)
        places.append(at)
    # (its excluding words only once its groups are there: most rules stop above, and both ways say no)
    if rule.none.first(said) is not None and not compared_only(rule.none, said, compared):
        return False
    if rule.negated.regex is not None:  # "the CFO has zero visibility": its groups there, the word negated
        at = rule.negated.first(said)
        return at is not None and negated_at(said.words, at, negations, window)
    if not rule.all:
        return False
    if conditional.first(said) is not None:
        return True  # "no renewal discount unless they add MA": a condition, not a denial
    # Any of its words negated ("no package", "not tied to the renewal") turns the cue off; a
    # negation that is itself a word of the cue does not ("who's never heard | of us").
    own = frozenset(i for words in rule.all for i in words.positions(said))
    return not any(negated_at(said.words, at, negations, window, own, opens) for at in places)


@dataclass(frozen=True)
class CompiledCues:
    rules: dict[str, tuple[CueRule, ...]]  # blocker id -> its cue rules
    hints: dict[str, Words]  # blocker id -> words that only say a clause may be about it
    applies_with: dict[str, tuple[CueRule, ...]]  # blocker id -> cues the message needs for it to be applied
    calm: dict[str, Words]  # blocker id -> words anywhere in a message that say it is not so
    past: Words  # words that put a clause in the past
    past_over: Words  # words that say the past trouble is over
    conditional: Words  # words that make a negated clause a condition ("no discount unless ...")
    vocabulary: frozenset[str]  # every single word of the cues (what a misspelling is folded to)
    customer_timing: tuple[CueRule, ...] = ()  # the customer's own reason for the timing
    # blocker id -> cues sure on their own (cues too; their `none` words exclude nothing else)
    sure: dict[str, tuple[CueRule, ...]] = field(default_factory=dict)
    compared: Words = Words(None)  # comparison words: an excluding word after one excludes nothing
    supposed: Words = Words(None)  # words that make a clause a supposition ("if Lumen were unhappy")
    opens: ConditionOpens = ConditionOpens()  # a negation they open is a condition's ("if I don't land it ...")


_COMPILED: dict[str, CompiledCues] = {}


def _rule(cue) -> CueRule:
    return CueRule(all=tuple(group(g) for g in cue.all), none=group(cue.none), negated=group(cue.negated))


def compile_cues(spec) -> CompiledCues:
    """The cue rules and the past markers, compiled once per meaning file."""
    if spec.digest not in _COMPILED:
        sure = {b.id: tuple(_rule(cue) for cue in b.sure) for b in spec.blockers if b.sure}
        rules = {b.id: tuple(_rule(cue) for cue in b.cues) for b in spec.blockers}
        hints = {b.id: group(b.hints) for b in spec.blockers}
        applies_with = {b.id: tuple(_rule(cue) for cue in b.applies_with) for b in spec.blockers if b.applies_with}
        vocabulary = frozenset(w for b in spec.blockers
                               for phrase in [*(p for cue in (*b.cues, *b.sure) for g in cue.all for p in g),
                                              *(p for cue in (*b.cues, *b.sure) for p in cue.negated), *b.hints]
                               for w in _spelt(phrase))
        calm = {b.id: group(b.calm) for b in spec.blockers}
        # (a supposition is read as the past is: never applied, asked about for its cue words only)
        past = group([*spec.past, *spec.hypothetical])
        _COMPILED[spec.digest] = CompiledCues(rules, hints, applies_with, calm, past, group(spec.past_over),
                                              group(spec.conditional), vocabulary,
                                              tuple(_rule(cue) for cue in spec.customer_timing), sure,
                                              group(spec.comparisons), group(spec.hypothetical),
                                              ConditionOpens(frozenset(spec.condition_opens.words),
                                                             spec.condition_opens.reach,
                                                             frozenset(spec.condition_opens.negations),
                                                             frozenset(spec.condition_opens.blockers))
                                              if spec.condition_opens else ConditionOpens())
    return _COMPILED[spec.digest]
