"""The real console script over the demo store: check, plays, what-if, demo and bad input."""

from __future__ import annotations

import json


def test_check_json_carries_verdict_reasons_evidence_passages_and_version(coach):
    result = coach("check", "Acme Corp", "Data Quality", "--today", "2026-05-12", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)["verdict"]
    assert answer["motion"] == "cross_sell" and answer["verdict"] == "pitch"
    adjacent = next(r for r in answer["reasons"] if r["code"] == "usage.adjacent_feature")
    assert {e["fact"] for e in adjacent["evidence"]} == {"product.adjacent_share", "params.adjacent_feature_share"}
    assert adjacent["passages"] and adjacent["passages"][0]["section"] == "signals-usage"
    assert answer["sponsor"] == "Priya Natarajan" and answer["priority"] == "data trust"
    assert len(answer["ruleset_version"]) == 12 and answer["facts"]["play"]["motion"] == "cross_sell"


def test_check_text_for_a_blocked_play_shows_remedy_and_lift(coach):
    result = coach("check", "Borealis Freight", "Data Platform", "--today", "2026-05-12")
    assert result.returncode == 0, result.stderr
    assert "INTERVENE" in result.stdout
    assert "adoption.gap [intervene]: utilization 0.40 < adoption floor 0.60" in result.stdout
    assert "remedy: Run an adoption and value intervention" in result.stdout
    assert "would lift it: utilization 0.40 → at least 0.60" in result.stdout


def test_what_if_shows_both_verdicts_and_leaves_the_store_alone(coach):
    result = coach("check", "Borealis Freight", "Data Platform", "--today", "2026-05-12",
                   "--what-if", "utilization=0.9", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["verdict"]["verdict"] == "intervene" and answer["what_if"]["changes"] == ["utilization=0.9"]
    assert "adoption.gap" not in [r["code"] for r in answer["what_if"]["verdict"]["reasons"]]
    again = json.loads(coach("check", "Borealis Freight", "Data Platform", "--today", "2026-05-12", "--json").stdout)
    assert again["verdict"]["verdict"] == "intervene" and again["what_if"] is None


def test_play_options_reach_the_rules(coach):
    result = coach("check", "Acme Corp", "Data Platform", "--today", "2026-05-12", "--date", "2026-06-26",
                   "--reason", "quarter_end", "--tied-to-renewal", "--bundle", "DQ", "--json")
    answer = json.loads(result.stdout)["verdict"]
    codes = [r["code"] for r in answer["reasons"]]
    assert answer["verdict"] == "hold" and {"timing.quota_driven", "renewal.coupled", "bundle.separate"} <= set(codes)
    assert [p["product"] for p in answer["separate_plays"]] == ["Data Quality"]


def test_plays_lists_every_product_best_first(coach):
    result = coach("plays", "Acme Corp", "--today", "2026-05-12", "--json")
    plays = json.loads(result.stdout)["plays"]
    ranks = {"pitch": 0, "prepare": 1, "intervene": 2, "hold": 3}
    assert [ranks[p["verdict"]] for p in plays] == sorted(ranks[p["verdict"]] for p in plays)
    assert {p["product"] for p in plays} >= {"Data Platform", "Data Quality", "Governance Suite"}


def test_unknown_account_product_and_bad_option_are_clear_errors(coach):
    unknown = coach("check", "Acme Industries", "Data Quality")
    assert unknown.returncode == 2 and "No account named 'Acme Industries'" in unknown.stderr
    assert "Closest: Acme Corp" in unknown.stderr
    product = coach("check", "Acme Corp", "Data Widgets")
    assert product.returncode == 2 and "No product named 'Data Widgets' in the catalog" in product.stderr
    typo = coach("check", "Acmee Corp", "Data Qualty")  # a typo apart: read as the known names, and said so
    assert typo.returncode == 0 and "account 'Acmee Corp' read as 'Acme Corp'" in typo.stdout
    change = coach("check", "Acme Corp", "Data Quality", "--change", "more_capacity")
    assert change.returncode == 2 and "does not own Data Quality" in change.stderr
    reason = coach("check", "Acme Corp", "Data Quality", "--reason", "because")
    assert reason.returncode == 2 and "timing_reason" in reason.stderr


def test_every_check_is_in_the_audit_log(coach_env, coach):
    from assistant.config import Settings
    from assistant.store import Store

    coach("check", "Acme Corp", "Data Quality", "--today", "2026-05-12")
    store = Store.open(Settings(data_dir=coach_env["COACH_DATA_DIR"]))
    [entry] = store.audit_entries(kind="verdict")
    assert entry["payload"]["verdict"]["verdict"] == "pitch" and entry["ruleset_version"]


def test_demo_runs_the_plan_and_three_worked_plays(coach):
    result = coach("demo", "--today", "2026-05-12")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "# Quarterly expansion plan" in out and "Acme Corp" in out
    assert "Talk track for Acme Corp: Data Platform (upsell)" in out and "passed approval" in out
    assert "No talk track for Borealis Freight" in out


def test_plays_with_a_what_if_list_every_play_on_the_changed_facts(coach):
    """The what-ifs a check takes, applied to every listed play ("before my quarter closes": each
    play held for quota-driven timing); one that fits no play of the account is left out for it."""
    result = coach("plays", "Acme Corp", "--today", "2026-05-12", "--what-if", "timing_reason=quota",
                   "--what-if", "utilization=0.5", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["what_if"]["changes"] == ["timing_reason=quota", "utilization=0.5"]
    today = {(p["product"], p["change"]): p for p in answer["plays"]}
    changed = {(p["product"], p["change"]): p for p in answer["what_if"]["plays"]}
    assert set(changed) == set(today)
    assert all("timing.quota_driven" in [r["code"] for r in p["reasons"]] for p in changed.values())
    assert all("timing.quota_driven" not in [r["code"] for r in p["reasons"]] for p in today.values())
    left_out = {(n["product"], n["what_if"]) for n in answer["what_if"]["not_applied"]}
    assert ("Data Quality", "utilization=0.5") in left_out  # not owned: no utilization of its own
    assert not any(product == "Data Platform" for product, _ in left_out)
    text = coach("plays", "Acme Corp", "--today", "2026-05-12", "--what-if", "timing_reason=quota")
    today_part, _, changed_part = text.stdout.partition("What if timing_reason=quota: plays for Acme Corp on the changed facts")
    assert "pitch" in today_part and changed_part and "pitch" not in changed_part and "hold" in changed_part


def test_plays_with_a_bad_what_if_is_one_clear_error(coach):
    result = coach("plays", "Acme Corp", "--what-if", "moodiness=high")
    assert result.returncode != 0
    assert "unknown what-if 'moodiness'" in result.stderr and "Traceback" not in result.stderr
