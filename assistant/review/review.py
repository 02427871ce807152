"""review_text(): the AM's text read against the gate's checks and the review-only checks.

The text is data: it is split, matched and quoted, never evaluated, never put into a prompt,
and nothing in it reaches the verdict (that comes from the account's facts and the play).
"""

from __future__ import annotations

import hashlib
import re

from assistant.approval.loader import DraftChecks
from assistant.approval.text import DraftText, normalize
from assistant.approval.draft_facts import DraftFacts as World
from assistant.domain import Account, Catalog, Verdict
from assistant.errors import CoachError
from assistant.review import segment
from assistant.review.context import fix_context
from assistant.review.loader import ReviewRules
from assistant.review.models import (Blocker, ExecCommitteeTest, Finding, MessageReview, Missing, Passage,
                                     PlayVerdict, ReviewResult, Sentence, Unsupported)

# Which message-level gate check kind finds which missing part (the parts themselves and
# their wording are in rules/review/review.yaml).
_PART_OF_KIND = {"outcome_first": ("outcome_anchor",), "parts_present": ("next_step", "ask"),
                 "names_priority": ("priority",)}


class EmptyText(CoachError):
    """Nothing to review."""


class TextTooLong(CoachError):
    """More text than one review takes (a whole mailbox pasted by mistake)."""


def _passage(sections: dict, cites, limit: int) -> Passage | None:
    """The first cited section that exists, cut at a word to `limit` characters."""
    for section_id in cites:
        section = sections.get(section_id)
        if section is not None:
            text = section.text if len(section.text) <= limit else section.text[:limit].rsplit(" ", 1)[0] + " ..."
            return Passage(section=section.id, title=section.title, text=text)
    return None


def _masked(text: str, patterns: list[re.Pattern]) -> str:
    """Meeting logistics ("a 30-minute call") blanked out, same length, before numbers are read."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _joined(details) -> str:
    """A check's details as one line (strings, or the gate's findings, which print as their detail)."""
    return "; ".join(str(d) for d in details)


def _flat(text: str) -> str:
    """One line: a hard-wrapped sentence is still one sentence to the gate's checks."""
    return " ".join(text.split())


def _located(span: segment.SentenceSpan, text: str, number: int) -> Unsupported:
    at = span.text.casefold().find(text.casefold())
    start = span.start + max(at, 0)
    return Unsupported(text=text, start=start, end=start + len(text), sentence=number)


_CAPITALIZED = re.compile(r"(?<![\w'])[A-Z][\w']*")


def _review_known(account: Account, rules: ReviewRules) -> set[tuple[str, ...]]:
    """Names an AM's text may use besides the gate's: the AM's own name (the signature), the
    review's known words, and capitalized words of the account's record ("FY27" in a strategy
    event's detail), each on its own."""
    words = [*rules.spec.known_words, *(account.owner or "").split()]
    for text in [*(e.detail or "" for e in account.strategy), *account.needs_expressed]:
        words += _CAPITALIZED.findall(text)
    return {(w.casefold(),) for w in words if w}


