"""Persistence: accounts, catalog, priority records, audit log, chat sessions and history.

    from assistant.store import Store, UnknownAccount
    store = Store.open(settings)
"""

from assistant.store.errors import StoreUnavailable, UnknownAccount, UnknownStakeholder
from assistant.store.store import Store

__all__ = ["Store", "StoreUnavailable", "UnknownAccount", "UnknownStakeholder"]
