"""Readability of model-written text: English words, no stutter, no clause left hanging.

Only what a model wrote is read this way (its slot clauses, or every part in free mode): the
template's words and the record's own names are not. A word is English when wordfreq's English
list knows it well enough (`min_zipf`) and it is not a likely misspelling (a rare word one edit
away from a far more common one: "teh", "acm"), nor a word far more common in another
language wordfreq knows ("nicht", "pero"); words of the account's own record ("Acme",
"Kestrel") always count. A clause is refused when a word comes twice in a row, a word or a
two-word phrase comes too often within a few words, it ends on a word that leaves it hanging
("while also", "what they can't", "the team's"), or on a word of the play tacked on after a
comma ("in the best way possible, unit"). Every list and threshold is data in
rules/drafts/readability.yaml.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from assistant.approval import spec as s
from assistant.approval.checks import Finding
from assistant.approval.draft_facts import DraftFacts
from assistant.approval.text import DraftText

# Words, not the letters of a figure ("4.2M", "3x" are numbers, read by the grounding checks).
_WORD = re.compile(r"(?<![0-9a-z'])[a-z]+(?:'[a-z]+)*(?![0-9])")


@lru_cache(maxsize=1)
def _wordfreq():
    import wordfreq  # loads on first use: only drafts with model text need it

    return wordfreq


@lru_cache(maxsize=20000)
def zipf(word: str, language: str, wordlist: str = "best") -> float:
    return _wordfreq().zipf_frequency(word, language, wordlist=wordlist)


def _one_edit(word: str) -> set[str]:
    """Every string one edit away: a letter dropped, swapped, changed or added, or an apostrophe
    added ("youll" -> "you'll"). Not a space: "teamwork" and "headroom" are words; glued words
    such as "themto" are rare enough to fail on their own."""
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters}
            | {a + c + b for a, b in splits for c in letters + "'"}) - {word}


class Readable:
    def __init__(self, spec: s.Readable):
        self.spec = spec
        self.dangling = {w.casefold() for w in spec.dangling_endings}
        self.stranding = {w.casefold() for w in spec.stranding}
        self.function_words = {w.casefold() for w in spec.function_words}
        self.allow = {w.casefold() for w in spec.allow}
        self.sound_alikes = [_SoundAlike(rule, self.function_words) for rule in spec.sound_alikes]
        lower = lambda words: {w.casefold() for w in words}  # noqa: E731
        self.verb_after = lower(spec.verb_slots.after) if spec.verb_slots else set()
        self.not_verbs = lower(spec.verb_slots.not_verbs) if spec.verb_slots else set()
        self.bare_nouns = lower(spec.bare_subjects.nouns) if spec.bare_subjects else set()
        self.bare_verbs = lower(spec.bare_subjects.verbs) if spec.bare_subjects else set()
        self.openers = lower(spec.bare_subjects.openers) if spec.bare_subjects else set()

    def prepare(self) -> None:
        """Load the word lists now (about 0.6 s), not inside a draft's deadline."""
        zipf("the", self.spec.language)
        foreign = self.spec.foreign
        for language in foreign.languages if foreign else ():
            zipf("the", language, foreign.wordlist)

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        if not draft.model_text:
            return []  # template text: nothing here was written by a model
        record = world.record_words
        found = []
        for number, text in enumerate(draft.model_text, start=1):
            words = _WORD.findall(text.casefold())
            label = f"model text {number}" if len(draft.model_text) > 1 else "the model text"
            found += [Finding(f"{label}: {problem}") for problem in self.problems(text, words, record)]
        return found

    def problems(self, text: str, words: list[str], record: set[str]) -> list[str]:
        spec = self.spec
        problems = []
        strange = [w for w in dict.fromkeys(words) if not self.is_english(w, record)]
        if strange:
            problems.append(f"not English: {', '.join(repr(w) for w in strange)}")
        twice = sorted({a for a, b in zip(words, words[1:]) if a == b})
        if twice:
            problems.append(f"repeats {', '.join(repr(w) for w in twice)} back to back")
        content = [w for w in words if w not in self.function_words]
        often = sorted({w for i, w in enumerate(words) if w not in self.function_words
                        and words[i:i + spec.repeat_window].count(w) > spec.max_repeats})
        if often:
            problems.append(f"repeats {', '.join(repr(w) for w in often)} more than {spec.max_repeats} times "
                            f"within {spec.repeat_window} words")
        pairs = [(a, b) for a, b in zip(words, words[1:]) if a in content and b in content and a != b]
        again = sorted({" ".join(p) for i, p in enumerate(pairs)
                        if _pair_again(words, p, spec.phrase_window)})
        if again:
            problems.append(f"repeats the phrase {', '.join(repr(p) for p in again)} within "
                            f"{spec.phrase_window} words")
        confused = [found for rule in self.sound_alikes if (found := rule.find(text.casefold()))]
        if confused:
            problems.append("a sound-alike for another word: " + ", ".join(confused))
        problems += self.fragments(text.casefold())
        stripped = text.strip().rstrip(".!?").rstrip()
        tacked = self.tacked_on(stripped, record)
        if tacked:
            problems.append(f"tacks a word of the play on at its end ({tacked!r})")
        if stripped.endswith((",", ";", ":", "-", "'")):
            problems.append("is cut mid-phrase (ends on a punctuation mark)")
        elif words and self.dangles(words):
            problems.append(f"is left hanging (ends on {' '.join(words[-2:])!r})")
        return problems

    def fragments(self, text: str) -> list[str]:
        """Pieces that are not a clause: a verb's slot left empty ("it lets more capacity units")
        and a singular noun with no determiner as a subject (", team will be able"). Read per
        stretch between commas and sentence ends (`verb_slots`, `bare_subjects`)."""
        found = []
        stretches = [_WORD.findall(part) for part in re.split(r"[,;:.!?]", text)]
        slots, bare = self.spec.verb_slots, self.spec.bare_subjects
        for words in stretches:
            for i, word in enumerate(words):
                if slots and word in self.verb_after and all(self.not_a_verb(w) for w in words[i + 1:]):
                    found.append(f"has no verb after {' '.join(words[i:i + 4])!r}")
                    break
            if bare:
                starts = [0] + [i + 1 for i, w in enumerate(words) if w in self.openers]
                found += [f"has a noun with no article as its subject ({words[i]} {words[i + 1]!r})" for i in starts
                          if i + 1 < len(words) and words[i] in self.bare_nouns and words[i + 1] in self.bare_verbs]
        return found

    def not_a_verb(self, word: str) -> bool:
        slots = self.spec.verb_slots
        if word in self.not_verbs:
            return True
        ending = max((e for e in slots.not_verb_endings if word.endswith(e)), key=len, default="")
        unless = max((e for e in slots.unless_endings if word.endswith(e)), key=len, default="")
        return bool(ending) and len(unless) <= len(ending)  # "readiness" is no verb, "access" may be

    def tacked_on(self, clause: str, record: set[str]) -> str | None:
        """The words after the clause's last comma when they are only the record's own words
        (or words sharing their beginning: "unit" of "units"), or None."""
        rule = self.spec.tacked_on
        if rule is None or "," not in clause:
            return None
        tail = _WORD.findall(clause.rsplit(",", 1)[1].casefold())
        if not tail or len(tail) > rule.max_words:
            return None
        n = rule.shared_letters
        own = [r for r in record if len(r) >= n and r not in self.function_words]
        if all(w not in self.function_words and (w in record or len(w) >= n and any(r[:n] == w[:n] for r in own))
               for w in tail):
            return ", " + " ".join(tail)
        return None

    def dangles(self, words: list[str]) -> bool:
        last = words[-1]
        if last in self.stranding:  # "the tables your team depends on", not "do more with"
            return len(words) < 2 or words[-2] in self.function_words or words[-2] in self.dangling
        return last in self.dangling or last.endswith(tuple(self.spec.dangling_suffixes))

    def is_english(self, word: str, record: set[str]) -> bool:
        if word in record or word in self.allow:
            return True
        if word.count("'") > 1:
            return False  # "so's's's"
        base = _base(word, self.spec.suffixes)
        if base != word and (base in record or base in self.allow):
            return True
        language, floor = self.spec.language, self.spec.min_zipf
        known = max(zipf(word, language), zipf(base, language) if "'" not in base else 0.0)
        if known < floor or self.is_foreign(word, known):
            return False
        if "'" in base:
            return True
        apostrophe = self.spec.missing_apostrophe
        if apostrophe is not None and "'" not in word:  # "dont", "youre", but not "lets" or "wed"
            forms = [word[:-len(bare)] + suffix for suffix in self.spec.suffixes
                     if (bare := suffix.replace("'", "")) and word.endswith(bare) and len(word) > len(bare)]
            spelled = max((zipf(form, language) for form in forms), default=0.0)
            if spelled - known >= apostrophe:
                return False
        typo = self.spec.typo
        if typo is None or known >= typo.below_zipf:
            return True
        common = max((zipf(other, language) for other in _one_edit(base)), default=0.0)
        return common - known < typo.margin


    def is_foreign(self, word: str, english: float) -> bool:
        """Far more common in another language than in English ("nicht" 2.9 in English, 7.0 in
        German): a foreign word that English text quotes now and then, not English."""
        rule = self.spec.foreign
        if rule is None or english >= rule.below_zipf:
            return False
        elsewhere = max(zipf(word, language, rule.wordlist) for language in rule.languages)
        return elsewhere - english >= rule.margin


