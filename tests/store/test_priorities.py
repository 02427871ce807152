"""Executive priorities recorded by the AM reach the verdict with their source."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain import Play
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts
from assistant.policy.engine import evaluate
from assistant.store import UnknownAccount, UnknownStakeholder
from tests.store.conftest import DEMO_DIR, DEMO_TODAY


@pytest.fixture
def fjord(store):
    accounts, _ = read_accounts(DEMO_DIR / "accounts.yaml")
    store.import_accounts([a for a in accounts if a.name == "Fjord Bank"])
    store.replace_catalog(read_catalog(DEMO_DIR / "catalog.yaml"))
    return store


def test_add_list_remove(fjord, clock):
    fjord.add_priority("fjord bank", "henrik dahl", "regulatory compliance", "QBR 2026-04-10", dt.date(2026, 4, 10))
    records = fjord.list_priorities("Fjord Bank")
    assert len(records) == 1
    record = records[0]
    assert (record["account"], record["person"], record["priority"]) == ("Fjord Bank", "Henrik Dahl", "regulatory compliance")
    assert record["stated_on"] == dt.date(2026, 4, 10)
    assert record["label"] == "QBR 2026-04-10, recorded 2026-11-16"
    henrik = fjord.account("Fjord Bank").stakeholder("Henrik Dahl")
    assert henrik.priorities == ["branch profitability", "regulatory compliance"]
    assert henrik.priority_sources == {"regulatory compliance": "QBR 2026-04-10, recorded 2026-11-16"}

    assert fjord.remove_priority("Fjord Bank", "HENRIK DAHL", "Regulatory Compliance")
    assert not fjord.remove_priority("Fjord Bank", "Henrik Dahl", "regulatory compliance")
    assert fjord.list_priorities() == []
    assert fjord.account("Fjord Bank").stakeholder("Henrik Dahl").priorities == ["branch profitability"]


def test_recording_again_updates_the_source(fjord, clock):
    fjord.add_priority("Fjord Bank", "Henrik Dahl", "regulatory compliance", "QBR 2026-04-10", None)
    clock.advance(86400)
    fjord.add_priority("Fjord Bank", "Henrik Dahl", "Regulatory Compliance", None, dt.date(2026, 11, 1))
    (record,) = fjord.list_priorities()
    assert record["label"] == "stated 2026-11-01, recorded 2026-11-17"


def test_source_on_a_priority_the_snapshot_already_has(fjord):
    fjord.add_priority("Fjord Bank", "Ingrid Solberg", "Faster Reporting", "kick-off 2025-01-10", None)
    ingrid = fjord.account("Fjord Bank").stakeholder("Ingrid Solberg")
    assert ingrid.priorities == ["faster reporting"]
    assert ingrid.priority_sources == {"faster reporting": "kick-off 2025-01-10, recorded 2026-11-16"}


def test_person_must_be_a_stakeholder(fjord):
    with pytest.raises(UnknownStakeholder) as caught:
        fjord.add_priority("Fjord Bank", "Hendrik Dal", "regulatory compliance", None, None)
    assert "Ingrid Solberg, Henrik Dahl" in str(caught.value)
    assert fjord.list_priorities() == []


def test_unknown_account_and_empty_priority(fjord):
    with pytest.raises(UnknownAccount):
        fjord.add_priority("Fjord Bnak", "Henrik Dahl", "x", None, None)
    with pytest.raises(UnknownAccount):
        fjord.list_priorities("Nope")
    with pytest.raises(Exception, match="priority is empty"):
        fjord.add_priority("Fjord Bank", "Henrik Dahl", "  ", None, None)


def test_the_verdict_shows_where_the_sponsor_priority_came_from(fjord, ruleset):
    catalog = fjord.catalog()
    play = Play(product="Governance Suite", change="new_product")
    before = evaluate(ruleset, fjord.account("Fjord Bank"), catalog, play, DEMO_TODAY)
    assert "alignment.no_priority" in before.codes and before.priority_source is None

    fjord.add_priority("Fjord Bank", "Henrik Dahl", "regulatory compliance", "QBR 2026-10-02", dt.date(2026, 10, 2))
    after = evaluate(ruleset, fjord.account("Fjord Bank"), catalog, play, DEMO_TODAY)
    assert after.sponsor == "Henrik Dahl" and after.priority == "regulatory compliance"
    assert after.priority_source == "QBR 2026-10-02, recorded 2026-11-16"
    assert "alignment.no_priority" not in after.codes and "alignment.no_sponsor" not in after.codes


def test_records_survive_a_reimport_of_the_account(fjord):
    fjord.add_priority("Fjord Bank", "Henrik Dahl", "regulatory compliance", "QBR", None)
    accounts, _ = read_accounts(DEMO_DIR / "accounts.yaml")
    assert fjord.import_accounts([a for a in accounts if a.name == "Fjord Bank"]) == {"added": 0, "updated": 1}
    assert fjord.account("Fjord Bank").stakeholder("Henrik Dahl").states_priority("regulatory compliance")
