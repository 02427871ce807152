"""`relates_to` on strategic events through every importer: YAML, JSON and the CSV column."""

from __future__ import annotations

import json

from assistant.config import PROJECT_ROOT
from assistant.importers.csv_accounts import read_accounts_csv
from assistant.importers.snapshot import read_accounts

DEMO = PROJECT_ROOT / "assistant" / "demo" / "accounts.yaml"


def test_csv_column_reads_a_list_and_an_empty_cell_as_unknown(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text("name,strategy_kind,strategy_detail,strategy_relates_to\n"
                    "Acme Corp,initiative,data trust program,data trust; Data Quality\n"
                    "Acme Corp,geography,Nordics launch,\n"
                    "Acme Corp,initiative,data trust program,audit readiness\n", encoding="utf-8")
    (acme,), warnings = read_accounts_csv(path)
    assert warnings == []
    assert [(e.kind, e.relates_to) for e in acme.strategy] == [
        ("initiative", ["data trust", "Data Quality", "audit readiness"]), ("geography", None)]


def test_yaml_and_json_snapshots_carry_relates_to(tmp_path):
    yaml_file = tmp_path / "acme.yaml"
    yaml_file.write_text("name: Acme Corp\nstrategy:\n  - {kind: initiative, detail: x, relates_to: [data trust]}\n"
                         "  - {kind: buyer_hire, relates_to: Data Quality}\n  - {kind: growth}\n")
    json_file = tmp_path / "acme.json"
    json_file.write_text(json.dumps({"account": {"name": "Acme Corp", "strategy": [
        {"kind": "initiative", "relates_to": ["data trust"]}, {"kind": "growth", "relates_to": []}]}}))
    (from_yaml,), yaml_warnings = read_accounts(yaml_file)
    (from_json,), json_warnings = read_accounts(json_file)
    assert yaml_warnings == json_warnings == []  # a known field, not an "unknown field ignored"
    assert [e.relates_to for e in from_yaml.strategy] == [["data trust"], ["Data Quality"], None]
    assert [e.relates_to for e in from_json.strategy] == [["data trust"], None]


def test_the_documented_csv_example_carries_the_demo_link(tmp_path):
    import re

    text = (PROJECT_ROOT / "docs" / "csv-format.md").read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "example.csv"
    path.write_text(example, encoding="utf-8")
    (acme,), _ = read_accounts_csv(path)
    demo = {a.name: a for a in read_accounts(DEMO)[0]}
    assert [e.relates_to for e in acme.strategy] == [e.relates_to for e in demo["Acme Corp"].strategy] == [["data trust"]]


def test_demo_events_carry_the_links_they_plainly_have():
    demo = {a.name: a for a in read_accounts(DEMO)[0]}
    assert demo["Acme Corp"].strategy[0].relates_to == ["data trust"]
    assert demo["Juniper Clinics"].strategy[0].relates_to == ["regulatory compliance"]
    assert demo["Ironwood Telecom"].strategy[0].relates_to is None  # not plain: left unknown
