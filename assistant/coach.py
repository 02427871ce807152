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

    # -- the digest (what changed in an AM's book since the last one) -------------------------
    def digest(self, owner: str, *, today: dt.date | None = None, user: str | None = None):
        """What changed in `owner`'s book since the last recorded digest (`record_digest`)."""
        from assistant.policy.plays import evaluate_all
        from assistant.portfolio.digest import build_digest, check_owner, load_digest_params
        from assistant.store.once import digest_state

        owner = check_owner(owner)
        if self.store.count_accounts(owner=owner) == 0:
            from assistant.policy.errors import CoachError

            raise CoachError(f"no accounts owned by '{owner}'; check the spelling (owners are matched ignoring case)")
        today = today or dt.date.today()
        catalog = self.catalog()
        book = [(account, evaluate_all(self.ruleset, account, catalog, today))
                for account in self.store.accounts(owner=owner)]
        previous, since = digest_state(self.store, owner)
        return build_digest(owner, book, previous, since, today, load_digest_params(self.settings.rules_dir))

    def record_digest(self, digest, *, user: str | None = None) -> None:
        """Remember the book as this digest saw it: the next digest reports changes from here."""
        from assistant.store.once import save_digest_state

        save_digest_state(self.store, digest.owner, digest.state)
        self.store.audit("digest", {"owner": digest.owner, "today": digest.today.isoformat(),
                                    "pitchable": len(digest.became_pitchable), "blocked": len(digest.became_blocked),
                                    "renewals": len(digest.renewals)}, user=user)
