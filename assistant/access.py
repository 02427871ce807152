"""Who may see what: the one scoping rule shared by the CLI, the web app, the API and Slack.

- an **am** sees the accounts they own (the account's `owner`, compared like names are: case and
  spacing do not matter) and the knowledge base;
- a **manager** sees every account and the policy pages;
- an **admin** also imports data and manages users.

`Coach` methods take `viewer=` (None means the local operator: the CLI without a signed-in user,
who sees everything). Methods about one account call `require_account`; book-wide methods
narrow the owner with `owner_scope`; the conversation gets `scoped_store(store, viewer)`, so a
question about another AM's account is answered "not your account" and nothing about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

from assistant.domain import Account
from assistant.errors import CoachError

Role = Literal["am", "manager", "admin"]
ROLES: tuple[str, ...] = ("am", "manager", "admin")

# What each capability needs (the roles that have it).
SEE_ALL_ACCOUNTS = ("manager", "admin")
SEE_POLICY = ("manager", "admin")
IMPORT_DATA = ("admin",)
MANAGE_USERS = ("admin",)


class NotYourAccount(CoachError):
    """An AM asked about an account in another AM's book (403 in the API)."""

    code = "not_your_account"

    def __init__(self, name: str):
        super().__init__(f"'{name}' is not your account: you can ask about the accounts you own.")
        self.name = name


class NotAllowed(CoachError):
    """The viewer's role does not allow this (403 in the API)."""

    code = "forbidden"

    def __init__(self, what: str, roles: tuple[str, ...]):
        super().__init__(f"Only {' or '.join(roles)} users may {what}.")
        self.what, self.roles = what, roles


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as far as scoping goes."""

    name: str
    role: Role

    @classmethod
    def of(cls, user) -> "Viewer":
        """From anything with `.name` and `.role` (assistant.store.users.User)."""
        return cls(name=user.name, role=user.role)

    @property
    def sees_all(self) -> bool:
        return self.role in SEE_ALL_ACCOUNTS

    def may(self, roles: tuple[str, ...]) -> bool:
        return self.role in roles


def can_see(viewer: Viewer | None, account: Account) -> bool:
    return can_see_owned_by(viewer, account.owner)


def can_see_owned_by(viewer: Viewer | None, owner: str | None) -> bool:
    """Whether the viewer may see an account that `owner` owns."""
    if viewer is None or viewer.sees_all:
        return True
    return bool(owner) and _key(owner) == _key(viewer.name)


def require_account(viewer: Viewer | None, account: Account) -> Account:
    """The account, or NotYourAccount when the viewer may not see it."""
    if not can_see(viewer, account):
        raise NotYourAccount(account.name)
    return account


def require(viewer: Viewer | None, roles: tuple[str, ...], what: str) -> None:
    """NotAllowed unless the viewer has one of `roles` (the local operator always has)."""
    if viewer is not None and not viewer.may(roles):
        raise NotAllowed(what, roles)


def owner_scope(viewer: Viewer | None, owner: str | None) -> str | None:
    """The owner filter a book-wide request (plan, metrics, account list) runs with: an AM's
    own book whatever they asked for; anyone else gets what they asked for."""
    if viewer is None or viewer.sees_all:
        return owner
    if owner is not None and _key(owner) != _key(viewer.name):
        raise NotAllowed("see another account manager's book", SEE_ALL_ACCOUNTS)
    return viewer.name


def audit_user_scope(viewer: Viewer | None, user: str | None) -> str | None:
    """Whose audit entries a request may read: an AM only their own; anyone else what they asked."""
    if viewer is None or viewer.sees_all:
        return user
    if user is not None and _key(user) != _key(viewer.name):
        raise NotAllowed("read another user's audit entries", SEE_ALL_ACCOUNTS)
    return viewer.name


def scoped_store(store, viewer: Viewer | None):
    """The store as `viewer` may see it (the store itself for the local operator and managers)."""
    if viewer is None or viewer.sees_all:
        return store
    return ScopedStore(store, viewer)


class ScopedStore:
    """A read view of the store for one AM: other AMs' accounts are refused by name, left out of
    lists and counts, and their history is not returned. Everything else is the store's."""

    def __init__(self, store, viewer: Viewer):
        self._store, self.viewer = store, viewer

    def __getattr__(self, name):
        return getattr(self._store, name)

    def account(self, name: str) -> Account:
        return require_account(self.viewer, self._store.account(name))

    def account_names(self) -> list[str]:
        # Every name stays known so that a question naming another AM's account is answered
        # "not your account" rather than guessed as one of the AM's own.
        return self._store.account_names()

    def accounts(self, owner: str | None = None, batch_size: int = 500) -> Iterator[Account]:
        return self._store.accounts(owner_scope(self.viewer, owner), batch_size=batch_size)

    def stakeholder_names(self) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
        return tuple(row for row in self._store.stakeholder_names() if can_see_owned_by(self.viewer, row[1]))

    def count_accounts(self, owner: str | None = None) -> int:
        return self._store.count_accounts(owner_scope(self.viewer, owner))

    def _own_rows(self, rows: list[dict]) -> list[dict]:
        mine = {_key(a.name) for a in self.accounts()}
        return [row for row in rows if _key(row.get("account")) in mine]

    def _history(self, method: str, account: str | None) -> list[dict]:
        if account is not None:
            self.account(account)  # refuses another AM's account by name
            return getattr(self._store, method)(account)
        return self._own_rows(getattr(self._store, method)())

    def contract_events(self, account: str | None = None) -> list[dict]:
        return self._history("contract_events", account)

    def play_outcomes(self, account: str | None = None) -> list[dict]:
        return self._history("play_outcomes", account)

    def health_history(self, account: str | None = None) -> list[dict]:
        return self._history("health_history", account)

    def list_priorities(self, account: str | None = None) -> list[dict]:
        return self._history("list_priorities", account)
