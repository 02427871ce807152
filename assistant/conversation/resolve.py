"""Names the way people type them: "Acme" for Acme Corp, "DQ" for Data Quality, "Acmee", "Priya".

A typed name resolves to one known name, or to an ambiguity (several fit equally), or to
nothing (with the closest candidates for the ask-back). Never to a name that is not on record.
Order of evidence: exact spelling or alias, a known name inside the words, a prefix or whole
word of a name, then a close spelling (RapidFuzz ratio, 0-100). The thresholds are data
(prompts/conversation/meaning.yaml, `names:`). A company's first word followed by a company
word ("Acme Health") names another company: it is asked back, never taken for Acme Corp.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Literal

from rapidfuzz import fuzz

from assistant.conversation.asking_slips import swaps
from assistant.conversation.meaning_spec import NameParams, default_name_params
from assistant.conversation.name_scores import ScoreTable
from assistant.domain import Account, Catalog
from assistant.phrase_patterns import alternation

_SMALL_WORDS = frozenset({"of", "and", "the", "for", "&"})
PREPOSITIONS = frozenset({"to", "with", "for", "at", "through", "via"})
_PREFIX_FROM = 3  # a typed start of a name ("gov", "borea") is read as that name from this many letters
_STARTING_KEPT = 4096  # words whose `Names.starting` answer is kept (a memory bound for a long-lived process)


def names_another_company(word: str, params: NameParams) -> bool:
    """Whether a word after a company's first word makes it another company ("acme health"): a
    company word that is not only a legal form ("acme inc", "acme corporation" are Acme Corp)."""
    word = word.strip(".,;:!?\"'()")
    return word in params.company_words and word not in params.legal_forms


def phrase_ending(words: list[str], phrases: frozenset[str]) -> int:
    """How many of the words the longest of the phrases (of one or more words) they end with covers, 0 for none."""
    longest = max((p.count(" ") + 1 for p in phrases), default=0)
    return next((size for size in range(min(longest, len(words)), 0, -1) if " ".join(words[-size:]) in phrases), 0)


def phrase_opening(words: list[str], phrases: frozenset[str]) -> int:
    """How many of the words the longest of the phrases they start with covers, 0 for none."""
    longest = max((p.count(" ") + 1 for p in phrases), default=0)
    return next((size for size in range(min(longest, len(words)), 0, -1) if " ".join(words[:size]) in phrases), 0)


def said_before(words: list[str], phrases: frozenset[str]) -> int:
    """How many of the words before a name one of the phrases covers, right before it or before a
    preposition ("through Mia", "than to Mia"): 0 when none is there."""
    covered = phrase_ending(words, phrases)
    if not covered and words and words[-1] in PREPOSITIONS and (bridged := phrase_ending(words[:-1], phrases)):
        covered = bridged + 1
    return covered


def typo_edits(length: int) -> int:
    """How many edits (a letter added, dropped, changed or two swapped) a misspelling of this many
    letters may have: one per five letters, at least one ("lumin", "automtion"; "making" is three
    edits from "marketing", a word of its own, not a misspelling)."""
    return max(1, length // 5)


@dataclass(frozen=True)
class Resolution:
    status: Literal["found", "ambiguous", "unknown"]
    typed: str
    name: str | None = None
    candidates: tuple[str, ...] = ()
    how: str = ""  # exact | mention | prefix | fuzzy
    matched: str = ""  # the part of the typed words that named it (all of them, or a mention)

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass(frozen=True)
class Mention:
    name: str
    span: tuple[int, int]
    key: str


def fold(text: str) -> str:
    """The text as names are looked for in it: lower case, plain apostrophes, single spaces."""
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _written_forms(key: str) -> set[str]:
    """Other ways a name's spelling is written: its words run together or hyphenated ("dataquality",
    "data-quality", "marinershipping")."""
    words = key.split()
    return {"".join(words), "-".join(words)} if len(words) > 1 else set()


def _initials(title: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", title.casefold()) if w and w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


class Names:
    """One kind of name (accounts, products or people) with every spelling that points to it."""

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str]]], mention_words: bool = False,
                 common: frozenset[str] = frozenset(), params: NameParams | None = None):
        self.kind = kind
        self.params = params or default_name_params()
        # A company is said by its first word ("Mariner"); its other words alone are ordinary
        # words ("shipping", "analytics") and are never taken, misspelt, for the company.
        self.first_words_only = mention_words
        self.firsts: set[str] = set()  # first words that stand for a whole name ("acme")
        self.shared: dict[str, tuple[str, ...]] = {}  # first words of several names ("nimbus") -> those names
        self.keys: dict[str, set[str]] = {}  # spelling -> names
        self.names: list[str] = []
        self.written: set[str] = set()  # spellings run together or hyphenated ("dataquality"): no word starts in them
        self.heads: set[str] = set()  # a product's word said alone ("gov" of "Gov Suite"): typed exactly only
        self._words: list | None = None  # (scores' table of spellings and their words, made on first use)
        self._table: ScoreTable | None = None  # (... and of every string they compare, made on first use)
        self._starting: dict[str, frozenset[str]] = {}  # (`starting`'s answers by word, up to _STARTING_KEPT)
        for name, spellings in entries:
            self.names.append(name)
            keys = {fold(name), *(fold(s) for s in spellings if s and s.strip())}
            if kind in ("account", "product"):
                written = {form for key in keys for form in _written_forms(key)} - keys
                self.written |= written
                keys |= written
            for key in keys:
                self.keys.setdefault(key, set()).add(name)
        if kind == "product":
            self._said_by_head()
        mention_keys = {k for k, names in self.keys.items() if len(names) == 1}
        if mention_words:  # the first word of a company name is how people say it: "Acme"
            firsts: dict[str, set[str]] = {}
            for name in self.names:
                first = fold(name).split()[0]
                firsts.setdefault(first, set()).add(name)
            mention_keys |= {w for w, names in firsts.items()
                             if len(names) == 1 and len(w) >= 3 and w not in common and w not in self.keys}
            self.shared = {w: tuple(sorted(names)) for w, names in firsts.items()
                           if len(names) > 1 and len(w) >= 3 and w not in common}
            for word, names in firsts.items():
                if word in mention_keys:
                    self.keys.setdefault(word, set()).update(names)
                    self.firsts.add(word)
        self._mention = re.compile(r"(?<![\w'])" + alternation(mention_keys) + r"(?![\w])") if mention_keys else None

    def _said_by_head(self) -> None:
        """A product's spelling of one word and a product noun ("Gov Suite") is said by that word alone, in
        any case ("fold gov into the renewal", "the gov budget"), when no other product's spelling has it:
        the noun names nothing by itself (`names.product_nouns`). Typed exactly only: "go" is no slip of it."""
        nouns, heads = self.params.product_nouns, {}
        for key, names in self.keys.items():
            words = key.split()
            rest = [w for w in words if w not in nouns]
            if len(words) > 1 and len(rest) == 1 and len(rest[0]) >= _PREFIX_FROM:
                heads.setdefault(rest[0], set()).update(names)
        others = {w: names for key, names in self.keys.items() for w in key.split()}
        for head, names in heads.items():
            if len(names) == 1 and head not in self.keys and others.get(head, names) == names:
                self.keys[head] = set(names)
                self.heads.add(head)

    def mentions(self, text: str, other_companies: bool = False) -> list[Mention]:
        """Known names written out in the text (exact spellings and aliases only). A first word
        followed by a company word ("acme health") is another company: left out, unless asked for."""
        if self._mention is None:
            return []
        out = []
        folded = fold(text)
        for match in self._mention.finditer(folded):
            names = self.keys[match.group(0)]
            if len(names) != 1:
                continue
            if not other_companies and match.group(0) in self.firsts:
                after = folded[match.end():].split()[:1]
                if after and names_another_company(after[0], self.params):
                    continue
            out.append(Mention(next(iter(names)), match.span(), match.group(0)))
        return out

    def initialled(self, text: str, shortest: int, keys_too: bool = False,
                   words: frozenset[str] | None = None) -> list[Mention]:
        """Names typed as their initials in capitals ("IWT" for Ironwood Telecom, "I.W.T.", "IS" for
        Insights Studio): each word of the name gives its first letter, in order, and may give more
        letters from inside it (the "W" of IronWood). Only tokens of at least `shortest` capitals
        that fit one name count; `keys_too`: a spelling on record typed so counts too ("D.Q.").
        With `words` (the words a token in lower case may be instead), a message typed without any
        capital ("iwt more volume?") has its initials in lower case too, when they are none of those words."""
        out = []
        if words is not None and not any(c.isupper() for c in text):
            text = re.sub(r"[a-z]+", lambda m: m.group(0) if m.group(0) in words else m.group(0).upper(), text)
        dotted = {m.group(1).replace(".", "") for m in re.finditer(r"(?<![\w.])((?:[A-Z]\.){2,})", text)}
        text = re.sub(r"(?<![\w.])((?:[A-Z]\.){2,})", lambda m: m.group(1).replace(".", "") + " ", text)
        for token in re.findall(r"(?<![\w'])[A-Z]{%d,}(?![\w'])" % shortest, text):
            key = token.casefold()
            if key in self.keys:
                # (a spelling typed plain is read with the others, where it stands: only dotted here)
                if keys_too and token in dotted and len(self.keys[key]) == 1:
                    out.append(Mention(next(iter(self.keys[key])), (0, 0), key))
                continue
            fits = {name for name in self.names if _spelt_by_initials(key, fold(name).split())}
            if len(fits) == 1:
                name = fits.pop()
                out.append(Mention(name, (0, 0), key))
        return out

    def started(self, text: str, shortest: int, skip: frozenset[str] = frozenset(),
                nouns: frozenset[str] = frozenset(), beside: frozenset[str] = frozenset(),
                alone: str = "") -> list[Mention]:
        """Names typed by the start of one of their words, with a capital, before one of `nouns`
        or right after one of `beside` ("about Gov.", "the gov module", "juniper gov": after the
        account's name), or as the word `alone` (the message's question said in one word: "..., gov?"):
        each word of at least `shortest` letters that starts the words of one name only."""
        out = []
        typed = re.findall(r"[\w][\w\-]*", text.replace("\u2019", "'"))
        for before, word, after in zip(["", *typed], typed, [*typed[1:], ""]):
            key = word.casefold()
            if not word[:1].isupper() and after.casefold() not in nouns and before.casefold() not in beside \
                    and key != alone:
                continue
            if (name := self._started_by(key, shortest, skip)) is not None:
                out.append(Mention(name, (0, 0), key))
        return out

    def _started_by(self, key: str, shortest: int, skip: frozenset[str]) -> str | None:
        """The one name whose word a typed word (lower case) starts, when it has `shortest` letters or more
        and is neither skipped nor a spelling of its own; None otherwise."""
        if len(key) < shortest or key in skip or key in self.keys:
            return None
        fits = self.starting(key)
        return next(iter(fits)) if len(fits) == 1 else None

    def starting(self, key: str) -> frozenset[str]:
        """The names one of whose words starts with `key` (lower case): a truncated word, "gov" of
        "governance", or a name's head word; the word that qualifies a longer name is an ordinary word
        ("Marketing wants it" names no product)."""
        # (asked of every word of a message, each a scan of every spelling: remembered per word, the
        # spellings being fixed once the names are built)
        if (found := self._starting.get(key)) is None:
            found = frozenset(name for spelling, names in self.keys.items() if spelling not in self.written
                              for name in names for part in spelling.split() if part.startswith(key)
                              and (part != key or part == spelling.split()[-1]))
            if len(self._starting) < _STARTING_KEPT:
                self._starting[key] = found
        return found

    def short_forms(self, text: str, shortest: int, skip: frozenset[str] = frozenset()) -> list[Mention]:
        """Every word of the text, in any case, that is the start of one name's word only (as `started`
        reads it, wherever it stands), with its place in the folded text: for a caller that decides by
        the words around it ("take gov to him": a product after a pitch verb)."""
        out = []
        for match in re.finditer(r"(?<![\w'])[\w][\w\-]*", fold(text)):
            if (name := self._started_by(match.group(0), shortest, skip)) is not None:
                out.append(Mention(name, match.span(), match.group(0)))
        return out

    def aimed(self, text: str, before: frozenset[str], against: frozenset[str] = frozenset()) -> set[str]:
        """The names written right after one of `before` ("through Mia", "in front of Ben Whitaker"), or
        after one of them and a preposition ("rather than to Mia"); of `before` and `against` both ending
        there, the longer one decides ("in front of Robert" is aimed at him, "instead of Robert" not)."""
        folded = fold(text)
        out = set()
        for m in self.mentions(text):
            prior = [w.strip(",.;:!?") for w in folded[:m.span[0]].split()]
            if said_before(prior, before) > said_before(prior, against):
                out.add(m.name)
        return out

    def resolve(self, typed: str) -> Resolution:
        key = fold(typed)
        if not key or not self.names:
            return Resolution("unknown", typed)
        exact = self.keys.get(key)
        if exact:
            return self._pick(typed, sorted(exact), "exact")
        inside = self.mentions(key, other_companies=True)
        shared = self.shared_first(key) if not inside else None
        if shared is not None:
            return shared
        other = self._other_company(key, inside)
        if other is not None:
            return other
        if inside:
            found = self._pick(typed, sorted({m.name for m in inside}), "mention")
            return replace(found, matched=inside[0].key) if found.found else found
        if len(key) >= _PREFIX_FROM:  # ("go" is a word, not the start of "gov suite")
            # (a company is typed from its start: "ana" is no start of "nimbus analytics", but may be
            # a person's name, Ana Souza)
            prefixed = sorted({name for spelling, names in self.keys.items() for name in names
                               if spelling.startswith(key) or (not self.first_words_only and f" {key}" in f" {spelling}")})
            if prefixed:
                return self._pick(typed, prefixed, "prefix")
        whole = self._fuzzy(typed, key)
        return whole if whole.status != "unknown" else self._fuzzy_part(typed, key) or whole

    def shared_first(self, text: str) -> Resolution | None:
        """A first word that several names share ("nimbus": Nimbus Software, Nimbus Analytics):
        the one whose other words are typed too (exactly or closely spelt, "nimbus analytcs"),
        else an ambiguity with those names. Never a guess from a near word ("nimbus dq go": "go" is
        not "software"). None when no such word is typed."""
        typed = [w[:-2] if w.endswith("'s") else w for w in fold(text).split()]
        for index, word in enumerate(typed):
            names = self.sharing(word)
            if not names:
                continue
            rest = [w for w in typed[index + 1:index + 1 + self.params.max_words] if len(w) >= self.params.min_length]
            # (closely spelt, or its start typed: "nimbus soft")
            fits = sorted({name for name in names for other in fold(name).split()[1:]
                           for w in rest if fuzz.ratio(w, other) >= self.params.accept
                           or (len(w) >= _PREFIX_FROM and other.startswith(w))})
            if not fits and typed[index + 1:index + 2] and typed[index + 1].strip(".,") in self.params.legal_forms:
                # ("acme corporation", "Acme Inc" beside Acme Robotics: a legal form typed another way says the
                # company whose other words are only its legal form, Acme Corp)
                fits = sorted(name for name in names if set(fold(name).split()[1:]) <= self.params.legal_forms)
            if len(fits) == 1:
                return Resolution("found", text, fits[0], (fits[0],), "fuzzy", word)
            return Resolution("ambiguous", word, None, tuple(fits or names), "shared")
        return None

    def sharing(self, word: str) -> tuple[str, ...]:
        """The names whose shared first word this is, said once or of them all ("my Nimbuses")."""
        plurals = (word[:-2], word[:-1]) if word.endswith("es") else (word[:-1],) if word.endswith("s") else ()
        return next((self.shared[w] for w in (word, *plurals) if w in self.shared), ())

    def _other_company(self, key: str, inside: list[Mention]) -> Resolution | None:
        """"acme health": a first word followed by a company word is another company, not Acme Corp."""
        for mention in inside:
            if mention.key not in self.firsts:
                continue
            after = key[mention.span[1]:].split()[:1]
            if after and names_another_company(after[0], self.params):
                typed = key[mention.span[0]:mention.span[1]] + " " + after[0]
                return Resolution("unknown", typed, None, (mention.name,), "")
        return None

    def _fuzzy_part(self, typed: str, key: str) -> Resolution | None:
        """A close spelling of one name among other words ("pitching marketing automtion to")."""
        words = key.split()
        if len(words) < 2:
            return None
        best: tuple[float, str, str] | None = None
        p = self.params
        for size in range(1, min(p.max_words, len(words)) + 1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start:start + size])
                if len(part) < p.min_length or part in p.company_words or \
                        {words[start], words[start + size - 1]} & (_SMALL_WORDS | PREPOSITIONS):
                    continue  # ("of marketing": a name starts and ends with a word of its own)
                # (among other words, as in free text, a product's qualifying word alone is an ordinary
                # word: "vp of marketing ops" is no Marketing Automation, "automtion" is)
                ranked = self.scores(part, heads_only=not self.first_words_only and size == 1)
                if ranked and ranked[0][0] < 100 and self.edits(part, ranked[0][1]) > typo_edits(len(part)):
                    continue  # alike, but too many letters apart to be a slip ("marketing ops")
                if ranked and ranked[0][0] >= p.accept and (len(ranked) == 1 or ranked[1][0] <= ranked[0][0] - p.margin):
                    if best is None or ranked[0][0] > best[0]:
                        best = (ranked[0][0], ranked[0][1], part)
        if best is None:
            return None
        return Resolution("found", typed, best[1], (best[1],), "fuzzy", best[2])

    def _pick(self, typed: str, names: list[str], how: str) -> Resolution:
        if len(names) == 1:
            return Resolution("found", typed, names[0], (names[0],), how, fold(typed))
        return Resolution("ambiguous", typed, None, tuple(names), how)

    def scores(self, key: str, heads_only: bool = False) -> list[tuple[float, str]]:
        """Every name with how alike (0-100) the typed key is to its closest spelling: the whole
        spelling, its start, or one of its words (not a generic company word such as "corp");
        `heads_only`: not the first word of a longer spelling (the word that qualifies the name)."""
        if self._table is None:  # (all spellings compared in one call: name_scores.py)
            self._table = ScoreTable(self._spelling_words())
        return self._table.scores(key, len(key) >= self.params.min_length, heads_only,
                                  self.first_words_only and " " not in key)

    def _spelling_words(self) -> list[tuple[str, set[str], list[str], list[str]]]:
        """(spelling, its names, its words but generic company words, those but the first of several),
        worked out once per Names (a speed matter: `scores` runs for many typed words a message)."""
        if self._words is None:
            # (a product noun in a product's name, the "suite" of Governance Suite, names nothing alone:
            # "quite", "site" and "sister" are no slips of it)
            generic = self.params.company_words | (self.params.product_nouns if self.kind == "product" else frozenset())
            table = []
            for spelling, names in self.keys.items():
                if spelling in self.heads:
                    continue
                words = [w for w in spelling.split() if w not in generic]
                table.append((spelling, names, words, words[1:] if len(words) > 1 else words))
            self._words = table
        return self._words

    def edits(self, key: str, name: str) -> int:
        """The fewest edits from the typed key to a spelling of the name, its start or one of its words."""
        from rapidfuzz.distance import OSA

        best = None
        for spelling, names in self.keys.items():
            if name not in names:
                continue
            for part in (spelling, spelling[:len(key)], *spelling.split()):
                d = OSA.distance(key, part)
                best = d if best is None else min(best, d)
        return best if best is not None else len(key)

    def _fuzzy(self, typed: str, key: str) -> Resolution:
        p = self.params
        ranked = self.scores(key)
        close = tuple(name for score, name in ranked[:3] if score >= p.suggest)
        if key in p.company_words:
            return Resolution("unknown", typed, None, close, "")
        if ranked and ranked[0][0] >= p.accept:
            rivals = [name for score, name in ranked if score >= p.accept and score > ranked[0][0] - p.margin]
            if len(rivals) == 1:
                return Resolution("found", typed, rivals[0], close, "fuzzy", key)
            return Resolution("ambiguous", typed, None, tuple(rivals), "fuzzy")
        slip = self._slip(key, close)
        if slip is not None:
            return Resolution("found", typed, slip, close, "fuzzy", key)
        return Resolution("unknown", typed, None, close, "")

    def _slip(self, key: str, close: tuple[str, ...]) -> str | None:
        """Two letters swapped in a short name ("acem", "gael", "lumne"): a ratio counts a swap as
        two edits, so such a name is not alike enough by it, and the coach asked back with a
        candidate list of one. The one close name whose spelling (or a word of it) has the same
        letters, one swap away, is taken. (Only a swap: "game" is a word, not a slip of "gale".)"""
        if " " in key or len(key) < self.params.min_length or self.kind == "person":
            return None
        from rapidfuzz.distance import OSA

        swapped = [name for name in close
                   if any(sorted(part) == sorted(key) and OSA.distance(key, part) == 1
                          for spelling, names in self.keys.items() if name in names
                          for part in (spelling, *spelling.split()))]
        return swapped[0] if len(swapped) == 1 else None

    def autocorrected(self, typed: str) -> str | None:
        """The one name a word typed as a name may be an autocorrection of: one letter changed after
        its first ("Acne" for Acme, "Gate" for Gale), as a phone's dictionary makes a name a word. Such
        a word is an ordinary word by itself ("game" is not Gale, `resolve`): only a caller that knows
        it was typed as a name (with a capital, in a name's place) asks. None when not one name fits."""
        key = fold(typed)
        if " " in key or len(key) < self.params.min_length or self.kind == "person":
            return None
        # (a company by its first word, "Medic" is no Evergreen Media; a product by a word of its own)
        fits = {name for spelling, names in self.keys.items()
                for part in (spelling.split()[:1] if self.first_words_only else spelling.split())
                if len(part) == len(key) and part[0] == key[0] and sum(a != b for a, b in zip(part, key)) == 1
                and part not in self.params.company_words | self.params.product_nouns for name in names}
        return fits.pop() if len(fits) == 1 else None

    def close(self, typed: str, limit: int = 3, minimum: float | None = None) -> list[str]:
        minimum = self.params.suggest if minimum is None else minimum
        return [name for score, name in self.scores(fold(typed))[:limit] if score >= minimum]

    def find(self, text: str, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        """Names typed anywhere in free text, misspelt or not: (name, the words that named it).

        Exact spellings first; then runs of up to `max_words` words that are not `skip` words
        (question words, noise), each taken when one name is clearly the closest."""
        found = [(m.name, m.key) for m in self.mentions(text)]
        if found:
            return found
        p = self.params
        words = [w[:-2] if w.endswith("'s") else w for w in fold(text).split()]
        best: dict[str, tuple[float, str]] = {}
        for size in range(min(p.max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                run = words[start:start + size]
                if run[0] in skip or run[-1] in skip or run[0] in p.company_words:
                    continue
                after = words[start + size:start + size + 1]
                if after and names_another_company(after[0], p):
                    continue  # "acme health": the start of another company's name
                part = " ".join(run)
                if len(part) < p.min_length:
                    continue
                if any(self.sharing(w) for w in run):  # "nimbus go": which Nimbus is not guessed
                    shared = self.shared_first(part)
                    if shared is not None and shared.found and shared.name not in best:
                        best[shared.name] = (float(p.accept), part)
                    continue
                # (a product is said in free text by a spelling or its head word, "DQ", "automtion";
                # the word that qualifies a longer name is an ordinary word there: "their marketing
                # ops team" is no Marketing Automation)
                ranked = self.scores(part, heads_only=not self.first_words_only and size == 1)
                if not ranked or ranked[0][0] < p.accept:
                    continue
                if len(ranked) > 1 and ranked[1][0] > ranked[0][0] - p.margin:
                    continue
                score, name = ranked[0]
                if score < 100 and self.edits(part, name) > typo_edits(len(part)):
                    continue  # alike, but too many letters apart to be a slip of the keys
                if name not in best or score > best[name][0]:
                    best[name] = (score, part)
        return [(name, part) for name, (score, part) in sorted(best.items(), key=lambda kv: -kv[1][0])]


def _spelt_by_initials(token: str, words: list[str]) -> bool:
    """Whether the token is the words' first letters in order, each word giving its first letter and
    at most one more from inside it ("iwt": i(ron)w(ood) t(elecom); "KOD": k(estrel) o(ut)d(oor)). A
    word giving more is another acronym: "EMEA" is no e(vergreen) m(e)(a)dia."""
    if not words:
        return not token
    word = words[0]
    if not token or token[0] != word[0]:
        return False
    # this word gives token[:n] (its first letter, then a letter found inside it)
    at, n = 1, 1
    while True:
        if _spelt_by_initials(token[n:], words[1:]):
            return True
        if n >= min(len(token), 2):
            return False
        found = word.find(token[n], at)
        if found < 0:
            return False
        at, n = found + 1, n + 1


@lru_cache(maxsize=32)
def account_names(names: tuple[str, ...], common: frozenset[str], params: NameParams | None = None) -> Names:
    return Names("account", ((n, ()) for n in names), mention_words=True, common=common, params=params)


def product_names(catalog: Catalog, params: NameParams | None = None) -> Names:
    """The catalog's products by name and alias, built once per process for the same names, aliases
    and parameters (a question reads the catalog again; building them was about 1 ms)."""
    return _product_names(tuple((p.name, tuple(p.aliases)) for p in catalog.products), params)


@lru_cache(maxsize=8)
def _product_names(products: tuple[tuple[str, tuple[str, ...]], ...], params: NameParams | None) -> Names:
    return Names("product", products, params=params)


def tier_names(catalog: Catalog) -> dict[str, str]:
    """Tier name -> the product it is a tier of ("enterprise" -> Data Platform), when unique."""
    owners: dict[str, set[str]] = {}
    for product in catalog.products:
        for tier in product.tiers:
            owners.setdefault(fold(tier), set()).add(product.name)
    return {tier: next(iter(names)) for tier, names in owners.items() if len(names) == 1}


def people_names(account: Account, params: NameParams | None = None) -> Names:
    """Stakeholders by full name, first or last name, title and title initials ("CDO"); built once
    per process for the same people and parameters (a question may ask for them several times)."""
    return _people_names(tuple((person.name, person.title or "") for person in account.stakeholders), params)


@lru_cache(maxsize=64)
def _people_names(people: tuple[tuple[str, str], ...], params: NameParams | None) -> Names:
    entries = []
    for name, title in people:
        spellings = [*name.split(), title, _initials(title)]
        entries.append((name, [s for s in spellings if len(s) >= 2]))
    return Names("person", entries, params=params)


@dataclass(frozen=True)
class PeopleEverywhere:
    """Every stakeholder of the accounts a viewer may see, by full, first or last name, with the
    accounts each works at: a person named without an account ("Priya's team") leads to it."""

    names: Names
    homes: dict[str, tuple[str, ...]]  # person -> the accounts they are a stakeholder of


@lru_cache(maxsize=8)
def people_everywhere(staff: tuple[tuple[str, tuple[str, ...]], ...], params: NameParams | None = None) -> PeopleEverywhere:
    """`staff`: (account, its stakeholders' names) pairs. Titles are left out: "the CFO" names
    someone only at a known account."""
    homes: dict[str, list[str]] = {}
    for account, people in staff:
        for person in people:
            homes.setdefault(person, []).append(account)
    entries = ((person, [w for w in person.split() if len(w) >= 2]) for person in homes)
    return PeopleEverywhere(Names("person", entries, params=params),
                            {person: tuple(accounts) for person, accounts in homes.items()})


def _word_forms(text: str) -> list[str]:
    """The words, lower case, a plural's s dropped ("dashboards" is "dashboard")."""
    words = re.findall(r"[\w][\w\-]*", fold(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


class Described:
    """Products by what they do ("their data cleaning piece", "the compliance tool", "dashboards"):
    the catalog's `adjacent_features` and `serves`, and the words of meaning.yaml `names.described`.
    A phrase counts when its words are typed in a row; the products of the longest phrase typed are
    the reading (one: taken; several: asked back with them). A phrase of several products' words
    ("pipeline growth") names none of them by itself."""

    def __init__(self, catalog: Catalog, params: NameParams | None = None, real_words: frozenset[str] | None = None):
        """`real_words`: a dictionary; a swap of letters that makes one of them is that word ("complaint" is no
        misspelt "compliant"), and without one no swap is read."""
        params = params or default_name_params()
        known = {p.name for p in catalog.products}
        phrases: dict[tuple[str, ...], set[str]] = {}
        features: dict[tuple[str, ...], set[str]] = {}
        for product in catalog.products:
            for phrase in (*product.adjacent_features, *product.serves):
                phrases.setdefault(tuple(_word_forms(phrase)), set()).add(product.name)
            for phrase in product.adjacent_features:
                features.setdefault(tuple(_word_forms(phrase)), set()).add(product.name)
        # A feature of the catalog said in several words ("schema checks", "dashboard sharing") is
        # that product's own: it names it anywhere, with or without a product noun after it.
        self.features: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {}  # by first word: one pass over a text
        for words, names in features.items():
            if len(words) > 1:
                self.features.setdefault(words[0], []).append((words, names))
        for entry in params.described:
            if entry.product in known:  # (words for a product this catalog does not sell: not offered)
                for phrase in entry.words:
                    phrases.setdefault(tuple(_word_forms(phrase)), set()).add(entry.product)
        self.phrases = {words: names for words, names in phrases.items() if words}
        self.phrase_words = frozenset(w for words in self.phrases for w in words)
        # A description of several words ("data lineage", "lead scoring", "self-service analytics") said
        # anywhere in a question about a play names its products too (`said`); one word ("audit",
        # "reporting") is too ordinary to name a product outside a slot or before a product noun.
        self.several: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {}
        for words, names in self.phrases.items():
            if len(words) > 1 and words not in features:
                self.several.setdefault(words[0], []).append((words, names))
        self.max_words = params.described_max_words
        self.nouns = frozenset(w for noun in params.product_nouns for w in _word_forms(noun))
        # Cue words: what each product does in single words (its `cues`, its one-word descriptions and
        # features' words); a word of more than `described_generic` products says nothing.
        cues: dict[str, set[str]] = {}
        for entry in params.described:
            if entry.product in known:
                for word in (*entry.cues, *(w for w in entry.words if " " not in w.strip())):
                    for form in _word_forms(word):
                        cues.setdefault(form, set()).add(entry.product)
        for words, names in features.items():
            for form in words:
                cues.setdefault(form, set()).update(names)
        self.cues = {w: frozenset(names) for w, names in cues.items()
                     if len(names) <= params.described_generic and w not in self.nouns}
        self.swapped = {typed: word for typed, word in swaps(self.phrase_words | self.cues.keys(),
                                                               params.described_swap_min).items()
                        if typed not in real_words} if real_words else {}
        # words that stand for a product with what it does after them ("the one that ...", "a tool for ...")
        self.heads = frozenset(w for head in params.described_heads for w in _word_forms(head))
        self.relative = frozenset(params.described_relative)
        self.run_skip = frozenset(params.described_run_skip)
        self.clause_words = params.described_clause_words

    def _forms(self, text: str) -> list[str]:
        """`_word_forms`, a word with two letters swapped read as the description's word ("campaing")."""
        return [self.swapped.get(word, word) for word in _word_forms(text)]

    def _typed(self, text: str) -> list[str]:
        """The words as the phrases are written; a hyphenated word no phrase has is read as its
        parts ("the audit-readiness thing": audit readiness)."""
        return [part for word in self._forms(text)
                for part in ([word] if "-" not in word or word in self.phrase_words else _word_forms(word.replace("-", " ")))]

    def named(self, text: str) -> tuple[list[str], str]:
        """A description anywhere in free text, said as a product ("their data cleaning piece",
        "the BI tool"): followed by one of `names.product_nouns`."""
        typed = self._typed(text)
        best: tuple[int, set[str], str] = (0, set(), "")
        for words, names in self.phrases.items():
            size = len(words)
            if size < best[0] or words[-1] in self.nouns:
                continue  # (a phrase ending in a noun itself, "bi tool", counts as "bi" + "tool")
            for i in range(len(typed) - size):
                if tuple(typed[i:i + size]) == words and typed[i + size] in self.nouns:
                    if size > best[0]:
                        best = (size, set(names), " ".join(words))
                    else:
                        best[1].update(names)
                    break
        size, names, phrase = best
        return sorted(names), phrase

    def featured(self, text: str, several: bool = False) -> tuple[list[str], str]:
        """A feature of the catalog typed anywhere ("they keep asking about schema checks"): the
        products of the longest one typed (several products: all of them, to be asked back).
        `several`: any description of several words instead ("their data lineage is a mess")."""
        typed = self._typed(text)
        best: tuple[int, set[str], str] = (0, set(), "")
        phrases = self.several if several else self.features
        for i, word in enumerate(typed):
            for words, names in phrases.get(word, ()):
                size = len(words)
                if size < best[0] or tuple(typed[i:i + size]) != words:
                    continue
                best = (size, set(names), " ".join(words)) if size > best[0] else (size, best[1] | names, best[2])
        size, names, phrase = best
        return sorted(names), phrase

    def by_cues(self, text: str) -> tuple[list[str], str, bool]:
        """A product described in one's own words: (its products, the words that said it, whether they
        were said as a product: around a product noun or head). Read clause by clause: the cue words
        right before a product noun ("the pipeline monitoring thing": the last decides when they
        disagree), those of the clause opened after a head ("the tool that catches bad records": the
        product with the most, else all of them), or a run of two or more cue words side by side that
        share one product ("their self-serve reporting", "bad records")."""
        for clause in re.split(r"[.?!;:,()\n]+|\s[-\u2013\u2014]+\s", fold(text)):
            # (a hyphenated word not on the list is read by its parts: "the audit-readiness thing")
            typed = [part for word in self._forms(clause)
                     for part in ([word] if word in self.cues or "-" not in word else _word_forms(word.replace("-", " ")))]
            for index, word in enumerate(typed):
                if word not in self.heads and word not in self.nouns:
                    continue
                before: list[str] = []
                for prior in reversed(typed[max(0, index - 3):index]):
                    if prior not in self.cues:
                        break
                    before.insert(0, prior)
                names = self._agreed(before, head_decides=True)
                if names:
                    return names, " ".join([*before, word]), True
                if word in self.heads and index + 1 < len(typed) and typed[index + 1] in self.relative:
                    after = [w for w in typed[index + 2:index + 2 + self.clause_words] if w in self.cues]
                    names = self._agreed(after, head_decides=False)
                    if names:
                        return names, " ".join(typed[index:index + 2 + self.clause_words]), True
            run: list[str] = []
            for word in [*typed, ""]:
                if word in self.cues:
                    run.append(word)
                    continue
                if run and word in self.run_skip:  # ("automate their campaigns")
                    continue
                if len(run) >= 2:
                    shared = frozenset.intersection(*(self.cues[w] for w in run))
                    if len(shared) == 1:
                        return sorted(shared), " ".join(run), False
                run = []
        return [], "", False

    def _agreed(self, words: list[str], head_decides: bool) -> list[str]:
        """The product the cue words agree on; when they disagree, the last word's ("pipeline
        monitoring") before a noun, else the products named most often (several: all of them)."""
        if not words:
            return []
        shared = frozenset.intersection(*(self.cues[w] for w in words))
        if shared:
            return sorted(shared)
        if head_decides:
            return sorted(self.cues[words[-1]])
        counts: dict[str, int] = {}
        for word in words:
            for name in self.cues[word]:
                counts[name] = counts.get(name, 0) + 1
        top = max(counts.values())
        return sorted(name for name, count in counts.items() if count == top)

    def read(self, text: str) -> tuple[list[str], str]:
        """(the products the words describe, best first; the phrase that said it). The phrase is
        what the words are about: it ends them, or only product nouns follow ("the BI tool";
        "the new audit season" is a season, not an audit product)."""
        typed = self._typed(text)
        if not typed or len(typed) > self.max_words:
            return [], ""
        while len(typed) > 1 and typed[-1] in self.nouns:
            typed.pop()
        best: tuple[int, set[str], str] = (0, set(), "")
        for words, names in self.phrases.items():
            size = len(words)
            if size < best[0]:
                continue
            if tuple(typed[-size:]) == words or (words[-1] in self.nouns and words[:-1] == tuple(typed[-size + 1:])):
                if size > best[0]:
                    best = (size, set(names), " ".join(words))
                else:
                    best[1].update(names)
        size, names, phrase = best
        return sorted(names), phrase


_DESCRIBED_KEPT = 8  # catalogs (and name parameters) whose descriptions are kept built
_described: OrderedDict[tuple, Described] = OrderedDict()
_described_lock = threading.Lock()


def described(catalog: Catalog, params: NameParams | None = None, real_words: frozenset[str] | None = None) -> Described:
    """Described(catalog, params), built once per process for the same products' descriptions and
    parameters: every question used to fold every phrase again (0.7 ms a question)."""
    key = (tuple((p.name, tuple(p.adjacent_features), tuple(p.serves)) for p in catalog.products), params,
           id(real_words))  # (one dictionary a process: meaning.py `model_words`)
    with _described_lock:
        found = _described.get(key)
        if found is not None:
            _described.move_to_end(key)
            return found
    found = Described(catalog, params, real_words)
    with _described_lock:
        _described[key] = found
        while len(_described) > _DESCRIBED_KEPT:
            _described.popitem(last=False)
    return found
