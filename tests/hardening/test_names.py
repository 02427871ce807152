"""Names are never guessed: exact, a known alias, or a typo-level match the answer states; else exit 2."""

from __future__ import annotations

import json

import pytest

from assistant.names import NameMatching, UnknownName, resolve

PEOPLE = ["Mia Chen", "Robert Vance"]


def test_exact_alias_and_typo():
    assert resolve("robert  VANCE", PEOPLE, "person").how == "exact"
    assert resolve("DQ", ["Data Quality"], "product", aliases={"DQ": "Data Quality"}).name == "Data Quality"
    typo = resolve("Robert Vence", PEOPLE, "person")
    assert (typo.name, typo.how) == ("Robert Vance", "typo")
    assert "'Robert Vence' read as 'Robert Vance'" in typo.note("person")


@pytest.mark.parametrize("given", ["Bob", "Robert", "Robert Smith", "Vance", ""])
def test_anything_further_is_an_error_with_candidates(given):
    with pytest.raises(UnknownName) as raised:
        resolve(given, PEOPLE, "person", where=" at Evergreen Media")
    assert f"No person named '{given}' at Evergreen Media" in str(raised.value)


def test_closest_candidates_are_offered():
    with pytest.raises(UnknownName, match="Closest: Robert Vance"):
        resolve("Robert Smith", PEOPLE, "person")


def test_two_names_a_typo_apart_is_ambiguous():
    with pytest.raises(UnknownName, match="could be several"):
        resolve("Dan Ruiz", ["Dana Ruiz", "Dan Ruis"], "person", matching=NameMatching(max_edits=1))


def test_the_typo_bound_is_data(tmp_path):
    from assistant.names import load_name_matching

    (tmp_path / "names.yaml").write_text("typo: {max_edits: 0, max_edits_long: 0}\n")
    with pytest.raises(UnknownName):
        resolve("Robert Vence", PEOPLE, "person", matching=load_name_matching(tmp_path))


EVERGREEN = ("check", "Evergreen Media", "Marketing Automation", "--today", "2026-11-16")


def test_a_typo_in_to_is_stated_and_changes_nothing(demo_cli):
    exact = demo_cli(*EVERGREEN, "--to", "Robert Vance", "--json")
    typo = demo_cli(*EVERGREEN, "--to", "Robert Vence", "--json")
    assert exact.exit_code == typo.exit_code == 0, typo.output
    exact, typo = json.loads(exact.stdout)["verdict"], json.loads(typo.stdout)["verdict"]
    assert typo["verdict"] == exact["verdict"] != "pitch"
    assert typo["pitch_to"] == "Robert Vance"
    assert any("'Robert Vence' read as 'Robert Vance'" in n for n in typo["name_notes"])
    text = demo_cli(*EVERGREEN, "--to", "Robert Vence")
    assert "Note: person 'Robert Vence' read as 'Robert Vance'" in text.output


@pytest.mark.parametrize("option", [["--to", "Bob Smith"], ["--sponsor", "Nobody Known"],
                                    ["--priority", "world peace"], ["--bundle", "Quantum Widgets"]])
def test_an_unknown_name_is_exit_2_with_candidates_and_no_verdict(demo_cli, option):
    result = demo_cli(*EVERGREEN, *option)
    assert result.exit_code == 2, result.output
    assert "error: No " in result.output and "PITCH" not in result.output and "Motion:" not in result.output


def test_an_unknown_person_gets_no_draft(demo_cli):
    result = demo_cli("draft", "Acme Corp", "Data Platform", "--to", "Bob Smith", "--today", "2026-11-16")
    assert result.exit_code == 2 and "Talk track" not in result.output
    assert "Closest:" in result.output or "stakeholders of Acme Corp" in result.output


def test_account_and_product_typos_are_stated(demo_cli):
    result = demo_cli("check", "Acme Crop", "Data Qualty", "--today", "2026-11-16")
    assert result.exit_code == 0, result.output
    assert "account 'Acme Crop' read as 'Acme Corp'" in result.output
    assert "product 'Data Qualty' read as 'Data Quality'" in result.output
    unknown = demo_cli("check", "Globex Corp", "Data Quality")
    assert unknown.exit_code == 2 and "No account named 'Globex Corp'" in unknown.output


def test_owner_is_resolved(demo_cli):
    typo = demo_cli("plan", "--owner", "Jordan Blak", "--today", "2026-11-16", "--format", "json")
    assert typo.exit_code == 0 and json.loads(typo.stdout)["owner"] == "Jordan Blake"
    unknown = demo_cli("plan", "--owner", "Nobody", "--today", "2026-11-16")
    assert unknown.exit_code == 2 and "No account owner named 'Nobody'" in unknown.output
    listing = demo_cli("accounts", "list", "--owner", "Nobody")
    assert listing.exit_code == 2