class _Reviewer:
    def __init__(self, text: str, verdict: Verdict, account: Account, catalog: Catalog, checks: DraftChecks,
                 rules: ReviewRules, sections: dict):
        self.text, self.verdict, self.account, self.catalog = text, verdict, account, catalog
        self.checks, self.rules, self.sections = checks, rules, sections
        self.world = World(verdict, account, catalog, checks.vocabulary, checks.reader)
        self.world.__dict__["known"] = self.world.known | _review_known(account, rules)
        self.context = fix_context(verdict, account, catalog, checks)
        wrapped = rules.spec.wrapped_lines
        self.wrapping = segment.Wrapping(wrapped.min_chars, rules.line_ends, rules.list_item)
        scopes, default = rules.spec.gate_scopes, rules.spec.default_scope
        self.sentence_checks = [c for c in checks.checks if scopes.get(c.spec.check, default) == "sentence"]
        self.message_checks = [c for c in checks.checks if scopes.get(c.spec.check, default) == "message"]

    def fix(self, key: str, detail: str = "") -> str:
        template = self.rules.fixes.get(key)
        if template is None:
            return ""
        return " ".join(template.render({**self.context, "detail": detail}).split())

    def finding(self, check_id: str, code: str, message: str, cites, detail: str, start: int, end: int,
                sentence: int | None, *, fix_detail: str = "") -> Finding:
        return Finding(code=code, check=check_id, start=start, end=end, quote=self.text[start:end],
                       sentence=sentence, explanation=" ".join(message.split()), detail=detail,
                       passage=_passage(self.sections, cites, self.rules.spec.passage_chars), fix=self.fix(code, fix_detail or detail))

    def _numbers(self, span: segment.SentenceSpan, clean: str, number: int) -> list[Unsupported]:
        """The figures of one sentence that the facts do not support, with offsets."""
        out = []
        for mention in self.checks.reader.read(clean):
            if self.world.grounding.source_of(mention) is None:
                out.append(_located(span, mention.text, number))
        return out

    def _claimed(self, span: segment.SentenceSpan, clean: str, number: int, found: list[Finding],
                 listed: list[Unsupported]) -> list[Unsupported]:
        """More unsupported figures: claim words, and every figure of a sentence that a
        `numbers_unsupported` check flagged (what other customers achieve)."""
        out, seen = [], {u.text for u in listed}
        flagged = {f.check for f in found}
        for check in self.rules.checks:
            if getattr(check.spec, "numbers_unsupported", False) and check.id in flagged:
                for mention in self.checks.reader.read(clean):
                    if mention.text not in seen:
                        out.append(_located(span, mention.text, number))
                        seen.add(mention.text)
            elif check.spec.check == "claim_words" and check.id in flagged:
                for detail in check.validator.run(clean, self.world, opening=False):
                    out.append(_located(span, detail.strip("'"), number))
        return out

    def _gate_details(self, check, chunk: list[tuple[int, str]], first_body: int | None) -> list[str]:
        opening = [c for i, c in chunk if i == first_body] or [""]
        ordered = opening + [c for i, c in chunk if i != first_body]
        draft = DraftText("\n".join(ordered), self.checks.sentence_break, self.checks.reader)
        draft.__dict__["sentences"] = ordered  # our sentences, the opening first (or none)
        return check.validator.run(draft, self.world)

    def _review_details(self, check, chunk: list[tuple[int, str]], first_body: int | None) -> list[str]:
        others = "\n".join(c for i, c in chunk if i != first_body)
        details = check.validator.run(others, self.world, opening=False) if others else []
        for i, clean in chunk:
            if i == first_body:
                details += check.validator.run(clean, self.world, opening=True)
        return details

    def _by_sentence(self, details_of, chunk: list[tuple[int, str]]) -> dict[int, list[str]]:
        """Which sentences a check flags, and why: the check runs on the whole message, then on
        halves of whatever it flagged, down to single sentences. A clean message costs one run
        per check, a sentence that breaks a rule a few more, instead of one run per sentence."""
        details = details_of(chunk) if chunk else []
        if not details:
            return {}
        if len(chunk) == 1:
            return {chunk[0][0]: details}
        middle = len(chunk) // 2
        return {**self._by_sentence(details_of, chunk[:middle]), **self._by_sentence(details_of, chunk[middle:])}

    def sentence_findings(self, checked: list[tuple[int, segment.SentenceSpan, str]], first_body: int | None,
                          numbers: dict[int, list[Unsupported]]) -> dict[int, list[Finding]]:
        spans = {i: span for i, span, _ in checked}
        chunk = [(i, clean) for i, _, clean in checked]
        chunk_text = dict(chunk)
        found: dict[int, list[Finding]] = {i: [] for i in spans}
        for check in self.sentence_checks:
            for i, details in self._by_sentence(lambda c: self._gate_details(check, c, first_body), chunk).items():
                if check.spec.check == "grounded_numbers":  # the gate numbers sentences of its own draft
                    details = [f"'{u.text}'" for u in numbers[i]] or details
                found[i].append(self.finding(check.id, check.code, check.spec.message, check.spec.cites,
                                             _joined(details), spans[i].start, spans[i].end, i))
        for check in self.rules.checks:
            if check.spec.check in ("phrases", "claim_words"):
                flagged = self._by_sentence(lambda c: self._review_details(check, c, first_body), chunk)
            else:  # patterns anchored at the start of a sentence: one sentence at a time
                flagged = {i: d for i, clean in chunk
                           if (d := check.validator.run(clean, self.world, opening=i == first_body))}
            for i, details in sorted(flagged.items()):
                if any(f.code == check.code for f in found[i]):
                    continue  # one finding per code and sentence: the gate's check, when it found it
                figures = [f"'{m.text}'" for m in self.checks.reader.read(chunk_text[i])]
                fix_detail = "; ".join(figures) if getattr(check.spec, "numbers_unsupported", False) else ""
                found[i].append(self.finding(check.id, check.code, check.spec.message, check.spec.cites,
                                             _joined(details), spans[i].start, spans[i].end, i,
                                             fix_detail=fix_detail))
        return found

    def message_review(self, message: segment.Span, number: int) -> MessageReview:
        spans = segment.sentences(self.text, message, self.checks.sentence_break, self.rules.salutation,
                                  self.rules.closing, self.wrapping)
        review = MessageReview(number=number, start=message.start, end=message.end, sentences=[
            Sentence(number=i, start=s.start, end=s.end, role=s.role) for i, s in enumerate(spans, start=1)])
        body = [(i, s) for i, s in enumerate(spans, start=1) if s.role == "body"]
        first_body = body[0][0] if body else None
        checked = [(i, s, _flat(normalize(_masked(s.text, self.rules.not_claims))))
                   for i, s in enumerate(spans, start=1) if s.role != "closing"]
        numbers = {i: self._numbers(span, clean, i) for i, span, clean in checked}
        found = self.sentence_findings(checked, first_body, numbers)
        for i, span, clean in checked:
            review.unsupported += numbers[i] + self._claimed(span, clean, i, found[i], numbers[i])
            review.findings += found[i]
        body_text = "\n".join(_flat(normalize(s.text)) for _, s in body)
        review.missing = self.missing(body_text)
        review.findings += self.message_findings(body_text, message)
        return review

    def missing(self, body_text: str) -> list[Missing]:
        draft = DraftText(body_text, self.checks.sentence_break, self.checks.reader)
        parts: dict[str, str] = {}
        for check in self.message_checks:
            kind = check.spec.check
            if kind not in _PART_OF_KIND:
                continue
            details = check.validator.run(draft, self.world)
            if not details:
                continue
            if kind == "parts_present":
                parts.update(self._parts_missing(check.validator, draft.sentences, details))
            else:
                parts[_PART_OF_KIND[kind][0]] = _joined(details)
        wording = self.rules.spec.missing_parts
        return [Missing(part=part, what=wording[part], detail=parts[part], fix=self.fix(part))
                for part in wording if part in parts]

    @staticmethod
    def _parts_missing(validator, sentences: list[str], details: list[str]) -> dict[str, str]:
        """Both parts, not only the first the gate stops at: its patterns, its order."""
        framing_patterns = getattr(validator, "next_step", None)
        ask_patterns = getattr(validator, "ask", None)
        if framing_patterns is None or ask_patterns is None:
            return {"next_step": _joined(details)}

        def first(patterns, start):
            return next((i for i in range(start, len(sentences)) if any(p.search(sentences[i]) for p in patterns)), None)

        framing = first(framing_patterns, 1)
        ask = first(ask_patterns, framing if framing is not None else 1)
        out = {}
        if framing is None:
            out["next_step"] = "no next-step framing after the outcome anchor"
        if ask is None:
            out["ask"] = "no outcome-linked ask" + (" after the next-step framing" if framing is not None else "")
        return out

    def message_findings(self, body_text: str, message: segment.Span) -> list[Finding]:
        draft = DraftText(body_text, self.checks.sentence_break, self.checks.reader)
        found = []
        for check in self.message_checks:
            if check.spec.check in _PART_OF_KIND:
                continue
            details = check.validator.run(draft, self.world)
            if details:
                found.append(self.finding(check.id, check.code, check.spec.message, check.spec.cites,
                                          _joined(details), message.start, message.end, None))
        return found


