"""History imports: validated, transactional, idempotent, tied to known accounts."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain import Account
from assistant.importers.errors import ImportProblem


@pytest.fixture
def book(store):
    store.import_accounts([Account(name="Acme Corp"), Account(name="Borealis Freight")])
    return store


def test_contract_events_import_and_read(book):
    rows = [{"account": "acme corp", "date": "2026-03-02", "kind": "expansion", "product": "Data Platform",
             "amount": "100000"},
            {"account": "Borealis Freight", "date": "2026-06-01", "kind": "contraction", "amount": 50000}]
    assert book.import_contract_events(rows) == 2
    assert book.import_contract_events(rows) == 0  # same rows again: nothing doubled
    events = book.contract_events()
    assert events[0] == {"account": "Acme Corp", "date": dt.date(2026, 3, 2), "kind": "expansion",
                         "product": "Data Platform", "amount": 100000.0}
    assert [e["account"] for e in book.contract_events("borealis freight")] == ["Borealis Freight"]


def test_a_bad_row_keeps_nothing(book):
    rows = [{"account": "Acme Corp", "date": "2026-03-02", "kind": "expansion"},
            {"account": "Acme Corp", "date": "2026-04-02", "kind": "upsell"}]
    with pytest.raises(ImportProblem, match=r"row 2, column 'kind'"):
        book.import_contract_events(rows)
    assert book.contract_events() == []


def test_an_unknown_account_is_named_with_candidates(book):
    rows = [{"account": "Acme Corp", "date": "2026-03-02", "outcome": "won", "product": "Data Platform"},
            {"account": "Borealis Frieght", "date": "2026-03-02", "outcome": "lost", "product": "Data Quality"}]
    with pytest.raises(ImportProblem) as caught:
        book.import_play_outcomes(rows, source="plays.csv")
    message = str(caught.value)
    assert message.startswith("plays.csv: row 2, column 'account'")
    assert "Did you mean: Borealis Freight?" in message
    assert book.play_outcomes() == []


def test_play_outcomes_and_health(book):
    assert book.import_play_outcomes([{"account": "Acme Corp", "product": "Data Platform", "change": "more_capacity",
                                       "outcome": "won", "date": dt.date(2026, 3, 2), "amount": 1e5}]) == 1
    assert book.play_outcomes("Acme Corp")[0]["change"] == "more_capacity"
    assert book.import_health_history([{"account": "Acme Corp", "date": "2026-09-15", "nps": "", "csat": "4.4",
                                        "open_escalations": "0"}]) == 1
    (reading,) = book.health_history()
    assert reading["nps"] is None and reading["csat"] == 4.4 and reading["open_escalations"] == 0


def test_values_are_checked(book):
    with pytest.raises(ImportProblem, match="column 'amount'"):
        book.import_contract_events([{"account": "Acme Corp", "date": "2026-01-01", "kind": "churn", "amount": -5}])
    with pytest.raises(ImportProblem, match="unknown column 'colour'"):
        book.import_health_history([{"account": "Acme Corp", "date": "2026-01-01", "colour": "red"}])
    with pytest.raises(ImportProblem, match="column 'date': a value is required"):
        book.import_health_history([{"account": "Acme Corp", "nps": 3}])
