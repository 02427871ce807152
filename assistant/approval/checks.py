"""The draft checks: one small validator per `check:` kind in rules/drafts.

Each validator is built once from its rule-file entry (patterns compiled at load) and answers
for one draft with the list of what failed it: empty means pass (Guardrails-style). A finding
that lies in text quoted from the account's record says so (`Finding.field`), so the gate can
tell "the record's own text is unfit" from "the drafter wrote this".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.approval import spec as s
from assistant.approval.entities import unknown_names
from assistant.approval.record import inside
from assistant.approval.text import DraftText
from assistant.approval.draft_facts import DraftFacts


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class Finding:
    detail: str
    field: str | None = None  # the record field whose own text produced it, if any

    def __str__(self) -> str:
        return self.detail


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


def _head(phrase: str | None) -> str | None:
    """The last word of a noun phrase ("attributed pipeline" -> "pipeline"), if it says anything."""
    words = re.findall(r"[^\W\d_]+", phrase or "")
    return words[-1] if words and len(words[-1]) >= 4 else None


def _in_record(world: DraftFacts, text: str, start: int, end: int) -> str | None:
    span = inside(world.spans(text), start, end)
    return span.field if span else None


class GroundedNumbers:
    def __init__(self, spec: s.GroundedNumbers):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        found = []
        for i, mention in draft.numbered():
            sentence = draft.sentences[i]
            field = _in_record(world, sentence, mention.start, mention.start + len(mention.text))
            if field in ("metric", "priority", "product", "feature", "team", "title", "serves", "strategy",
                         "tier", "unit", "need", "asked_about", "account", "person"):
                continue  # a figure inside a name on record is that name, checked by the tone checks
            if world.grounding.source_of(mention, sentence) is None:
                found.append(Finding(f"'{mention.text}' in sentence {i + 1}"))
        return found


class KnownEntities:
    def __init__(self, spec: s.KnownEntities):
        self.spec = spec
        self.allow = {w.casefold() for w in spec.allow}
        self.openers = {w.casefold() for w in spec.openers}

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        found = []
        for sentence in draft.sentences:
            # Quoted record text is known whatever its capitals ("attributed pipeline in Salesforce").
            plain = sentence
            for span in reversed(world.spans(sentence)):
                plain = plain[:span.start] + "record" + plain[span.end:]
            found += unknown_names(plain, world.known, self.allow, self.openers)
        return [Finding(f"'{name}' is not in the catalog or on the account") for name in dict.fromkeys(found)]


class OutcomeFirst:
    """The opening names an outcome on record and states its achieved value in the achieved role."""

    def __init__(self, spec: s.OutcomeFirst):
        self.spec = spec
        compile_patterns([*spec.target_before, *spec.target_after])  # a bad pattern is named at load
        self.before = [re.compile(rf"(?:{p})\s*$", re.IGNORECASE) for p in spec.target_before]
        self.after = [re.compile(rf"^\s*(?:{p})", re.IGNORECASE) for p in spec.target_after]

    def _as_target(self, sentence: str, mentions, index: int) -> bool:
        mention = mentions[index]
        start = mentions[index - 1].start + len(mentions[index - 1].text) if index else 0
        end = mentions[index + 1].start if index + 1 < len(mentions) else len(sentence)
        before = sentence[start:mention.start]
        after = sentence[mention.start + len(mention.text):end]
        return any(p.search(before) for p in self.before) or any(p.search(after) for p in self.after)

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        count = min(self.spec.opening_sentences, len(draft.sentences))
        outcomes = [o for o in world.account.outcomes if o.achieved is not None]
        anchored, swapped = False, []
        figure_required = self.spec.check == "outcome_figure"
        for i in range(count):
            sentence, mentions = draft.sentences[i], draft.numbers_in(i)
            for outcome in outcomes:
                achieved, target = world.outcome_values(outcome)
                if not figure_required and (_contains(sentence, outcome.metric) or (
                        _head(outcome.metric) is not None and _contains(sentence, _head(outcome.metric)))):
                    anchored = True  # outcome_first: naming the outcome is enough (outcome_figure is stricter)
                for index, mention in enumerate(mentions):
                    is_achieved = achieved is not None and achieved.source_of(mention) is not None
                    is_target = target is not None and target.source_of(mention) is not None
                    if is_achieved and is_target:  # "100%" rounds to both 100 and 98: the closer one
                        is_achieved = abs(mention.value - outcome.achieved) <= abs(mention.value - outcome.target)
                        is_target = not is_achieved
                    if is_achieved == is_target:
                        continue  # neither: no role to check
                    as_target = self._as_target(sentence, mentions, index)
                    if is_achieved and not as_target:
                        anchored = True  # the achieved figure, as achieved ("Six days, against a 10-day target")
                    elif is_achieved or (is_target and not as_target):
                        role = "the target" if is_achieved else "what was achieved"
                        swapped.append(Finding(f"'{mention.text}' is stated as {role} of {outcome.metric}, "
                                               f"but the record says otherwise"))
        if swapped:
            return swapped
        if anchored:
            return []
        metrics = ", ".join(o.metric for o in outcomes) or "none on record"
        return [Finding(f"the opening does not state an outcome on record with its achieved value "
                        f"(outcomes: {metrics})")]


class OutcomeDirection:
    """"Below the target" for an outcome that beat a higher target (or the reverse) is false."""

    def __init__(self, spec: s.OutcomeDirection):
        self.spec = spec
        targets = "|".join(spec.target_words)
        self.below = compile_patterns([rf"\b(?:{w})\b[^.;!?]{{0,40}}?\b(?:{targets})\b" for w in spec.below])
        self.above = compile_patterns([rf"\b(?:{w})\b[^.;!?]{{0,40}}?\b(?:{targets})\b" for w in spec.above])

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        found = []
        for i, sentence in enumerate(draft.sentences):
            for outcome in world.account.outcomes:
                if outcome.achieved is None or outcome.target is None or outcome.achieved == outcome.target:
                    continue
                achieved, _ = world.outcome_values(outcome)
                about = _contains(sentence, outcome.metric) or any(
                    achieved.source_of(m) for m in draft.numbers_in(i))
                if not about:
                    continue
                beat_higher = outcome.achieved > outcome.target
                # Met: the achieved side is the good side; not met would never reach a pitch draft.
                wrong = self.below if beat_higher else self.above
                for pattern in wrong:
                    match = pattern.search(sentence)
                    if match and not _in_record(world, sentence, *match.span()):
                        side = "below" if beat_higher else "above"
                        found.append(Finding(f"'{match.group(0)}' puts {outcome.metric} {side} its target, "
                                             f"which the record contradicts"))
        return found


class PartsPresent:
    def __init__(self, spec: s.PartsPresent):
        self.spec = spec
        self.next_step = compile_patterns(spec.next_step)
        self.ask = compile_patterns(spec.ask)
        self.ask_objects = compile_patterns(spec.ask_objects)

    @staticmethod
    def _first(sentences: list[str], patterns: list[re.Pattern], start: int) -> int | None:
        for index in range(start, len(sentences)):
            if any(p.search(sentences[index]) for p in patterns):
                return index
        return None

    @staticmethod
    def _product_words(world: DraftFacts) -> list[str]:
        product = world.catalog.find(world.verdict.product)
        words = [world.verdict.product]
        if product is not None:
            words += [*product.names(), f"the {product.kind}", f"this {product.kind}", f"your {product.kind}",
                      *product.tiers, product.unit or "", *(product.unit or "").split()[:1]]
        return [w for w in words if w]

    def _serves_words(self, world: DraftFacts) -> list[str]:
        words = [world.verdict.priority or ""]
        if world.verdict.motion.value == "upsell" or not world.verdict.priority:
            words += [o.metric for o in world.account.outcomes]
            words += [_head(o.metric) or "" for o in world.account.outcomes]
            words += [_head(world.verdict.priority) or ""]
        return [w for w in words if w]

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        # Both parts follow the outcome anchor (the first sentence), the ask not before the framing.
        sentences = draft.sentences
        framing = self._first(sentences, self.next_step, 1)
        if framing is None:
            return [Finding("no next-step framing after the outcome anchor")]
        ask = self._first(sentences, self.ask, framing)
        if ask is None:
            return [Finding("no outcome-linked ask after the next-step framing")]
        if not self.spec.require_content:
            return []
        found = []
        after_anchor = " ".join(sentences[1:])
        if not any(_contains(after_anchor, w) for w in self._product_words(world)):
            found.append(Finding(f"the next step does not name the product ({world.verdict.product})"))
        if not any(_contains(after_anchor, w) for w in self._serves_words(world)):
            what = world.verdict.priority or "the outcome"
            found.append(Finding(f"the next step does not name what it serves ({what})"))
        asked = " ".join(sentences[ask:])
        named = [*self._product_words(world), *self._serves_words(world)]
        has_amount = any(m.kind == "money" and world.grounding.source_of(m) is not None
                         for i in range(ask, len(sentences)) for m in draft.numbers_in(i))
        if not (has_amount or any(p.search(asked) for p in self.ask_objects)
                or any(_contains(asked, w) for w in named)):
            found.append(Finding("the ask does not name what is asked for"))
        return found


class NamesPriority:
    def __init__(self, spec: s.NamesPriority):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        if world.verdict.motion.value not in self.spec.motions:
            return []
        priority = world.verdict.priority
        if not priority:
            return [Finding("the verdict found no executive priority for this play")]
        if _contains(draft.text, priority):
            return []
        return [Finding(f"the draft does not name the priority '{priority}'")]


class MatchesVerdict:
    def __init__(self, spec: s.MatchesVerdict):
        self.spec = spec

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        verdict = world.verdict
        problems = []
        if verdict.verdict.value not in self.spec.allowed_verdicts:
            blockers = ", ".join(r.code for r in verdict.blockers()) or "no blocker"
            problems.append(Finding(f"the verdict for {verdict.product} is {verdict.verdict.value} ({blockers})"))
        played = world.catalog.find(verdict.product)
        for product in world.catalog.products:
            if product is played or world.account.ownership(product) is not None:
                continue  # the play's product, or one the customer owns (context, not a pitch)
            mentioned = next((n for n in product.names() if _contains(draft.text, n)), None)
            if mentioned:
                problems.append(Finding(f"it brings up {mentioned}, which is not this play ({verdict.product})"))
        return problems


class Phrases:
    def __init__(self, spec: s.Phrases):
        self.spec = spec
        self.anywhere = compile_patterns(spec.patterns)
        self.opening = compile_patterns(spec.opening_patterns)
        self.exempt = set(spec.exempt_fields)

    def _hits(self, text: str, patterns: list[re.Pattern], world: DraftFacts) -> list[Finding]:
        spans = world.spans(text)
        hits = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if self.exempt and inside(spans, start, end, self.exempt):
                    continue  # the record's own words in a field where they are allowed
                quoted = inside(spans, start, end)
                hits.append(Finding(match.group(0), quoted.field if quoted else None))
                break
        return hits

    def run(self, draft: DraftText, world: DraftFacts) -> list[Finding]:
        found = [Finding(f"'{h.detail}'" + (f" in the account's {h.field}" if h.field else ""), h.field)
                 for h in self._hits(draft.text, self.anywhere, world)]
        if draft.sentences:
            found += [Finding(f"opens with '{h.detail}'", h.field)
                      for h in self._hits(draft.sentences[0], self.opening, world)]
        return list(dict.fromkeys(found))


VALIDATORS = {
    "grounded_numbers": GroundedNumbers,
    "known_entities": KnownEntities,
    "outcome_first": OutcomeFirst,
    "outcome_figure": OutcomeFirst,
    "outcome_direction": OutcomeDirection,
    "parts_present": PartsPresent,
    "names_priority": NamesPriority,
    "matches_verdict": MatchesVerdict,
    "phrases": Phrases,
}

__all__ = ["VALIDATORS", "Finding", "PatternError", "compile_patterns"]