def _play(verdict: Verdict) -> PlayVerdict:
    return PlayVerdict(
        verdict=verdict.verdict.value, motion=verdict.motion.value, change=verdict.change,
        allowed=verdict.verdict.value == "pitch",
        blockers=[Blocker(code=r.code, message=r.message, remedy=r.remedy) for r in verdict.blockers()],
        signals=[r.code for r in verdict.signals()], sponsor=verdict.sponsor, priority=verdict.priority,
        pitch_to=verdict.pitch_to)


def _exec_test(play: PlayVerdict, messages: list[MessageReview], rules: ReviewRules, labels: dict,
               sections: dict) -> ExecCommitteeTest:
    spec = rules.spec.exec_committee
    reasons = []
    if not play.allowed:
        codes = ", ".join(b.code for b in play.blockers) or "no blocker"
        reasons.append(f"the play itself is not allowed: the verdict is {play.verdict} ({codes})")
    for message in messages:
        where = f"message {message.number}, " if len(messages) > 1 else ""
        for finding in message.findings:
            if finding.code in spec.fails_on_codes and finding.code != "draft.contradicts_verdict":
                place = f"sentence {finding.sentence}" if finding.sentence else "the whole message"
                label = labels.get(finding.code, {}).get("label", finding.code)
                reasons.append(f"{where}{place}: {label} ({finding.code})")
        for missing in message.missing:
            if missing.part in spec.fails_on_missing:
                reasons.append(f"{where}missing {missing.what}")
    passed = not reasons
    return ExecCommitteeTest(passed=passed, reasons=reasons or [spec.pass_],
                             passage=_passage(sections, spec.cites, rules.spec.passage_chars))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def review_text(text: str, verdict: Verdict, account: Account, catalog: Catalog, checks: DraftChecks,
                rules: ReviewRules, *, sections: dict, rewrite=None) -> ReviewResult:
    if not text or not text.strip():
        raise EmptyText("the text to review is empty: pass --file FILE or the text on standard input")
    if len(text) > rules.spec.max_chars:
        raise TextTooLong(f"the text to review is {len(text):,} characters; the limit is {rules.spec.max_chars:,} "
                          "(max_chars in rules/review/review.yaml): review one email or thread at a time")
    reviewer = _Reviewer(text, verdict, account, catalog, checks, rules, sections)
    messages = [reviewer.message_review(m, n) for n, m in
                enumerate(segment.messages(text, rules.separator), start=1)]
    play = _play(verdict)
    return ReviewResult(
        account=verdict.account, product=verdict.product, play=play,
        exec_committee=_exec_test(play, messages, rules, checks.codes or {}, sections),
        messages=messages, rewrite=rewrite, ruleset_version=verdict.ruleset_version,
        review_rules_version=rules.version)
