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

    # -- names: exact, a known alias, or a typo-level match that the answer states ----------
    @cached_property
    def name_matching(self):
        from assistant.names import load_name_matching

        return load_name_matching(self.settings.rules_dir)

    def find_account(self, name: str) -> tuple[Account, list[str]]:
        """The account and, when the name was read as a typo, the note saying so."""
        from assistant.names import resolve
        from assistant.store import UnknownAccount

        try:
            return self.store.account(name), []
        except UnknownAccount:
            found = resolve(name, self.store.account_names(), "account", matching=self.name_matching,
                            where=" (`coach accounts list` shows all)")
            return self.store.account(found.name), [found.note("account")]

    def resolve_owner(self, owner: str | None) -> tuple[str | None, list[str]]:
        """An account manager's name as on record, or UnknownName listing the closest owners."""
        if owner is None:
            return None, []
        from assistant.names import resolve

        found = resolve(owner, self.store.owners(), "account owner", matching=self.name_matching,
                        where=" in the store")
        note = found.note("owner")
        return found.name, [note] if note else []

    def resolve_play(self, account: Account, catalog: Catalog, play: Play) -> tuple[Play, list[str]]:
        from assistant.policy.play_names import resolve_play

        return resolve_play(account, catalog, play, self.name_matching)

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
        account, notes = self.find_account(account_name)
        catalog = self.catalog()
        play, play_notes = self.resolve_play(account, catalog, play)
        notes += play_notes
        verdict = self.evaluate(account, catalog, play, today)
        verdict.name_notes = notes
        changed = None
        if what_ifs:
            from assistant.policy.whatif import apply_what_ifs

            other_account, other_play = apply_what_ifs(account, play, list(what_ifs), catalog=catalog, today=today)
            changed = self.evaluate(other_account, catalog, other_play, today)
            changed.name_notes = notes
        if log:
            self.store.audit("verdict", {"question": play.model_dump(mode="json"),
                                         "verdict": verdict.model_dump(mode="json", exclude={"facts"}),
                                         "facts": verdict.facts},
                             ruleset_version=verdict.ruleset_version)
        return verdict, changed

    def plays(self, account_name: str, today: dt.date | None = None) -> list[Verdict]:
        from assistant.policy.plays import evaluate_all

        today = today or dt.date.today()
        account, notes = self.find_account(account_name)
        verdicts = evaluate_all(self.ruleset, account, self.catalog(), today)
        for verdict in verdicts:
            verdict.name_notes = notes
        return verdicts
