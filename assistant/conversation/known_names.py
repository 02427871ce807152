"""What the coach knows by name while it answers one question: accounts, products, people.

Read from the store once per question (names are cheap; an account is read when first needed),
so a name added by an import is known at the next question. Only the accounts the viewer may
see (and, when given, only `allowed_accounts`) resolve; no other name is ever offered.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from assistant.conversation.meaning_spec import NameParams
from assistant.conversation.phrasebook import Phrasebook
from assistant.conversation.resolve import (Described, Names, PeopleEverywhere, account_names, described, fold,
                                           people_everywhere, people_names, product_names, tier_names)
from assistant.domain import Account, Catalog
from assistant.errors import CoachError


_COMMON_GROUPS = ("noise", "stop", "to", "about", "pitch", "name_end", "agree")
_GLUED = re.compile(r"(?<![\w'])(?:([A-Z]{2,})([a-z]{2,})|([a-z]{2,})([A-Z]{2,}))(?![\w'])")


@lru_cache(maxsize=8)
def _common_words(groups: tuple[frozenset[str], ...]) -> frozenset[str]:
    # Once per phrasebook, not per question (a KnownNames is made per question; this was ~1 ms)
    return frozenset(w for group in groups for phrase in group for w in phrase.split())


@lru_cache(maxsize=8)
def _name_words(*kinds: Names) -> frozenset[str]:
    # Once per built Names (each kept while its names are unchanged: resolve.py), not per question
    return frozenset(w for names in kinds for key in names.keys for w in key.split())


class KnownNames:
    def __init__(self, coach, book: Phrasebook, viewer=None, allowed_accounts=None, params: NameParams | None = None,
                 negations: frozenset[str] = frozenset(), measures: frozenset[str] = frozenset()):
        self.coach, self.book, self.viewer = coach, book, viewer
        self.negations = negations  # (meaning.yaml `negations`: "Acme doesn't need DQ, they need MA")
        self.measures = measures  # (meaning.yaml `figures:` words, "csat", "nps": a measure read, never a name)
        self.allowed_accounts = None if allowed_accounts is None else frozenset(allowed_accounts)
        self.params = params
        self._accounts: dict[str, Account] = {}

    @cached_property
    def common(self) -> frozenset[str]:
        """Words that never start or end a name typed in free text (question words, noise)."""
        return _common_words(tuple(self.book.words.get(g, frozenset()) for g in _COMMON_GROUPS))

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """Words a token typed in lower case may be rather than a name's initials ("iwt" is Ironwood Telecom's, "btw"
        and "msg" are words): the model's vocabulary of real words, every word of the book's groups and its spellings."""
        from assistant.conversation.meaning import model_words

        groups = (*self.book.words.values(), *self.book.session_words.values(), frozenset(self.book.spelling))
        return frozenset((model_words(None) or frozenset()) | self.name_words | _common_words(tuple(groups)))

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every account and product spelling (they explain a message's words)."""
        return _name_words(self.accounts, self.products)

    @cached_property
    def not_product_starts(self) -> frozenset[str]:
        """Words never read as a product typed short: common English, accounts' words, the book's noise."""
        return frozenset(self.common | self.accounts.keys.keys() | self.book.words.get("noise", frozenset()))

    def products_in_order(self, text: str) -> list[str]:
        """The products a text names, each once, in the order first typed: written out ("DQ"), by the
        start of one product's word ("gov"), or by what it does where that is one product (a description
        before a product noun, "the compliance module"; a feature or a description of several words,
        "lineage view", "data lineage"). For a bundle, whose play is the product named first."""
        folded = fold(text)
        found = [(m.span[0], m.name) for m in self.products.mentions(text)]
        found += [(m.span[0], m.name) for m in self.products.short_forms(
            text, self.name_params.product_start_min, self.not_product_starts)]
        for names, phrase in (self.described.named(text), self.described.featured(text),
                              self.described.featured(text, several=True)):
            start = re.search(r"(?<!\w)" + re.escape(phrase.split()[0]), folded) if len(names) == 1 else None
            if start is not None:
                found.append((start.start(), names[0]))
        return list(dict.fromkeys(name for _at, name in sorted(found)))

    def unglued(self, text: str) -> str:
        """The text with a name typed in capitals glued to a small word spaced out ("pitch MAto Delta",
        "pitchDQ to Acme", as a phone's keyboard drops a space): the capitals a spelling on record, the
        small word a common one ("to", "for", "pitch"). Other words are left as typed ("DQs", "iPhone")."""
        def spaced(match: re.Match) -> str:
            first, second = (part for part in match.groups() if part)
            name, word = (first, second) if first.isupper() else (second, first)
            known = name.casefold() in self.products.keys or name.casefold() in self.accounts.keys
            return f"{first} {second}" if known and word in self.common else match.group(0)

        return _GLUED.sub(spaced, text)

    @cached_property
    def catalog(self) -> Catalog:
        return self.coach.catalog()

    @cached_property
    def accounts(self) -> Names:
        common = self.book.words["noise"] | self.book.words["stop"]
        names = self.coach.account_names(viewer=self.viewer)
        if self.allowed_accounts is not None:
            names = [n for n in names if n in self.allowed_accounts]
        return account_names(tuple(names), common, self.params)

    @cached_property
    def products(self) -> Names:
        return product_names(self.catalog, self.params)

    @cached_property
    def described(self) -> Described:
        """Products by what they do ("the compliance tool"), read where a typed name names nothing."""
        from assistant.conversation.meaning import model_words

        real_words = model_words(getattr(getattr(self.coach, "settings", None), "embedding_model_dir", None))  # (read once a process)
        return described(self.catalog, self.params, real_words)  # (built once per catalog and parameters)

    @cached_property
    def tiers(self) -> dict[str, str]:
        return tier_names(self.catalog)

    def account(self, name: str) -> Account:
        if name not in self._accounts:
            self._accounts[name] = self.coach.account(name, viewer=self.viewer)
        return self._accounts[name]

    def on_record(self, name: str) -> Account | None:
        """The account, or None when there is none by that name the viewer may see."""
        try:
            return self.account(name)
        except CoachError:
            return None

    @cached_property
    def name_params(self) -> NameParams:
        from assistant.conversation.meaning_spec import default_name_params

        return self.params or default_name_params()

    @cached_property
    def everyone(self) -> PeopleEverywhere:
        """The stakeholders of every account this viewer may see (read only when a question names
        no account; the names are read once per data version, not account by account)."""
        staff_of = self.coach.stakeholder_names(viewer=self.viewer)  # another AM's accounts: not there
        staff = tuple((name, staff_of[name]) for name in self.accounts.names if name in staff_of)
        return people_everywhere(staff, self.params)

    def people(self, account: str | None) -> Names:
        return people_names(self.account(account), self.params) if account else Names("person", (), params=self.params)

    def names(self, kind: str, account: str | None = None) -> Names:
        if kind == "person":
            return self.people(account)
        return self.accounts if kind == "account" else self.products
