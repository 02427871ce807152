"""The demo portfolio: loaded once on first run, and rich enough to show every reason code."""

from __future__ import annotations

from assistant.config import PROJECT_ROOT
from assistant.demo.loader import open_store
from assistant.domain import Account
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts
from assistant.policy.engine import evaluate
from assistant.policy.plays import evaluate_all
from assistant.scenarios import read_scenario, run_scenario, scenario_files
from assistant.store import Store
from assistant.yaml_io import read_yaml
from tests.store.conftest import DEMO_DIR, DEMO_TODAY


def _demo_catalog():
    return read_catalog(DEMO_DIR / "catalog.yaml")


def _run_demo_scenarios(ruleset):
    catalog = _demo_catalog()
    return [run_scenario(path, lambda a, c, p, t: evaluate(ruleset, a, c, p, t), catalog)
            for path in scenario_files(DEMO_DIR / "scenarios")]


def test_first_run_loads_the_demo_once(demo_settings):
    bare = Store.open(demo_settings)  # the store only stores: the first-run step loads the demo
    assert bare.count_accounts() == 0
    bare.close()
    first = open_store(demo_settings)
    assert first.count_accounts() >= 14
    assert first.catalog().vendor.name == "Northwind Data"
    counts = (first.count_accounts(), len(first.contract_events()), len(first.play_outcomes()),
              len(first.health_history()), len(first.list_priorities()))
    first.close()
    second = open_store(demo_settings)
    assert (second.count_accounts(), len(second.contract_events()), len(second.play_outcomes()),
            len(second.health_history()), len(second.list_priorities())) == counts
    second.close()


def test_no_demo_when_switched_off(store):
    assert store.count_accounts() == 0
    assert store.catalog().products == []


def test_demo_catalog_has_the_scenario_products_and_a_seat_product():
    catalog = _demo_catalog()
    assert catalog.vendor.fiscal_quarter_end.isoformat() == "2026-12-31"
    names = [p.name for p in catalog.products]
    assert names[:4] == ["Data Platform", "Data Quality", "Marketing Automation", "Governance Suite"]
    assert catalog.find("DQ").name == "Data Quality"
    assert catalog.find("governance").name == "Governance Suite"
    assert any(p.unit == "seats" for p in catalog.products)


def test_acme_is_as_in_the_shared_scenarios(demo_store):
    acme = demo_store.account("acme corp")
    assert acme.owns[0].utilization >= 0.85 and acme.outcomes[0].met
    priya, tom = acme.stakeholder("Priya Natarajan"), acme.stakeholder("Tom Becker")
    assert priya.has_role("executive") and priya.states_priority("data trust")
    assert priya.priority_sources["data trust"].startswith("QBR 2026-04-10")
    assert tom.team == "data engineering"


def test_owners_split_the_book(demo_store):
    owners = {a.owner for a in demo_store.accounts()}
    assert len(owners) >= 2
    assert sum(demo_store.count_accounts(owner) for owner in owners) == demo_store.count_accounts()


def test_demo_scenarios_pass(ruleset):
    results = _run_demo_scenarios(ruleset)
    assert len(results) >= 10
    failed = {r.scenario_id: r.problems for r in results if not r.passed}
    assert not failed


def test_demo_scenario_accounts_are_the_demo_accounts():
    demo = {a.name: a for a in read_accounts(DEMO_DIR / "accounts.yaml")[0]}
    for path in scenario_files(DEMO_DIR / "scenarios"):
        scenario, warnings = read_scenario(path)
        assert not warnings, warnings
        assert scenario.account == demo[scenario.account.name], f"{path.name} drifted from accounts.yaml"


def _codes(verdict) -> set[str]:
    found = set(verdict.codes)
    for other in verdict.separate_plays:
        found |= _codes(other)
    return found


def test_every_reason_code_fires_somewhere_in_the_demo(ruleset):
    vocabulary = read_yaml(PROJECT_ROOT / "rules" / "reason_codes.yaml")
    policy_codes = {code for code, spec in vocabulary.items() if spec.get("kind") != "draft"}
    catalog = _demo_catalog()
    fired: set[str] = set()
    for account in read_accounts(DEMO_DIR / "accounts.yaml")[0]:
        for verdict in evaluate_all(ruleset, account, catalog, DEMO_TODAY):
            fired |= _codes(verdict)
    from_accounts = set(fired)
    for result in _run_demo_scenarios(ruleset):
        fired |= _codes(result.verdict)
    assert policy_codes - fired == set()
    # The play-dependent codes need a scenario; everything else comes from account facts alone.
    play_only = {"timing.quota_driven", "renewal.coupled", "bundle.separate", "stakeholder.no_view",
                 "timing.milestone"}
    assert policy_codes - play_only <= from_accounts


def test_demo_history_spans_a_year(demo_store):
    events = demo_store.contract_events()
    assert {e["kind"] for e in events} == {"new", "expansion", "contraction", "churn"}
    dates = sorted(e["date"] for e in events)
    assert (dates[-1] - dates[0]).days >= 270
    assert {o["outcome"] for o in demo_store.play_outcomes()} == {"won", "lost", "deferred"}
    health = demo_store.health_history("Nimbus Software")
    assert health[0]["nps"] > health[-1]["nps"]  # an expansion followed by dissatisfaction
    latest = {h["account"]: h for h in demo_store.health_history()}
    for account in demo_store.accounts():
        assert latest[account.name]["nps"] == account.health.nps


def test_demo_accounts_are_valid_snapshots():
    accounts, warnings = read_accounts(DEMO_DIR / "accounts.yaml")
    assert not warnings
    assert len(accounts) >= 14
    assert all(isinstance(a, Account) and a.owner for a in accounts)
