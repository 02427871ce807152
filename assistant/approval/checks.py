"""The draft checks: one small validator per `check:` kind in rules/drafts.

Each validator is built once from its rule-file entry (patterns compiled at load) and answers
for one draft with the list of what failed it: empty means pass (Guardrails-style).
"""

from __future__ import annotations

import re

from assistant.approval import spec as s
from assistant.approval.entities import unknown_names
from assistant.approval.text import DraftText
from assistant.approval.draft_facts import DraftFacts


class PatternError(ValueError):
    pass


def compile_patterns(patterns: list[str]) -> list[re.Pattern]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise PatternError(f"bad regular expression {pattern!r}: {exc}") from None
    return compiled


def _contains(text: str, phrase: str) -> bool:
    phrase = " ".join(phrase.split())
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ".join(text.split()),
                                      re.IGNORECASE) is not None


class GroundedNumbers:
    def __init__(self, spec: s.GroundedNumbers):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        return [f"'{m.text}' in sentence {i + 1}" for i, m in draft.numbered()
                if world.grounding.source_of(m) is None]


class KnownEntities:
    def __init__(self, spec: s.KnownEntities):
        self.spec = spec
        self.allow = {w.casefold() for w in spec.allow}
        self.openers = {w.casefold() for w in spec.openers}

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        found = []
        for sentence in draft.sentences:
            found += unknown_names(sentence, world.known, self.allow, self.openers)
        return [f"'{name}' is not in the catalog or on the account" for name in dict.fromkeys(found)]


class OutcomeFirst:
    def __init__(self, spec: s.OutcomeFirst):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        count = min(self.spec.opening_sentences, len(draft.sentences))
        opening = " ".join(draft.sentences[:count])
        if any(_contains(opening, o.metric) for o in world.account.outcomes):
            return []
        if any(world.achieved.source_of(m) for i in range(count) for m in draft.numbers_in(i)):
            return []
        metrics = ", ".join(o.metric for o in world.account.outcomes) or "none on record"
        return [f"the opening names no outcome on record (outcomes: {metrics})"]


class PartsPresent:
    def __init__(self, spec: s.PartsPresent):
        self.spec = spec
        self.next_step = compile_patterns(spec.next_step)
        self.ask = compile_patterns(spec.ask)

    @staticmethod
    def _first(sentences: list[str], patterns: list[re.Pattern], start: int) -> int | None:
        for index in range(start, len(sentences)):
            if any(p.search(sentences[index]) for p in patterns):
                return index
        return None

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        # Both parts follow the outcome anchor (the first sentence), the ask not before the framing.
        framing = self._first(draft.sentences, self.next_step, 1)
        if framing is None:
            return ["no next-step framing after the outcome anchor"]
        if self._first(draft.sentences, self.ask, framing) is None:
            return ["no outcome-linked ask after the next-step framing"]
        return []


class NamesPriority:
    def __init__(self, spec: s.NamesPriority):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        if world.verdict.motion.value not in self.spec.motions:
            return []
        priority = world.verdict.priority
        if not priority:
            return ["the verdict found no executive priority for this play"]
        if _contains(draft.text, priority):
            return []
        return [f"the draft does not name the priority '{priority}'"]


class MatchesVerdict:
    def __init__(self, spec: s.MatchesVerdict):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        verdict = world.verdict
        problems = []
        if verdict.verdict.value not in self.spec.allowed_verdicts:
            blockers = ", ".join(r.code for r in verdict.blockers()) or "no blocker"
            problems.append(f"the verdict for {verdict.product} is {verdict.verdict.value} ({blockers})")
        played = world.catalog.find(verdict.product)
        for product in world.catalog.products:
            if product is played or world.account.ownership(product) is not None:
                continue  # the play's product, or one the customer owns (context, not a pitch)
            mentioned = next((n for n in product.names() if _contains(draft.text, n)), None)
            if mentioned:
                problems.append(f"it brings up {mentioned}, which is not this play ({verdict.product})")
        return problems


class Phrases:
    def __init__(self, spec: s.Phrases):
        self.spec = spec
        self.anywhere = compile_patterns(spec.patterns)
        self.opening = compile_patterns(spec.opening_patterns)

    def run(self, draft: DraftText, world: DraftFacts) -> list[str]:
        text = world.masked(draft.text)
        hits = [m.group(0) for p in self.anywhere for m in [p.search(text)] if m]
        if draft.sentences:
            opening = world.masked(draft.sentences[0])
            hits += [f"opens with '{m.group(0)}'" for p in self.opening for m in [p.search(opening)] if m]
        return [f"'{hit}'" if not hit.startswith("opens") else hit for hit in dict.fromkeys(hits)]


VALIDATORS = {
    "grounded_numbers": GroundedNumbers,
    "known_entities": KnownEntities,
    "outcome_first": OutcomeFirst,
    "parts_present": PartsPresent,
    "names_priority": NamesPriority,
    "matches_verdict": MatchesVerdict,
    "phrases": Phrases,
}

__all__ = ["VALIDATORS", "DraftFacts", "PatternError", "compile_patterns"]
