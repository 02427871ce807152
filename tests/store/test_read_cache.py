"""The store's cached reads (assistant/store/versioned.py): a write, by this process or by another
worker on the same database, makes the next read fresh; answers' bookkeeping (audit, chat
sessions) does not throw the cache away; a caller's change to a returned model stays its own."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from assistant.domain import Account, Catalog
from assistant.importers.errors import ImportProblem
from assistant.store import Store


def _account(name: str, owner: str = "Jordan Blake", **extra) -> Account:
    return Account.model_validate({"name": name, "owner": owner, **extra})


def _catalog(*names: str) -> Catalog:
    return Catalog.model_validate({"products": [{"name": n} for n in names]})


@pytest.fixture
def two_workers(settings, clock):
    """Two Store objects on one database, as two web workers (or the CLI and a worker) have."""
    first, second = Store(settings, clock=clock), Store(settings, clock=clock)
    first.import_accounts([_account("Acme Corp", stakeholders=[{"name": "Ada Ng", "title": "CFO"}]),
                           _account("Borealis", owner="Sam Ortiz")])
    yield first, second
    first.close()
    second.close()


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_repeated_read_runs_no_query(two_workers):
    store, _ = two_workers
    store.account("Acme Corp"), store.catalog(), store.account_names(), store.owners(), store.count_accounts()
    seen = _statements(store)
    assert store.account("acme  corp").owner == "Jordan Blake"
    store.catalog(), store.account_names(), store.owners(), store.count_accounts()
    assert seen == []


def test_an_account_import_by_another_worker_is_read_at_once(two_workers):
    reader, writer = two_workers
    assert reader.account("Acme Corp").owner == "Jordan Blake"
    assert reader.account_names() == ["Acme Corp", "Borealis"]
    assert reader.owners() == ["Jordan Blake", "Sam Ortiz"]
    assert reader.count_accounts() == 2

    writer.import_accounts([_account("Acme Corp", owner="Sam Ortiz"), _account("Cobalt", owner="Casey Lin")])

    assert reader.account("Acme Corp").owner == "Sam Ortiz"
    assert reader.account_names() == ["Acme Corp", "Borealis", "Cobalt"]
    assert reader.owners() == ["Casey Lin", "Sam Ortiz"]
    assert reader.count_accounts() == 3
    assert reader.count_accounts("Sam Ortiz") == 2


def test_a_catalog_import_by_another_worker_is_read_at_once(two_workers):
    reader, writer = two_workers
    writer.replace_catalog(_catalog("Data Platform"))
    assert [p.name for p in reader.catalog().products] == ["Data Platform"]
    writer.replace_catalog(_catalog("Data Platform", "Data Quality"))
    assert [p.name for p in reader.catalog().products] == ["Data Platform", "Data Quality"]


def test_a_recorded_priority_is_read_at_once_and_its_removal_too(two_workers):
    reader, writer = two_workers
    assert reader.account("Acme Corp").stakeholder("Ada Ng").priorities == []
    writer.add_priority("Acme Corp", "Ada Ng", "cut close time", "QBR notes", dt.date(2026, 11, 2))
    assert reader.account("Acme Corp").stakeholder("Ada Ng").priorities == ["cut close time"]
    writer.remove_priority("Acme Corp", "Ada Ng", "cut close time")
    assert reader.account("Acme Corp").stakeholder("Ada Ng").priorities == []


def test_a_history_import_changes_the_data_version(two_workers):
    reader, writer = two_workers
    before = reader.data_version()
    writer.import_contract_events([{"account": "Acme Corp", "date": dt.date(2026, 1, 5), "kind": "expansion",
                                    "product": "Data Platform", "amount": 1000.0}])
    assert reader.data_version() != before


def test_a_write_through_the_same_store_is_read_at_once(two_workers):
    store, _ = two_workers
    assert store.account("Borealis").owner == "Sam Ortiz"
    store.import_accounts([_account("Borealis", owner="Jordan Blake")])
    assert store.account("Borealis").owner == "Jordan Blake"


def test_a_failed_import_keeps_the_version_and_the_cache(two_workers, monkeypatch):
    store, _ = two_workers
    before = store.data_version()
    store.account("Acme Corp")
    with pytest.raises(ImportProblem):
        store.import_accounts([_account("Acme Corp"), _account("acme corp")])  # the same name twice
    assert store.data_version() == before


def test_answers_bookkeeping_does_not_change_the_version(two_workers):
    store, _ = two_workers
    before = store.data_version()
    store.audit("ask", {"question": "should I pitch DQ to Acme?"}, user="Jordan Blake")
    store.save_session("s1", "Jordan Blake", {"turns": 1}, 3600)
    store.get_session("s1")
    assert store.data_version() == before


def test_a_changed_copy_does_not_change_what_others_read(two_workers):
    store, _ = two_workers
    mine = store.account("Acme Corp")
    mine.owner = "Somebody Else"
    mine.stakeholders.clear()
    catalog = store.catalog()
    catalog.products.append(_catalog("Invented").products[0])
    again = store.account("Acme Corp")
    assert again.owner == "Jordan Blake" and [p.name for p in again.stakeholders] == ["Ada Ng"]
    assert [p.name for p in store.catalog().products] == []


def test_an_unknown_name_is_not_remembered(two_workers):
    from assistant.store import UnknownAccount

    reader, writer = two_workers
    with pytest.raises(UnknownAccount):
        reader.account("Delta Retail")
    writer.import_accounts([_account("Delta Retail")])
    assert reader.account("Delta Retail").name == "Delta Retail"


def test_only_the_most_recently_read_values_are_kept(settings, clock):
    from assistant.store.versioned import VersionedCache

    store = Store(settings, clock=clock)
    store.import_accounts([_account(f"Account {i}") for i in range(5)])
    store.cache = VersionedCache(store.engine, size=3)
    for i in range(5):
        store.account(f"Account {i}")
    seen = _statements(store)
    store.account("Account 4")
    assert seen == []  # still kept
    store.account("Account 0")
    assert seen  # dropped, read again
    store.close()


def test_an_account_with_recorded_priorities_is_read_without_a_deep_copy(two_workers, monkeypatch):
    """The account is validated anew from the stored document on each read: merging the recorded
    priorities into it needs no deep copy, and a caller's change to it still stays its own."""
    store, _ = two_workers
    store.add_priority("Acme Corp", "Ada Ng", "cut close time", "QBR notes", dt.date(2026, 11, 2))
    copies = []
    real = Account.model_copy
    monkeypatch.setattr(Account, "model_copy", lambda self, **k: copies.append(k) or real(self, **k))

    mine = store.account("Acme Corp")
    assert copies == []
    person = mine.stakeholder("Ada Ng")
    assert person.priorities == ["cut close time"] and "QBR notes" in person.priority_sources["cut close time"]
    person.priorities.append("mine only")
    person.priority_sources["mine only"] = "my note"
    again = store.account("Acme Corp").stakeholder("Ada Ng")
    assert again.priorities == ["cut close time"] and list(again.priority_sources) == ["cut close time"]


