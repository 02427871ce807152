"""`Coach`: the one service API. Every interface (CLI, web, Slack) calls these methods and renders
the typed results they return (assistant/results.py); none composes logic of its own.

Every method takes plain arguments (names, dates, numbers) and returns a result model with no
terminal concerns. Every answer, verdict (what-ifs included), draft, plan, policy diff and
import is written to the audit log with `user` (who asked) and the rule-set version.

`viewer` (assistant.access.Viewer) is the access scope of the person asking, accepted everywhere
an answer could reveal an account: an AM sees only the accounts they own (another AM's account
is NotYourAccount, a 403 in the API), plan, metrics and lists are narrowed to their book; None
is the local operator, who sees everything. The rule lives in assistant/access.py.

The Coach owns its caches (the rule set, the knowledge sections, the draft checks, the portfolio
parameters, the knowledge base), built lazily so a command pays only for what it uses:
`coach check` never loads the embedding model, Chroma or LangChain.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from functools import cached_property, partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from assistant.access import NotAllowed, NotYourAccount
from assistant.config import Settings
from assistant.domain import Account, Catalog, Play, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from assistant.results import (CheckResult, ImportResult, KnowledgeDocument, KnowledgeSync, MetricsResult,
                                   PlanResult, PlaysResult, PolicyDiffResult, PolicyTestResult, PriorityRecord,
                                   ReviewResult, SearchResult)
    from assistant.portfolio.digest import Digest
    from assistant.results.users import NewToken, SignedIn, TokenRecord, UserRecord

Progress = Callable[[int, int], None]  # (done, total)
HISTORY_KINDS = ("contract", "outcomes", "health")
PLANS_KEPT = 16  # quarterly plans kept in memory (a few books and days), the least recently used dropped

# Set while a public Coach method runs: a Coach call made inside another (the conversation
# resolving an account for `ask`) leaves logging a refusal to the outer call, so it is logged once.
_IN_CALL: ContextVar[bool] = ContextVar("coach_call", default=False)


def audits_refusals(method):
    """Log an access refusal (NotYourAccount, NotAllowed) of this public method as `refused`, with
    who asked (`user`, else the viewer's name), then let it go on to the interface."""
    @wraps(method)
    def call(self, *args, **kwargs):
        if _IN_CALL.get():
            return method(self, *args, **kwargs)
        token = _IN_CALL.set(True)
        try:
            return method(self, *args, **kwargs)
        except (NotYourAccount, NotAllowed) as exc:
            self._audit_refusal(exc, method.__name__, kwargs.get("viewer"), kwargs.get("user"),
                                session_id=kwargs.get("session_id"))
            raise
        finally:
            _IN_CALL.reset(token)
    return call


def _user_record(user) -> "UserRecord":
    """The public record of a stored user (assistant.store.users.User): never a hash."""
    from assistant.results import UserRecord

    return UserRecord(id=user.id, name=user.name, role=user.role, slack_user_id=user.slack_user_id,
                      has_password=user.has_password, locked_until=user.locked_until, created_at=user.created_at)


def _token_record(info) -> "TokenRecord":
    from assistant.results import TokenRecord

    return TokenRecord(id=info.id, user=info.user, label=info.label, created_at=info.created_at,
                       expires_at=info.expires_at, revoked_at=info.revoked_at)


class Coach:
    def __init__(self, settings: Settings, store=None, ruleset=None, *, drafter=None, knowledge=None):
        """`drafter` replaces the configured drafter (tests, benchmarks); `knowledge` (anything with
        .search(query, k, mode)) replaces the framework search."""
        self.settings = settings
        self.drafter = drafter
        if store is not None:
            self.__dict__["store"] = store
        if ruleset is not None:
            self.__dict__["ruleset"] = ruleset
        if knowledge is not None:
            self.__dict__["knowledge"] = knowledge

    # -- owned components (lazy) -----------------------------------------------------------
    @cached_property
    def store(self):
        from assistant.demo.loader import open_store  # the demo portfolio on first run

        return open_store(self.settings)

    def open(self) -> None:
        """Open the store now (migrations, the demo portfolio on first run) rather than on the
        first request that needs it."""
        _ = self.store

    def close(self) -> None:
        """Release the store's connections, if it was opened (a server's graceful shutdown)."""
        store = self.__dict__.get("store")  # not the property: closing must not open it
        if store is not None:
            store.close()

    def after_fork(self) -> None:
        """In a forked child (the Slack answer processes): leave the parent's pooled database
        connections to the parent; this process opens its own. Nothing to do before the store
        is opened."""
        store = self.__dict__.get("store")
        if store is not None:
            store.after_fork()

    def store_status(self) -> dict:
        """What /healthz reports about the store: its dialect and how many accounts it holds
        (raises whatever the database raises when it does not answer)."""
        return {"dialect": self.store.engine.dialect.name, "accounts": self.store.count_accounts()}

    @cached_property
    def ruleset(self):
        from assistant.policy.rules import load_ruleset

        return load_ruleset(self.settings.rules_dir, self.settings.knowledge_dir)

    @cached_property
    def sections(self) -> dict:
        from assistant.knowledge.sections import load_sections

        return load_sections(self.settings.knowledge_dir)

    @cached_property
    def draft_checks(self):
        from assistant.approval.loader import load_draft_checks

        return load_draft_checks(self.settings.rules_dir, self.settings.knowledge_dir)

    @cached_property
    def review_rules(self):
        from assistant.review.loader import load_review_rules

        return load_review_rules(self.settings.rules_dir, self.draft_checks.codes, set(self.sections))

    @cached_property
    def wording(self):
        from assistant.wording import load_replies

        return load_replies(self.settings.prompts_dir)

    @cached_property
    def portfolio_params(self):
        from assistant.portfolio import load_portfolio_params

        return load_portfolio_params(self.ruleset)

    @cached_property
    def plan_cache(self):
        """Quarterly plans per (data version, rule-set version, owner, day): portfolio/plan_cache.py."""
        from assistant.portfolio.plan_cache import PlanCache

        return PlanCache(size=PLANS_KEPT)

    @cached_property
    def knowledge(self):
        from assistant.knowledge.base import KnowledgeBase  # loads Chroma: only when asked

        return KnowledgeBase(self.settings)

    def warm_up(self, *, meaning: bool = True) -> None:
        """Load now what the first answers would load: the store, the rules, the passages, the
        draft checks, the wording and (with `meaning`) the conversation's embedding model. Servers
        call it before they take requests."""
        for name in ("store", "ruleset", "sections", "draft_checks", "wording", "name_matching", "portfolio_params"):
            getattr(self, name)
        if meaning:
            from assistant.conversation.warm import warm_up

            warm_up(self.settings)

    def reason_codes(self) -> dict:
        """The reason-code vocabulary (rules/reason_codes.yaml): code -> label, kind, ..."""
        return self.ruleset.reason_codes

    # -- audit -------------------------------------------------------------------------------
    def audit(self, kind: str, payload: dict, *, user: str | None = None, session_id: str | None = None,
              ruleset_version: str | None = None) -> int:
        """Append one entry to the audit log (the store's, append-only)."""
        return self.store.audit(kind, payload, user=user, session_id=session_id, ruleset_version=ruleset_version)

    def writes_together(self):
        """A context: the store writes inside it (this thread's) are one transaction, all kept or
        none, one commit (a chat turn's session and its audit entry)."""
        return self.store.writer.together()

    @audits_refusals
    def audit_log(self, *, user: str | None = None, account: str | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, kinds: Sequence[str] = (), limit: int = 50, viewer=None) -> list[dict]:
        """Audit entries, newest first: who asked what, the answer, drafts rejected and why, with
        the rule-set version. An AM sees only their own entries; `account` keeps the entries that
        name the account; `end` is the last day included."""
        from assistant.access import audit_user_scope
        from assistant.store.jsonable import jsonable

        user = audit_user_scope(viewer, user)
        start_at = dt.datetime.combine(start, dt.time()) if start else None
        end_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time()) if end else None
        wanted = account.casefold() if account else None
        found, scanned = [], limit if wanted is None else limit * 20  # an account filter reads further back
        for entry in self.store.find_audit(user=user, kinds=tuple(kinds) or None, start=start_at, end=end_at,
                                           limit=scanned):
            if wanted is not None and wanted not in _account_names_in(entry["payload"]):
                continue
            found.append(jsonable(entry))
            if len(found) >= limit:
                break
        return found

    def audit_kinds(self) -> list[str]:
        """The kinds of entry on record (verdict, draft, sign_in.failed, ...)."""
        return self.store.audit_kinds()

    def audit_entries(self, kind: str | None = None, limit: int = 50, *, user: str | None = None,
                      account: str | None = None, since: dt.datetime | None = None,
                      until: dt.datetime | None = None) -> list[dict]:
        """Every field of the entries, newest first, filtered by kind (or kind prefix), user,
        account and time [since, until): `coach audit list`, an operator's view."""
        return self.store.audit_entries(kind, limit, user=user, account=account, since=since, until=until)

    def audit_entry(self, entry_id: int) -> dict | None:
        """One entry in full, or None."""
        return self.store.audit_entry(entry_id)

    def _audit_refusal(self, exc, asked: str, viewer, user: str | None, *, session_id: str | None = None,
                       **context) -> None:
        """Log an access refusal (NotYourAccount, NotAllowed): who asked, in what role, what
        (`asked`: the Coach method), and why; the account named, so `--account` finds it."""
        payload = {"asked": asked, "reason": exc.code, "role": getattr(viewer, "role", None),
                   "account": getattr(exc, "name", None), "what": getattr(exc, "what", None), **context}
        self.audit("refused", {k: v for k, v in payload.items() if v is not None},
                   user=user or getattr(viewer, "name", None), session_id=session_id)

    def require(self, viewer, roles: tuple[str, ...], what: str, *, asked: str | None = None) -> None:
        """NotAllowed, logged as `refused`, unless the viewer's role is one of `roles` (an
        interface's role gate: the policy pages, imports, user management; `asked` says where)."""
        from assistant.access import require

        try:
            require(viewer, roles, what)
        except NotAllowed as exc:
            self._audit_refusal(exc, asked or "require", viewer, None)
            raise

    # -- sign-in (the web app's users, tokens and browser sessions) ----------------------------
    def sign_in(self, name: str, password: str, *, via: str, session_ttl_s: int,
                source: str | None = None) -> tuple[UserRecord, str]:
        """The user and a new browser-session secret, logged as `sign_in`; SignInFailed or
        UserLocked otherwise (logged as `sign_in.failed`, at most one row per kind and source
        per failure_audit_window_s)."""
        users = self.store.users
        user = users.authenticate(name, password, via=via, source=source)
        secret, _ = users.create_token(user.name, ttl=dt.timedelta(seconds=session_ttl_s), kind="session")
        self.audit("sign_in", {"via": via}, user=user.name)
        return _user_record(user), secret

    def signed_in(self, secret: str, kind: str, *, source: str | None = None) -> "SignedIn":
        """Who a live API token (`kind` "api") or browser session ("session") belongs to, with
        the session's CSRF token; TokenRejected saying why otherwise (logged as a failed sign-in)."""
        from assistant.results import SignedIn

        user, info = self.store.users.resolve(secret, kind, source=source)
        return SignedIn(user=_user_record(user), csrf_token=info.csrf_token)

    def sign_out(self, secret: str, *, via: str) -> None:
        """End a browser session (its secret no longer signs anyone in), logged as `sign_out`
        with its user (nothing is logged for a secret that was no live session)."""
        with self.writes_together():  # the session gone and its audit entry: both or neither
            owner = self.store.users.end_session(secret)
            if owner is not None:
                self.audit("sign_out", {"via": via}, user=owner)

    def slack_user(self, slack_id: str) -> UserRecord | None:
        """The user linked to a Slack user id (`coach users link-slack`), if any."""
        user = self.store.users.by_slack_id(slack_id)
        return None if user is None else _user_record(user)

    def slack_users(self) -> list[UserRecord]:
        """Every user linked to a Slack account (the digest's recipients)."""
        return [_user_record(user) for user in self.store.users.all() if user.slack_user_id]

    # -- user management (`coach users`, `coach tokens`) ----------------------------------------
    def users(self) -> list[UserRecord]:
        """Every user with role, Slack link and lock-out, by name."""
        return [_user_record(user) for user in self.store.users.all()]

    def user(self, name: str) -> UserRecord:
        """One user by name (any case); UnknownUser lists the users otherwise."""
        return _user_record(self.store.users.get(name))

    # Each change is logged (`user.*`, `token.*`): who made it (`user`), to whom (`name`) and what,
    # never a password, a hash or a token's secret.
    def add_user(self, name: str, role: str, password: str | None = None, *, user: str | None = None) -> UserRecord:
        """A new user with a role (am, manager, admin) and an argon2-hashed password, or none
        (Slack or API token only)."""
        added = self.store.users.add(name, role, password)
        self.audit("user.add", {"name": added.name, "role": added.role, "password": added.has_password}, user=user)
        return _user_record(added)

    def set_password(self, name: str, password: str, *, user: str | None = None) -> UserRecord:
        """A new password for the user (this also lifts a lock-out)."""
        changed = self.store.users.set_password(name, password)
        self.audit("user.password", {"name": changed.name}, user=user)
        return _user_record(changed)

    def set_role(self, name: str, role: str, *, user: str | None = None) -> UserRecord:
        before = self.store.users.get(name).role
        changed = self.store.users.set_role(name, role)
        self.audit("user.role", {"name": changed.name, "role": changed.role, "was": before}, user=user)
        return _user_record(changed)

    def unlock_user(self, name: str, *, user: str | None = None) -> UserRecord:
        """Lift a lock-out after repeated failed sign-ins."""
        changed = self.store.users.unlock(name)
        self.audit("user.unlock", {"name": changed.name}, user=user)
        return _user_record(changed)

    def link_slack(self, name: str, slack_user_id: str | None, *, user: str | None = None) -> UserRecord:
        """Link the user to a Slack member id (None removes the link)."""
        changed = self.store.users.link_slack(name, slack_user_id)
        self.audit("user.slack", {"name": changed.name, "slack_user_id": changed.slack_user_id}, user=user)
        return _user_record(changed)

    def remove_user(self, name: str, *, user: str | None = None) -> None:
        """Remove the user with their tokens and sessions (the audit log keeps their name)."""
        removed = self.store.users.get(name).name
        self.store.users.remove(name)
        self.audit("user.remove", {"name": removed}, user=user)

    def create_token(self, name: str, *, days: int | None = None, label: str | None = None,
                     user: str | None = None) -> "NewToken":
        """A new API token acting as the user, for `days` (default COACH_API_TOKEN_DAYS); the
        secret is in the result this once, only its hash is stored."""
        from assistant.results import NewToken

        ttl = dt.timedelta(days=self.settings.api_token_days if days is None else days)
        secret, info = self.store.users.create_token(name, ttl=ttl, label=label)
        self.audit("token.create", {"name": info.user, "token_id": info.id, "label": info.label,
                                    "expires_at": info.expires_at}, user=user)
        return NewToken(secret=secret, token=_token_record(info))

    def tokens(self, name: str | None = None) -> "list[TokenRecord]":
        """API tokens (never their secrets), of one user or of everyone."""
        return [_token_record(info) for info in self.store.users.tokens(name)]

    def revoke_token(self, token_id: int, *, user: str | None = None) -> "TokenRecord":
        """Revoke an API token at once; UserError when there is no such token."""
        info = self.store.users.revoke_token(token_id)
        self.audit("token.revoke", {"name": info.user, "token_id": info.id, "label": info.label}, user=user)
        return _token_record(info)

    def _auditor(self, user: str | None, session_id: str | None = None):
        """An audit callable for the layers below (the approval gate logs every attempt)."""
        return partial(self.audit, user=user, session_id=session_id)

    # -- verdicts ------------------------------------------------------------------------------
    @staticmethod
    def _today(today: dt.date | None) -> dt.date:
        from assistant.validation import check_date

        return check_date(today, "today") or dt.date.today()

    @staticmethod
    def play(product: str, **options) -> Play:
        """A Play from plain options; a bad value is an InvalidInput naming the option."""
        from pydantic import ValidationError

        from assistant.errors import InvalidInput, describe_validation

        options = {k: v for k, v in options.items() if v is not None}
        if "bundled_with" in options:
            options["bundled_with"] = list(options["bundled_with"])
        try:
            return Play(product=product, **options)
        except ValidationError as exc:
            raise InvalidInput(describe_validation(exc)) from None

    # -- names: exact, a known alias, or a typo-level match that the answer states ----------
    @cached_property
    def name_matching(self):
        from assistant.names import load_name_matching

        return load_name_matching(self.settings.rules_dir)

    def find_account(self, name: str, *, viewer=None) -> tuple[Account, list[str]]:
        """The account and, when the name was read as a typo, the note saying so;
        NotYourAccount when `viewer` may not see it (assistant/access.py)."""
        from assistant.access import require_account
        from assistant.names import resolve
        from assistant.store import UnknownAccount

        try:
            return require_account(viewer, self.store.account(name)), []
        except UnknownAccount:
            found = resolve(name, self.store.account_names(), "account", matching=self.name_matching,
                            where=" (`coach accounts list` shows all)")
            return require_account(viewer, self.store.account(found.name)), [found.note("account")]

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
        """The rules' verdict on an account record, grounded in passages (and, with `lifts`, what
        would lift each blocker). Not logged: the public methods log what they return."""
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
        from assistant.policy.lifts import attach_lifts

        return attach_lifts(self.ruleset, account, catalog, play, today, verdict)

    def _passage(self, section_id: str) -> dict:
        section = self.sections[section_id]
        return {"doc": section.doc, "section": section.id, "title": section.title, "text": section.text}

    @audits_refusals
    def verdict(self, account: str, product: str, *, lifts: bool = True, today: dt.date | None = None,
                viewer=None, **play_options) -> Verdict:
        """The verdict on a play, not logged: for callers that log the answer they build from it
        (a conversation turn). `play_options` are the keyword options of `check`."""
        record, notes = self.find_account(account, viewer=viewer)
        catalog = self.catalog()
        play, more = self.resolve_play(record, catalog, self.play(product, **play_options))
        verdict = self.evaluate(record, catalog, play, self._today(today), lifts=lifts)
        verdict.name_notes = notes + more
        return verdict

    @audits_refusals
    def check(self, account: str, product: str, *, change: str | None = None, pitch_to: str | None = None,
              amount: float | None = None, proposed_date: dt.date | None = None, timing_reason: str | None = None,
              tied_to_renewal: bool | None = None, bundled_with: Sequence[str] = (), sponsor: str | None = None,
              advances_priority: str | None = None, what_ifs: Sequence[str] = (), today: dt.date | None = None,
              user: str | None = None, viewer=None) -> "CheckResult":
        """Should this play be run? Today's verdict, and with `what_ifs` (e.g. "utilization=0.9")
        the verdict on the changed facts, without touching the store."""
        from assistant.results import CheckResult, WhatIf

        today = self._today(today)
        play = self.play(product, change=change, pitch_to=pitch_to, amount=amount, proposed_date=proposed_date,
                         timing_reason=timing_reason, tied_to_renewal=tied_to_renewal, bundled_with=bundled_with,
                         sponsor=sponsor, advances_priority=advances_priority)
        record, notes = self.find_account(account, viewer=viewer)
        catalog = self.catalog()
        play, more = self.resolve_play(record, catalog, play)
        notes += more
        verdict = self.evaluate(record, catalog, play, today)
        verdict.name_notes = notes
        self._log_verdict("verdict", play, verdict, user)
        what_if = None
        if what_ifs:
            from assistant.policy.whatif import apply_what_ifs

            other_account, other_play = apply_what_ifs(record, play, list(what_ifs), catalog=catalog, today=today)
            changed = self.evaluate(other_account, catalog, other_play, today)
            changed.name_notes = notes
            self._log_verdict("verdict.what_if", other_play, changed, user, changes=list(what_ifs))
            what_if = WhatIf(changes=list(what_ifs), verdict=changed)
        return CheckResult(verdict=verdict, headline=self.wording.say(f"headline.{verdict.verdict.value}"),
                           what_if=what_if)

    def _log_verdict(self, kind: str, play: Play, verdict: Verdict, user: str | None, **extra) -> None:
        self.audit(kind, {"question": play.model_dump(mode="json"), **extra,
                          "verdict": verdict.model_dump(mode="json", exclude={"facts"}), "facts": verdict.facts},
                   user=user, ruleset_version=verdict.ruleset_version)

    @staticmethod
    def _listed(verdicts: list[Verdict]) -> list[dict]:
        return [{"product": v.product, "change": v.change, "verdict": v.verdict.value, "codes": v.codes}
                for v in verdicts]

    @audits_refusals
    def plays(self, account: str, *, what_ifs: Sequence[str] = (), today: dt.date | None = None,
              user: str | None = None, viewer=None, session_id: str | None = None) -> "PlaysResult":
        """Every sensible play for the account (each product, each change), best first; with
        `what_ifs` (e.g. "timing_reason=quota", "sentiment=negative") every play's verdict on the
        changed facts too, without touching the store."""
        from assistant.policy.plays import evaluate_all, evaluate_all_what_if
        from assistant.results import NotApplied, PlaysResult, PlaysWhatIf

        today = self._today(today)
        record, notes = self.find_account(account, viewer=viewer)
        catalog = self.catalog()
        verdicts = evaluate_all(self.ruleset, record, catalog, today)
        for verdict in verdicts:
            verdict.name_notes = notes
        self.audit("plays", {"account": record.name, "today": today.isoformat(), "plays": self._listed(verdicts)},
                   user=user, session_id=session_id, ruleset_version=self.ruleset.version)
        what_if = None
        if what_ifs:
            changed, skipped = evaluate_all_what_if(self.ruleset, record, catalog, today, list(what_ifs))
            not_applied = [NotApplied(product=play.product, change=play.change, what_if=text, reason=why)
                           for play, text, why in skipped]
            self.audit("plays.what_if", {"account": record.name, "today": today.isoformat(),
                                         "changes": list(what_ifs), "plays": self._listed(changed),
                                         "not_applied": [n.model_dump(mode="json") for n in not_applied]},
                       user=user, session_id=session_id, ruleset_version=self.ruleset.version)
            for verdict in changed:
                verdict.name_notes = notes
            what_if = PlaysWhatIf(changes=list(what_ifs), plays=[v.model_copy(update={"facts": {}}) for v in changed],
                                  not_applied=not_applied)
        shown = [v.model_copy(update={"facts": {}}) for v in verdicts]
        return PlaysResult(account=record.name, today=today, plays=shown, what_if=what_if)

    # -- talk tracks ---------------------------------------------------------------------------
    @audits_refusals
    def draft(self, account: str, product: str, *, change: str | None = None, pitch_to: str | None = None,
              amount: float | None = None, today: dt.date | None = None, user: str | None = None,
              viewer=None, session_id: str | None = None, **play_options):
        """An approved talk track for the play (TalkTrack), or why there is none and what to do
        first (NoDraft). Evaluated without the lift search: a draft never shows lifts.
        `play_options` are the other keyword options of `check` (timing, renewal tie, bundle...)."""
        from assistant.talk_tracks.gate import produce_talk_track

        record, notes = self.find_account(account, viewer=viewer)
        catalog = self.catalog()
        play = self.play(product, change=change, pitch_to=pitch_to, amount=amount, **play_options)
        play, more = self.resolve_play(record, catalog, play)  # an unknown name: no verdict, no draft
        verdict = self.evaluate(record, catalog, play, self._today(today), lifts=False)
        verdict.name_notes = notes + more
        result = produce_talk_track(verdict, record, catalog, self.settings, self.drafter,
                                    self._auditor(user, session_id), checks=self.draft_checks)
        result.name_notes = notes + more
        return result

    @audits_refusals
    def qbr(self, account: str, *, what_ifs: Sequence[str] = (), today: dt.date | None = None,
            user: str | None = None, viewer=None, session_id: str | None = None):
        """A QBR talk track (QbrResult, with its Markdown text): outcomes, value, priorities and
        what comes next, following the verdicts of every play; with `what_ifs` ("sentiment=negative":
        facts the AM stated), the verdicts on the changed facts, without touching the store."""
        from assistant.talk_tracks.qbr import QbrResult, qbr_talk_track
        from assistant.policy.plays import evaluate_all, evaluate_all_what_if

        today = self._today(today)
        record, _ = self.find_account(account, viewer=viewer)
        catalog = self.catalog()
        verdicts = evaluate_all_what_if(self.ruleset, record, catalog, today, list(what_ifs))[0] if what_ifs else \
            evaluate_all(self.ruleset, record, catalog, today)
        qbr = qbr_talk_track(record, verdicts, catalog, self.settings, self.drafter,
                             self._auditor(user, session_id), checks=self.draft_checks, today=today)
        result = QbrResult(**dict(qbr), markdown=qbr.render_markdown(self.settings.prompts_dir))
        self.audit("qbr", {"account": record.name, "today": today.isoformat(),
                           "expansions": [e.product for e in qbr.expansions],
                           "adoption_plan": [b.product for b in qbr.adoption_plan]},
                   user=user, session_id=session_id, ruleset_version=self.ruleset.version)
        return result

    # -- review of the AM's own text ---------------------------------------------------------
    @audits_refusals
    def review(self, account: str, product: str, text: str, *, change: str | None = None,
               pitch_to: str | None = None, today: dt.date | None = None, user: str | None = None,
               viewer=None, session_id: str | None = None) -> "ReviewResult":
        """Review the AM's own email, call plan or talk track for a play, sentence by sentence.

        The verdict comes from the account's facts and the play, never from the text; the
        suggested rewrite is the approved talk track (or, for a blocked play, the remedy)
        through the same gate as `draft`. The audit entry records who, which play, the findings
        and the rule-set versions, and only a digest and the length of the text.
        """
        from assistant.review.review import review_text, text_digest
        from assistant.talk_tracks.gate import produce_talk_track

        from assistant.access import require_account

        record = require_account(viewer, self.account(account, viewer=viewer))  # another AM's: refused
        catalog = self.catalog()
        play = self.play(product, change=change, pitch_to=pitch_to)
        verdict = self.evaluate(record, catalog, play, self._today(today), lifts=False)
        # Model attempts are audited as for `draft`; the template's is reproducible from the
        # review's own entry (rule-set version, play), so it costs no extra writes.
        model = self.drafter is not None or bool(self.settings.llm_base_url and self.settings.llm_model)
        rewrite = produce_talk_track(verdict, record, catalog, self.settings, self.drafter,
                                     self._auditor(user, session_id) if model else None, checks=self.draft_checks)
        result = review_text(text, verdict, record, catalog, self.draft_checks, self.review_rules,
                             sections=self.sections, rewrite=rewrite)
        self.audit("review", {
            "account": result.account, "product": result.product, "change": verdict.change,
            "pitch_to": pitch_to, "verdict": result.play.verdict,
            "exec_committee": result.exec_committee.passed,
            "findings": [{"message": m.number, "sentence": f.sentence, "code": f.code, "check": f.check,
                          "start": f.start, "end": f.end} for m in result.messages for f in m.findings],
            "missing": [{"message": m.number, "part": x.part} for m in result.messages for x in m.missing],
            "unsupported": [u.text for m in result.messages for u in m.unsupported],
            "rewrite": {"kind": rewrite.kind, "drafter": getattr(rewrite, "drafter_name", None)},
            "text_sha256": text_digest(text), "text_chars": len(text), "messages": len(result.messages),
            "review_rules_version": result.review_rules_version,
        }, user=user, session_id=session_id, ruleset_version=verdict.ruleset_version)
        return result

    # -- portfolio ---------------------------------------------------------------------------
    def _require_owner(self, owner: str | None) -> str | None:
        """The owner as on record (exact, or a typo apart); else UnknownName with the closest."""
        return self.resolve_owner(owner)[0]

    @audits_refusals
    def plan(self, *, owner: str | None = None, today: dt.date | None = None, workers: int | None = None,
             user: str | None = None, viewer=None, progress: Progress | None = None,
             session_id: str | None = None) -> "PlanResult":
        """The quarterly plan: accounts ranked by signal density, the focus list, and the accounts
        not to push with their blockers and remedies. `progress(done, total)` is called as
        accounts are ranked. Without `progress`, the plan comes from the plan cache while the
        data, the rule set, the book and the day are the same (portfolio/plan_cache.py): the
        result is then shared with other callers, so read it and do not change it."""
        from assistant.access import owner_scope
        from assistant.portfolio import build_plan
        from assistant.portfolio.report import plan_dict
        from assistant.results import PlanResult

        owner = self._require_owner(owner_scope(viewer, owner))  # an AM plans their own book
        day = self._today(today)

        def compute() -> PlanResult:
            plan = build_plan(self.store, self.ruleset, day, owner=owner, progress=progress,
                              params=self.portfolio_params, workers=workers)
            return PlanResult.model_validate(plan_dict(plan))

        if progress is not None:  # the caller watches it being computed
            result = compute()
        else:  # shared by every request for the same plan (renderers only read it; a copy costs ~0.1 s)
            key = (self.store.data_version(), self.ruleset.version, owner and owner.casefold(), day)
            result = self.plan_cache.get(key, compute)
        self.audit("plan", {"owner": result.owner, "today": result.today.isoformat(), "book_size": result.book_size,
                            "focus": [e.account for e in result.focus]},
                   user=user, session_id=session_id, ruleset_version=result.ruleset_version)
        return result

    @audits_refusals
    def metrics(self, *, start: dt.date | None = None, end: dt.date | None = None, owner: str | None = None,
                today: dt.date | None = None, limit: int | None = None, user: str | None = None,
                viewer=None) -> "MetricsResult":
        """Expansion revenue, NRR and GRR for a period (default: the year up to `end`, which
        defaults to `today`), and which expansions were followed by churn, an NPS drop or an
        escalation within the follow-up window, judged as of `today`. `limit` is for renderers
        (how many flagged expansions to list); the result carries them all."""
        from assistant.errors import InvalidInput
        from assistant.portfolio import compute_metrics
        from assistant.portfolio.report import metrics_dict
        from assistant.results import MetricsResult

        as_of = self._today(today)
        last = end or as_of
        first = start or last - dt.timedelta(days=364)  # a year, both ends included
        if last < first:
            raise InvalidInput(f"the period ends ({last}) before it starts ({first})")
        from assistant.access import owner_scope

        owner = owner_scope(viewer, owner)  # an AM measures their own book
        names = None
        if owner is not None:
            owner = self._require_owner(owner)
            names = [account.name for account in self.store.accounts(owner=owner)]
        store = self.store
        computed = compute_metrics(store.contract_events(), store.play_outcomes(), store.health_history(),
                                   first, last, as_of, self.portfolio_params, accounts=names, owner=owner)
        return MetricsResult.model_validate(metrics_dict(computed))

    # -- policy --------------------------------------------------------------------------------
    def policy_test(self, directory: str | Path) -> "PolicyTestResult":
        """Run a folder of scenario files (or one file): each passed or failed, with what differed."""
        from assistant.approval.scenarios import draft_checker
        from assistant.policy.engine import evaluate
        from assistant.results import PolicyTestResult, ScenarioOutcome
        from assistant.scenarios import read_scenario, run_scenario, scenario_files

        files = scenario_files(Path(directory))
        checker = draft_checker(checks=self.draft_checks)
        outcomes = []
        for path in files:
            run = run_scenario(path, lambda a, c, p, d: evaluate(self.ruleset, a, c, p, d), _LazyCatalog(self),
                               checker)
            has_drafts = run.verdict is not None and not run.drafts_checked and bool(read_scenario(path)[0].drafts)
            outcomes.append(ScenarioOutcome(
                path=run.path, scenario_id=run.scenario_id, passed=run.passed, problems=run.problems,
                warnings=run.warnings, verdict=run.verdict.verdict.value if run.verdict else None,
                codes=run.verdict.codes if run.verdict else [], drafts_checked=run.drafts_checked,
                drafts_unchecked=has_drafts))
        failed = sum(1 for o in outcomes if not o.passed)
        return PolicyTestResult(scenarios=outcomes, passed=len(outcomes) - failed, failed=failed)

    def policy_diff(self, *, rules_dir: str | Path | None = None, params: str | Path | None = None,
                    owner: str | None = None, limit: int | None = None, today: dt.date | None = None,
                    workers: int | None = None, user: str | None = None,
                    progress: Callable[[int], None] | None = None) -> "PolicyDiffResult":
        """Every play of every account under today's rules and the proposed ones (`rules_dir`,
        and/or a `params` file overriding any subset of parameters): what moves. `limit` is for
        renderers; the result carries every move. `progress(n)` is called per batch of accounts."""
        from assistant.policy.diff import default_workers, diff_book
        from assistant.errors import InvalidInput
        from assistant.policy.rules import load_ruleset
        from assistant.results import PolicyDiffResult

        if rules_dir is None and params is None:
            raise InvalidInput("give a proposed rules folder and/or a parameters file to compare with today's rules")
        if params is not None and not Path(params).is_file():
            raise InvalidInput(f"parameters file not found: {params}")
        proposed = load_ruleset(Path(rules_dir) if rules_dir else self.settings.rules_dir,
                                params_file=Path(params) if params else None)
        owner = self._require_owner(owner)
        store = self.store
        total = store.count_accounts(owner)
        processes = workers or (default_workers() if total > 500 else 1)
        report = diff_book(self.ruleset, proposed, store.accounts(owner=owner, batch_size=500), self.catalog(),
                           self._today(today), workers=processes, on_progress=progress)
        result = PolicyDiffResult.model_validate(report.to_dict())
        self.audit("policy_diff", {"rules_dir": str(rules_dir) if rules_dir else None,
                                   "params": str(params) if params else None, "owner": owner,
                                   "proposed_version": result.proposed_version, "moved": result.moved,
                                   "stricter": result.stricter, "looser": result.looser},
                   user=user, ruleset_version=result.current_version)
        return result

    # -- knowledge -----------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 5, mode: str = "hybrid", include_search_only: bool = False) -> "SearchResult":
        """The framework passages (and the user's documents) that best answer `query`. Documents
        added as search-only come back, labelled `search_only`, only with `include_search_only`:
        a search a person reads (`coach knowledge search`, the API's knowledge search) asks for
        them; answers (the conversation) do not."""
        from assistant.results import SearchPassage, SearchResult

        found = self.knowledge.search(query, k=k, mode=mode, include_search_only=include_search_only)
        # The knowledge base returns SearchPassages; a stand-in knowledge (tests) anything like them.
        return SearchResult(query=query, mode=mode, passages=[
            p if isinstance(p, SearchPassage) else SearchPassage.model_validate(p, from_attributes=True)
            for p in found])

    def add_document(self, path: str | Path, *, name: str | None = None, search_only: bool = False,
                     user: str | None = None) -> "KnowledgeSync":
        from assistant.results import KnowledgeSync

        report = self.knowledge.add_path(path, name=name, search_only=search_only)
        self.audit("knowledge.add", {"file": str(path), "docs": report.docs, "embedded": report.embedded,
                                     "search_only": search_only}, user=user)
        return KnowledgeSync(docs=report.docs, embedded=report.embedded, unchanged=report.unchanged,
                             deleted=report.deleted)

    def documents(self, *, include_framework: bool = False) -> "list[KnowledgeDocument]":
        return self.knowledge.list_documents(include_framework=include_framework)

    def remove_document(self, doc: str, *, user: str | None = None) -> int:
        removed = self.knowledge.remove(doc)
        self.audit("knowledge.remove", {"doc": doc, "sections": removed}, user=user)
        return removed

    def reindex(self, *, user: str | None = None) -> "KnowledgeSync":
        from assistant.results import KnowledgeSync

        report = self.knowledge.reindex()
        return KnowledgeSync(docs=report.docs, embedded=report.embedded, unchanged=report.unchanged,
                             deleted=report.deleted)

    # -- conversation --------------------------------------------------------------------------
    @audits_refusals
    def ask(self, question: str, *, session_id: str | None = None, user: str | None = None,
            today: dt.date | None = None, viewer=None, chat_model=None):
        """One conversation turn (an Answer): the question is read, names resolved, follow-ups
        filled from the session, answered by the methods above, and logged with the answer.
        A question about an account (or a book) the viewer may not see is answered with a
        RefusedAnswer (assistant/refusals.py), logged as `refused`, never raised."""
        conversation = self.conversation(session_id, user, today=today, viewer=viewer, chat_model=chat_model)
        try:
            return conversation.ask(question)
        except (NotYourAccount, NotAllowed) as exc:
            from assistant.refusals import RefusedAnswer, refusal_of

            refusal = refusal_of(exc, self.wording)
            self._audit_refusal(exc, "ask", viewer, user, session_id=conversation.session_id, question=question)
            return RefusedAnswer(text=refusal.message, question=question, session_id=conversation.session_id,
                                 user=user, refusal=refusal)

    def conversation(self, session_id: str | None = None, user: str | None = None, *,
                     today: dt.date | None = None, viewer=None, chat_model=None):
        """A Conversation bound to this coach (for chat loops that keep one open)."""
        from assistant.conversation import Conversation

        return Conversation(self, session_id, user, today=today, chat_model=chat_model, viewer=viewer)

    def leave_words(self) -> list[str]:
        """The words that end a chat loop ("quit", "bye"): the conversation's phrasebook data."""
        from assistant.conversation.phrasebook import load_phrasebook

        return list(load_phrasebook(self.settings.prompts_dir).words["leave"])

    # -- once-marks (Slack: an event, a thread, a warning handled once across workers) ----------
    def claim_once(self, kind: str, key: str) -> bool:
        """True for the first caller with this (kind, key), False for every later one: the
        database decides, so it holds across worker processes and hosts."""
        from assistant.store.once import claim

        return claim(self.store, kind, key)

    def claimed_once(self, kind: str, key: str) -> bool:
        from assistant.store.once import claimed

        return claimed(self.store, kind, key)

    def forget_once_older_than(self, kind: str, age: dt.timedelta) -> int:
        """Drop the marks of one kind made more than `age` ago, by the store's clock (how many)."""
        from assistant.store.once import forget_older_than

        return forget_older_than(self.store, kind, age)

    def get_session(self, session_id: str) -> dict | None:
        return self.store.get_session(session_id)

    def save_session(self, session_id: str, user: str | None, state: dict, ttl_s: int) -> None:
        self.store.save_session(session_id, user, state, ttl_s)

    # -- data ------------------------------------------------------------------------------------
    def one_data_version(self):
        """A context in which the data reads (catalog, names, accounts) read the store's data version
        once, not once each: for a short unit that only reads, such as understanding a chat message."""
        return self.store.cache.one_version()

    def catalog(self) -> Catalog:
        return self.store.catalog()

    @audits_refusals
    def account(self, name: str, *, viewer=None) -> Account:
        """One account by name (any case); UnknownAccount names the closest candidates;
        NotYourAccount when `viewer` may not see it (assistant/access.py)."""
        from assistant.access import require_account

        return require_account(viewer, self.store.account(name))

    def stakeholder_names(self, *, viewer=None) -> dict[str, tuple[str, ...]]:
        """Account -> its stakeholders' names, for every account the viewer may see (read once per
        data version: the chat looks for a person named without an account in all of them)."""
        from assistant.access import can_see_owned_by

        return {name: people for name, owner, people in self.store.stakeholder_names()
                if can_see_owned_by(viewer, owner)}

    def account_names(self, *, viewer=None) -> list[str]:
        """Every account name: names are resolved for everyone, so that a question naming another
        AM's account is answered "not your account" (by `account`) instead of being guessed."""
        return self.store.account_names()

    @audits_refusals
    def accounts(self, owner: str | None = None, *, viewer=None) -> list[Account]:
        from assistant.access import owner_scope

        return list(self.store.accounts(owner=self._require_owner(owner_scope(viewer, owner))))

    @audits_refusals
    def count_accounts(self, owner: str | None = None, *, viewer=None) -> int:
        from assistant.access import owner_scope

        return self.store.count_accounts(owner=owner_scope(viewer, owner))

    def _ruleset_version(self) -> str:
        from assistant.policy.rules import ruleset_version

        return ruleset_version(self.settings.rules_dir)

    def import_accounts(self, path: str | Path, *, user: str | None = None) -> "ImportResult":
        """Add or update accounts from a YAML, JSON or CSV file; one transaction."""
        from assistant.importers.csv_accounts import read_accounts_csv
        from assistant.importers.snapshot import read_accounts
        from assistant.errors import InvalidInput
        from assistant.results import ImportResult

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".yaml", ".yml", ".json", ".csv"):
            raise InvalidInput(f"{path}: expected a .yaml, .yml, .json or .csv file (see docs/csv-format.md for CSV)")
        accounts, warnings = (read_accounts_csv if suffix == ".csv" else read_accounts)(
            path, self.settings.max_file_bytes)
        counts = self.store.import_accounts(accounts)
        self.audit("import.accounts", {"file": str(path), **counts}, user=user, ruleset_version=self._ruleset_version())
        return ImportResult(kind="accounts", file=str(path), total=len(accounts), added=counts["added"],
                            updated=counts["updated"], warnings=warnings)

    def import_catalog(self, path: str | Path, *, user: str | None = None) -> "ImportResult":
        """Replace the catalog with the one in a YAML or JSON file."""
        from assistant.importers.catalog import read_catalog
        from assistant.results import ImportResult

        catalog = read_catalog(Path(path), self.settings.max_file_bytes)
        self.store.replace_catalog(catalog)
        self.audit("import.catalog", {"file": str(path), "products": [p.name for p in catalog.products]},
                   user=user, ruleset_version=self._ruleset_version())
        return ImportResult(kind="catalog", file=str(path), total=len(catalog.products), added=len(catalog.products))

    def import_history(self, path: str | Path, kind: str, *, user: str | None = None) -> "ImportResult":
        """Import contract events, play outcomes or health readings (CSV); stored rows are skipped."""
        from assistant.importers.history import read_history_csv
        from assistant.results import ImportResult

        self._check_history_kind(kind)
        rows, labels = read_history_csv(Path(path), kind, self.settings.max_file_bytes)
        store = self.store
        importer = {"contract": store.import_contract_events, "outcomes": store.import_play_outcomes,
                    "health": store.import_health_history}[kind]
        added = importer(rows, source=str(path), labels=labels)
        self.audit("import.history", {"file": str(path), "kind": kind, "rows": len(rows), "added": added},
                   user=user, ruleset_version=self._ruleset_version())
        return ImportResult(kind=kind, file=str(path), total=len(rows), added=added, unchanged=len(rows) - added)

    @staticmethod
    def _check_history_kind(kind: str) -> None:
        from assistant.errors import InvalidInput

        if kind not in HISTORY_KINDS:
            raise InvalidInput(f"the history kind must be one of: {', '.join(HISTORY_KINDS)} (got '{kind}')")

    @audits_refusals
    def history(self, kind: str, account: str | None = None, *, viewer=None) -> list:
        """Stored history of one kind, oldest first: ContractEvent, PlayOutcome or HealthReading
        rows (assistant.importers.history) for kind contract, outcomes or health. An AM gets
        their own accounts' rows only (assistant/access.py)."""
        from assistant.access import scoped_store
        from assistant.importers.history import HISTORY_KINDS as ROW_MODELS

        self._check_history_kind(kind)
        store = scoped_store(self.store, viewer)
        rows = {"contract": store.contract_events, "outcomes": store.play_outcomes,
                "health": store.health_history}[kind](account)
        return [ROW_MODELS[kind].model_validate(row) for row in rows]

    @audits_refusals
    def priorities(self, account: str | None = None, *, viewer=None) -> "list[PriorityRecord]":
        """Recorded executive priorities with where they were stated."""
        from assistant.access import scoped_store
        from assistant.results import PriorityRecord

        fields = PriorityRecord.model_fields
        return [PriorityRecord.model_validate({k: v for k, v in record.items() if k in fields})
                for record in scoped_store(self.store, viewer).list_priorities(account)]

    def add_priority(self, account: str, person: str, priority: str, *, source: str | None = None,
                     stated_on: dt.date | None = None, user: str | None = None) -> Account:
        """Record that `person` stated `priority`; returns the account as now stored."""
        self.store.add_priority(account, person, priority, source, stated_on)
        self.audit("priority.add", {"account": account, "person": person, "priority": priority, "source": source},
                   user=user)
        return self.store.account(account)

    def remove_priority(self, account: str, person: str, priority: str, *, user: str | None = None) -> None:
        """Remove a recorded priority; if there is none, the error lists the ones on record."""
        from assistant.errors import InvalidInput

        if not self.store.remove_priority(account, person, priority):
            known = [f"{r['person']}: {r['priority']}" for r in self.store.list_priorities(account)]
            raise InvalidInput(f"no recorded priority '{priority}' for {person} at {account} "
                               f"(recorded: {'; '.join(known) or 'none'})")
        self.audit("priority.remove", {"account": account, "person": person, "priority": priority}, user=user)

    # -- the digest (what changed in an AM's book since the last one) -------------------------
    def digest(self, owner: str, *, today: dt.date | None = None, user: str | None = None) -> "Digest":
        """What changed in `owner`'s book since the last recorded digest (`record_digest`): plays
        that became pitchable or blocked, renewals coming up with an expansion held back."""
        from assistant.policy.plays import evaluate_all
        from assistant.portfolio.digest import build_digest, check_owner, load_digest_params
        from assistant.store.once import digest_state

        owner = check_owner(owner)
        self._require_owner(owner)
        today = self._today(today)
        catalog = self.catalog()
        book = [(account, evaluate_all(self.ruleset, account, catalog, today))
                for account in self.store.accounts(owner=owner)]
        previous, since = digest_state(self.store, owner)
        return build_digest(owner, book, previous, since, today, load_digest_params(self.settings.rules_dir))

    def record_digest(self, digest: "Digest", *, user: str | None = None) -> None:
        """Remember the book as this digest saw it: the next digest reports changes from here."""
        from assistant.store.once import save_digest_state

        save_digest_state(self.store, digest.owner, digest.state)
        self.audit("digest", {"owner": digest.owner, "today": digest.today.isoformat(),
                              "pitchable": len(digest.became_pitchable), "blocked": len(digest.became_blocked),
                              "renewals": len(digest.renewals)}, user=user)


def _account_names_in(payload) -> set[str]:
    """Every value under an `account` key anywhere in an audit payload, casefolded."""
    names: set[str] = set()
    stack = [payload]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "account" and isinstance(value, str):
                    names.add(value.casefold())
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return names


class _LazyCatalog:
    """Stands in for the store's catalog until a scenario without its own catalog needs it."""

    def __init__(self, coach: Coach):
        self._coach = coach

    def model_copy(self, **kwargs):
        return self._coach.catalog().model_copy(**kwargs)
