"""The one pipeline every interface calls: load facts, evaluate, ground, (later) draft, log.

Components are created lazily so a command pays only for what it uses: `coach check` never
loads the embedding model, Chroma or LangChain.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from assistant.config import Settings
from assistant.domain import Account, Catalog, Play, Verdict


class Coach:
    def __init__(self, settings: Settings, store=None, ruleset=None):
        self.settings = settings
        if store is not None:
            self.__dict__["store"] = store
        if ruleset is not None:
            self.__dict__["ruleset"] = ruleset

    @cached_property
    def store(self):
        from assistant.store import Store

        return Store.open(self.settings)

    @cached_property
    def ruleset(self):
        from assistant.policy.rules import load_ruleset

        return load_ruleset(self.settings.rules_dir, self.settings.knowledge_dir)

    @cached_property
    def sections(self) -> dict:
        from assistant.knowledge.sections import load_sections

        return load_sections(self.settings.knowledge_dir)

    def catalog(self) -> Catalog:
        return self.store.catalog()

    def evaluate(self, account: Account, catalog: Catalog, play: Play, today: dt.date, *,
                 lifts: bool = True) -> Verdict:
        from assistant.policy.engine import evaluate

        verdict = evaluate(self.ruleset, account, catalog, play, today)
        return self.explain(verdict, account, catalog, play, today, lifts=lifts)

    def explain(self, verdict: Verdict, account: Account, catalog: Catalog, play: Play,
                today: dt.date, *, lifts: bool = True) -> Verdict:
        """Ground every reason in the passages it cites and (with `lifts`, a search costing up
        to a few hundred ms on a blocked play) say what would lift each blocker."""
        for one in [verdict, *verdict.separate_plays]:
            for reason in one.reasons:
                reason.passages = [self._passage(section_id) for section_id in reason.cites
                                   if section_id in self.sections]
        if not lifts:
            return verdict
        try:
            from assistant.policy.lifts import attach_lifts
        except ImportError:  # the what-would-change layer is optional
            return verdict
        return attach_lifts(self.ruleset, account, catalog, play, today, verdict)

    def _passage(self, section_id: str) -> dict:
        section = self.sections[section_id]
        return {"doc": section.doc, "section": section.id, "title": section.title, "text": section.text}

    def check(self, account_name: str, play: Play, today: dt.date | None = None, *,
              what_ifs: list[str] | None = None, log: bool = True) -> tuple[Verdict, Verdict | None]:
        """Today's verdict for the play, and (with what-ifs) the verdict on the changed facts."""
        today = today or dt.date.today()
        account = self.store.account(account_name)
        catalog = self.catalog()
        verdict = self.evaluate(account, catalog, play, today)
        changed = None
        if what_ifs:
            from assistant.policy.whatif import apply_what_ifs

            other_account, other_play = apply_what_ifs(account, play, list(what_ifs), catalog=catalog, today=today)
            changed = self.evaluate(other_account, catalog, other_play, today)
        if log:
            self.store.audit("verdict", {"question": play.model_dump(mode="json"),
                                         "verdict": verdict.model_dump(mode="json", exclude={"facts"}),
                                         "facts": verdict.facts},
                             ruleset_version=verdict.ruleset_version)
        return verdict, changed

    def plays(self, account_name: str, today: dt.date | None = None) -> list[Verdict]:
        from assistant.policy.plays import evaluate_all

        today = today or dt.date.today()
        account = self.store.account(account_name)
        return evaluate_all(self.ruleset, account, self.catalog(), today)

    # -- review of the AM's own text (issue 15) ---------------------------------------------
    @cached_property
    def draft_checks(self):
        from assistant.approval.loader import load_draft_checks

        return load_draft_checks(self.settings.rules_dir, self.settings.knowledge_dir)

    @cached_property
    def review_rules(self):
        from assistant.review.loader import load_review_rules

        return load_review_rules(self.settings.rules_dir, self.draft_checks.codes, set(self.sections))

    def review(self, account: str, product: str, text: str, *, change: str | None = None,
               pitch_to: str | None = None, today: dt.date | None = None, user: str | None = None,
               viewer=None):
        """Review the AM's own email, call plan or talk track for a play, sentence by sentence.

        The verdict comes from the account's facts and the play, never from the text; the
        suggested rewrite is the approved talk track (or, for a blocked play, the remedy)
        through the same gate as `coach draft`. The audit entry records who, which play, the
        findings and the rule-set version, and only a digest and length of the text.
        """
        from assistant.approval.gate import produce_talk_track
        from assistant.review.review import review_text, text_digest

        from assistant.access import require_account

        today = today or dt.date.today()
        record = require_account(viewer, self.store.account(account))  # another AM's account: refused
        catalog = self.catalog()
        play = _play(product, change, pitch_to)
        verdict = self.evaluate(record, catalog, play, today, lifts=False)
        # Model attempts are audited as for `coach draft`; the template's is reproducible from
        # the review's own entry (rule-set version, play), so it costs no extra writes.
        model = bool(self.settings.llm_base_url and self.settings.llm_model)
        rewrite = produce_talk_track(verdict, record, catalog, self.settings, checks=self.draft_checks,
                                     audit=self.store.audit if model else None)
        result = review_text(text, verdict, record, catalog, self.draft_checks, self.review_rules,
                             sections=self.sections, rewrite=rewrite)
        self.store.audit("review", {
            "account": result.account, "product": result.product, "change": verdict.change,
            "pitch_to": pitch_to, "verdict": result.play.verdict,
            "exec_committee": result.exec_committee.passed,
            "findings": [{"message": m.number, "sentence": f.sentence, "code": f.code, "check": f.check,
                          "start": f.start, "end": f.end} for m in result.messages for f in m.findings],
            "missing": [{"message": m.number, "part": x.part} for m in result.messages for x in m.missing],
            "unsupported": [u.text for m in result.messages for u in m.unsupported],
            "rewrite": {"kind": result.rewrite.kind,
                        "drafter": getattr(result.rewrite, "drafter_name", None)} if result.rewrite else None,
            "text_sha256": text_digest(text), "text_chars": len(text), "messages": len(result.messages),
            "review_rules_version": result.review_rules_version,
        }, user=user, ruleset_version=verdict.ruleset_version)
        return result


def _play(product: str, change: str | None, pitch_to: str | None):
    from pydantic import ValidationError

    from assistant.domain import Play
    from assistant.policy.errors import PlayError, describe_validation

    try:
        return Play(product=product, change=change, pitch_to=pitch_to)
    except ValidationError as exc:
        raise PlayError(describe_validation(exc)) from None
