"""`coach audit`: every kind of answer the Coach gives is logged with its user, and can be read back."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assistant.coach import Coach
from assistant.config import PROJECT_ROOT, Settings

TODAY = dt.date(2026, 11, 16)
DEMO = PROJECT_ROOT / "assistant" / "demo"


@pytest.fixture
def used_coach(demo_cli):
    """The demo store after one use of each Coach method, as user 'dana'."""
    coach = Coach(Settings(data_dir=demo_cli.data_dir))
    coach.check("Acme Corp", "Data Platform", what_ifs=["utilization=0.5"], today=TODAY, user="dana")
    coach.plays("Borealis Freight", today=TODAY, user="dana")
    coach.plays("Borealis Freight", what_ifs=["sentiment=negative"], today=TODAY, user="dana")
    coach.draft("Acme Corp", "Data Platform", change="more_capacity", amount=200000, today=TODAY, user="dana")
    coach.draft("Borealis Freight", "Data Platform", today=TODAY, user="dana")
    coach.qbr("Acme Corp", today=TODAY, user="dana")
    coach.plan(today=TODAY, user="dana")
    params = demo_cli.data_dir.parent / "p.yaml"
    params.write_text("saturation: 0.9\n")
    coach.policy_diff(params=params, today=TODAY, user="dana")
    coach.import_history(DEMO / "health_history.csv", "health", user="dana")
    coach.ask("should I pitch DQ to acme?", user="dana", today=TODAY)
    return coach


def _entries(demo_cli, *options) -> list[dict]:
    result = demo_cli("audit", "list", "--json", "--limit", "500", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_kind_is_logged_with_user_and_rule_set(demo_cli, used_coach):
    entries = _entries(demo_cli, "--user", "dana")
    kinds = {e["kind"] for e in entries}
    for kind in ("verdict", "verdict.what_if", "plays", "plays.what_if", "talk_track", "talk_track_refused", "qbr", "plan",
                 "policy_diff", "import.history", "answer"):
        assert kind in kinds, (kind, sorted(kinds))
    for entry in entries:
        assert entry["user"] == "dana"
        if entry["kind"] in ("verdict", "verdict.what_if", "plays", "plays.what_if", "qbr", "plan", "policy_diff", "talk_track"):
            assert entry["ruleset_version"], entry["kind"]


def test_filters_and_show(demo_cli, used_coach):
    acme = _entries(demo_cli, "--account", "acme corp")
    assert acme and all(e["account"] == "acme corp" for e in acme)
    verdicts = _entries(demo_cli, "--kind", "verdict")
    assert {e["kind"] for e in verdicts} == {"verdict", "verdict.what_if"}
    assert _entries(demo_cli, "--user", "nobody") == []
    today = dt.datetime.now(dt.timezone.utc).date()
    assert _entries(demo_cli, "--from", str(today + dt.timedelta(days=1))) == []
    assert len(_entries(demo_cli, "--from", str(today - dt.timedelta(days=1)), "--to", str(today))) >= 10
    shown = demo_cli("audit", "show", str(verdicts[0]["id"]), "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["payload"]["verdict"]
    text = demo_cli("audit", "list", "--account", "Acme Corp")
    assert text.exit_code == 0 and "verdict" in text.output


def test_bad_filters_are_clear_errors(demo_cli):
    assert demo_cli("audit", "list", "--kind", "nonsense").exit_code == 2
    assert demo_cli("audit", "list", "--from", "9999-01-01").exit_code == 2
    assert demo_cli("audit", "show", "999999").exit_code == 2
