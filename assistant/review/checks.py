"""Review-only checks: one small validator per `check:` kind of rules/review/review.yaml.

Each answers for one sentence with the list of what failed it (empty means pass), like the
gate's validators, so both feed the same findings.
"""

from __future__ import annotations

import re

from assistant.approval.loader import LoadedCheck
from assistant.approval.numbers import Mention
from assistant.approval.draft_facts import DraftFacts as World
from assistant.phrase_patterns import alternation
from assistant.review import spec as s


def _compile_all(patterns: list[str]) -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _own_words_masked(text: str, world: World) -> str:
    """The account's own phrases (metrics, priorities, product names) blanked out before tone
    patterns read the text, as the gate does, so "campaign launch time" is never vendor talk."""
    masked = getattr(world, "masked", None)
    if masked is not None:
        return masked(text)
    for span in world.spans(text):  # the gate's record index: where the text quotes the record
        text = text[:span.start] + " " * (span.end - span.start) + text[span.end:]
    return text


class Phrases:
    def __init__(self, spec: s.PhrasesCheck):
        self.spec = spec
        self.anywhere = _compile_all(spec.patterns)
        self.opening = _compile_all(spec.opening_patterns)

    def run(self, sentence: str, world: World, *, opening: bool) -> list[str]:
        text = _own_words_masked(sentence, world)
        patterns = self.anywhere + (self.opening if opening else [])
        return list(dict.fromkeys(f"'{m.group(0)}'" for p in patterns for m in [p.search(text)] if m))


class ExecWithoutView:
    """An executive who did not see the first deal's outcome and has not asked about this
    product, addressed or brought in by name."""

    def __init__(self, spec: s.ExecWithoutViewCheck):
        self.spec = spec
        for pattern in spec.patterns:  # syntax checked at load, with a stand-in name
            re.compile(pattern.replace("{name}", "(?:x)"), re.IGNORECASE)
        self._compiled: dict[tuple[str, ...], list[re.Pattern]] = {}

    @staticmethod
    def _no_view(world: World) -> list:
        product = world.catalog.find(world.verdict.product)
        names = {n.casefold() for n in (product.names() if product else [world.verdict.product])}
        return [p for p in world.account.stakeholders
                if p.has_role("executive") and p.saw_original_outcome is False
                and not names & {a.casefold() for a in p.asked_about}]

    def run(self, sentence: str, world: World, *, opening: bool) -> list[str]:
        people = self._no_view(world)
        if not people:
            return []
        found = []
        for person in people:
            names = tuple(sorted({person.name, person.name.split()[0]}, key=len, reverse=True))
            if names not in self._compiled:
                named = alternation(names) + r"(?!\w)"
                self._compiled[names] = [re.compile(p.replace("{name}", named), re.IGNORECASE)
                                         for p in self.spec.patterns]
            if any(p.search(sentence) for p in self._compiled[names]):
                title = f", {person.title}" if person.title else ""
                found.append(f"{person.name}{title}")
        return found


class ClaimWords:
    """"doubled", "tripled": a multiple the outcomes must support, like a written number."""

    def __init__(self, spec: s.ClaimWordsCheck):
        self.spec = spec
        self.words = {w.casefold(): v for w, v in spec.words.items()}
        self.pattern = re.compile(r"\b" + alternation(self.words) + r"\b", re.IGNORECASE)

    def run(self, sentence: str, world: World, *, opening: bool) -> list[str]:
        found = []
        for match in self.pattern.finditer(sentence):
            mention = Mention(match.group(0), self.words[match.group(0).casefold()], "multiplier", 0.0, match.start())
            if world.grounding.source_of(mention) is None:
                found.append(f"'{match.group(0)}'")
        return found


_KINDS = {"phrases": Phrases, "exec_without_view": ExecWithoutView, "claim_words": ClaimWords}


def build_check(spec, file: str) -> LoadedCheck:
    """The same shape as a gate check (id, code, spec, validator), so both feed one finding."""
    return LoadedCheck(spec, file, _KINDS[spec.check](spec))
