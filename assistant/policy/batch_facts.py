"""Facts for the candidate plays of one account, the account-level part computed once.

`build_facts` rebuilds the account-level facts (account, health, renewal, the vendor's quarter)
for every play, which over an account's candidate plays is about half of its cost. Here the
first play of an account gets the engine's own `build_facts`; each further play reuses its
account-level parts and recomputes, with the engine's own helpers, only what depends on the
product: product facts, alignment and the play facts that name the product. Candidate plays
differ only in product and change (no pitch_to, sponsor, priority, amount, date or bundle), so
nothing else in the play facts can differ.

Self-check: for the first accounts a builder sees, every derived fact tree is compared with
`build_facts`; on any difference (say facts.py gained a play-level fact) the builder falls back
to `build_facts` for good. tests/portfolio/test_batch_parity.py also holds the whole classification to engine.evaluate.
"""

from __future__ import annotations

import datetime as dt

from assistant.domain import Account, Catalog, Play
from assistant.policy.facts import alignment_facts, build_facts, pitch_to_facts, play_basics, product_facts

_SELF_CHECK_ACCOUNTS = 20  # accounts whose derived facts are compared with build_facts


class CandidateFacts:
    def __init__(self, params: dict):
        self.params = params
        self.derive = True
        self._accounts = 0
        self._base: dict | None = None

    def start(self) -> None:
        """A new account: its first play gets the engine's build_facts."""
        self._accounts += 1
        self._base = None

    def __call__(self, account: Account, catalog: Catalog, play: Play, today: dt.date):
        if self._base is None or not self.derive:
            built = build_facts(account, catalog, play, today, self.params)
            self._base = built[0]
            return built
        derived = self._derived(account, catalog, play)
        if self._accounts <= _SELF_CHECK_ACCOUNTS:
            built = build_facts(account, catalog, play, today, self.params)
            if built[0] != derived[0]:
                self.derive = False
                return built
        return derived

    def _derived(self, account: Account, catalog: Catalog, play: Play):
        base = self._base
        product, change, motion, alignment = play_basics(account, catalog, play)
        facts = {
            **base,
            "play": {**base["play"], "product": product.name, "change": change, "motion": motion.value,
                     "pitch_to": pitch_to_facts(account, product, play.pitch_to, catalog)},
            "product": product_facts(account, product, catalog),
            "alignment": alignment_facts(alignment, product),
        }
        return facts, product, motion, change, alignment
