"""What the coach knows by name while it answers one question: accounts, products, people.

Read from the store once per question (names are cheap; an account is read when first needed),
so a name added by an import is known at the next question.
"""

from __future__ import annotations

from functools import cached_property

from assistant.conversation.phrasebook import Phrasebook
from assistant.conversation.resolve import Names, account_names, people_names, product_names, tier_names
from assistant.domain import Account, Catalog


class KnownNames:
    def __init__(self, coach, book: Phrasebook, viewer=None):
        self.coach, self.book, self.viewer = coach, book, viewer
        self._accounts: dict[str, Account] = {}

    @cached_property
    def catalog(self) -> Catalog:
        return self.coach.catalog()

    @cached_property
    def accounts(self) -> Names:
        common = self.book.words["noise"] | self.book.words["stop"]
        return account_names(tuple(self.coach.account_names(viewer=self.viewer)), common)

    @cached_property
    def products(self) -> Names:
        return product_names(self.catalog)

    @cached_property
    def tiers(self) -> dict[str, str]:
        return tier_names(self.catalog)

    def account(self, name: str) -> Account:
        if name not in self._accounts:
            self._accounts[name] = self.coach.account(name, viewer=self.viewer)
        return self._accounts[name]

    def people(self, account: str | None) -> Names:
        return people_names(self.account(account)) if account else Names("person", ())

    def names(self, kind: str, account: str | None = None) -> Names:
        if kind == "person":
            return self.people(account)
        return self.accounts if kind == "account" else self.products
