"""Understanding a message reads the catalog, the names and the accounts it needs under one read of
the store's data version (store/versioned.py `one_version`), not one read each."""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.store import versioned


def test_understanding_a_message_reads_the_data_version_once(chat, coach, monkeypatch):
    conversation = chat("once")
    state = conversation.memory.load()
    world = KnownNames(coach, conversation.book, None, None, conversation.reader.spec.names)
    reads, real = [], versioned.read
    monkeypatch.setattr(versioned, "read", lambda engine: reads.append(engine) or real(engine))

    request = conversation._understand("should I pitch Governance to Kestrel? Dana says they're thrilled", state, world)

    assert (request.account, request.product) == ("Kestrel Outdoor", "Governance Suite")
    assert len(reads) == 1  # (the catalog, the account names and Kestrel's account: one version read)
