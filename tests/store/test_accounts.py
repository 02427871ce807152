"""Accounts: transactional upsert imports, case-insensitive lookup, streaming, owners."""

from __future__ import annotations

import pytest

from assistant.domain import Account
from assistant.importers.errors import ImportProblem
from assistant.importers.snapshot import read_accounts
from assistant.store import UnknownAccount


def _account(name: str, owner: str = "Jordan Blake", **extra) -> Account:
    return Account(name=name, owner=owner, **extra)


def test_import_adds_then_updates_by_name(store):
    assert store.import_accounts([_account("Acme Corp"), _account("Borealis Freight")]) == {"added": 2, "updated": 0}
    result = store.import_accounts([_account("ACME CORP", health={"nps": 12}), _account("Corvid Health")])
    assert result == {"added": 1, "updated": 1}
    assert store.count_accounts() == 3
    assert store.account("acme corp").health.nps == 12


def test_a_file_whose_third_account_is_bad_changes_nothing(store, tmp_path):
    store.import_accounts([_account("Acme Corp", health={"nps": 40})])
    bad = tmp_path / "accounts.yaml"
    bad.write_text(
        "accounts:\n"
        "  - {name: Acme Corp, health: {nps: 10}}\n"
        "  - {name: New One}\n"
        "  - {name: Broken, health: {nps: lots}}\n"
    )
    with pytest.raises(ImportProblem) as caught:
        store.import_accounts(read_accounts(bad)[0])
    message = str(caught.value)
    assert str(bad) in message and "accounts[2].health.nps" in message
    assert store.account_names() == ["Acme Corp"]
    assert store.account("Acme Corp").health.nps == 40


def test_a_failure_inside_the_transaction_rolls_back(store, monkeypatch):
    """When the write fails half-way (Acme already updated), nothing of the batch is kept."""
    store.import_accounts([_account("Acme Corp")])
    calls = []
    original = Account.model_dump

    def failing_dump(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Account, "model_dump", failing_dump)
    with pytest.raises(RuntimeError):
        store.import_accounts([_account("Acme Corp", health={"nps": 1}), _account("New One")])
    monkeypatch.undo()
    assert store.account_names() == ["Acme Corp"]
    assert store.account("Acme Corp").health.nps is None


def test_duplicate_names_in_one_import_are_refused(store):
    with pytest.raises(ImportProblem, match=r"accounts\[1\]: account 'acme corp' appears twice"):
        store.import_accounts([_account("Acme Corp"), _account("acme corp")])
    assert store.count_accounts() == 0


def test_unknown_account_offers_close_names(store):
    store.import_accounts([_account("Acme Corp"), _account("Acme Labs"), _account("Borealis Freight")])
    with pytest.raises(UnknownAccount) as caught:
        store.account("Acmee")
    assert caught.value.name == "Acmee"
    assert "Acme Corp" in caught.value.candidates
    assert "Borealis Freight" not in caught.value.candidates
    assert str(caught.value).startswith("No account named 'Acmee'. Did you mean: Acme")
    assert "`coach accounts list` shows all" in str(caught.value)
    with pytest.raises(UnknownAccount) as by_prefix:
        store.account("bore")
    assert by_prefix.value.candidates == ["Borealis Freight"]
    with pytest.raises(UnknownAccount) as nothing:
        store.account("Zzyzx")
    assert nothing.value.candidates == [] and "Did you mean" not in str(nothing.value)


def test_names_are_exact_but_case_and_space_insensitive(store):
    store.import_accounts([_account("Acme Corp")])
    assert store.account("  acme   CORP ").name == "Acme Corp"


def test_accounts_stream_in_batches_and_filter_by_owner(store, monkeypatch):
    names = [f"Account {i:03d}" for i in range(23)]
    store.import_accounts([_account(n, owner="Maya" if i % 2 else "Theo") for i, n in enumerate(names)])
    batches = []
    original = store._records

    def spy(conn, ids):
        batches.append(len(ids))
        return original(conn, ids)

    monkeypatch.setattr(store, "_records", spy)
    streamed = [a.name for a in store.accounts(batch_size=5)]
    assert streamed == sorted(names)
    assert max(batches) <= 5 and sum(batches) == 23
    assert [a.owner for a in store.accounts(owner="maya")] == ["Maya"] * 11
    assert store.count_accounts("MAYA") == 11 and store.count_accounts() == 23
    assert store.account_names() == sorted(names)


def test_snapshot_round_trips_unknown_as_unknown(store):
    store.import_accounts([_account("Acme Corp", owns=[{"product": "Data Platform", "capacity": 10}])])
    acme = store.account("Acme Corp")
    assert acme.health.nps is None and acme.owns[0].used is None and acme.renewal.risk is None


def test_catalog_replace_and_read(store):
    from assistant.importers.catalog import read_catalog
    from tests.store.conftest import DEMO_DIR

    assert store.catalog().products == []
    catalog = read_catalog(DEMO_DIR / "catalog.yaml")
    store.replace_catalog(catalog)
    assert store.catalog() == catalog
    store.replace_catalog(catalog.model_copy(update={"products": catalog.products[:1]}))
    assert [p.name for p in store.catalog().products] == ["Data Platform"]