class _SoundAlike:
    """One `sound_alikes:` rule, as patterns over a clause's words (only spaces between them: a
    comma breaks the phrase, "grow more, then expand")."""

    def __init__(self, rule: s.SoundAlike, function_words: set[str]):
        self.rule = rule
        self.ok_next = function_words | {w.casefold() for w in rule.unless}
        word = re.escape(rule.word.casefold())
        alts = lambda words: "|".join(map(re.escape, (w.casefold() for w in words)))  # noqa: E731
        self.before = re.compile(rf"(?<![\w']){word} +(?:{alts(rule.before)})(?![\w'])") if rule.before else None
        self.after = re.compile(rf"(?<![\w'])(?:{alts(rule.after)}) +{word}(?![\w'])") if rule.after else None
        self.next_word = re.compile(rf"(?<![\w']){word} +([a-z]+(?:'[a-z]+)*)") if rule.before_content else None

    def find(self, text: str) -> str | None:
        hit = next((m.group(0) for p in (self.before, self.after) if p and (m := p.search(text))), None)
        if hit is None and self.next_word is not None:
            hit = next((m.group(0) for m in self.next_word.finditer(text) if m.group(1) not in self.ok_next), None)
        return f"{hit!r} ({self.rule.word!r} where {self.rule.meant!r} belongs)" if hit else None


def _base(word: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _pair_again(words: list[str], pair: tuple[str, str], window: int) -> bool:
    spots = [i for i in range(len(words) - 1) if (words[i], words[i + 1]) == pair]
    return any(b - a <= window for a, b in zip(spots, spots[1:]))