def test_reads_sharing_one_version_read_it_once(two_workers, monkeypatch):
    from assistant.store import versioned

    store, _ = two_workers
    store.account("Acme Corp"), store.catalog(), store.account_names()  # (kept: no data query below)
    reads, real = [], versioned.read
    monkeypatch.setattr(versioned, "read", lambda engine: reads.append(engine) or real(engine))
    with store.cache.one_version():
        store.account("Acme Corp"), store.catalog(), store.account_names(), store.stakeholder_names()
    assert len(reads) == 1
    store.account("Acme Corp")
    assert len(reads) == 2  # (outside, each read reads the version again)


def test_a_write_through_this_store_inside_shared_reads_is_read_at_once(two_workers):
    store, _ = two_workers
    with store.cache.one_version():
        assert store.account("Borealis").owner == "Sam Ortiz"
        store.import_accounts([_account("Borealis", owner="Jordan Blake")])
        assert store.account("Borealis").owner == "Jordan Blake"


def test_another_workers_write_is_read_by_the_next_shared_reads(two_workers):
    reader, writer = two_workers
    with reader.cache.one_version():
        assert reader.account("Acme Corp").owner == "Jordan Blake"
    writer.import_accounts([_account("Acme Corp", owner="Sam Ortiz")])
    with reader.cache.one_version():
        assert reader.account("Acme Corp").owner == "Sam Ortiz"
