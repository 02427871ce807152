"""The digest: what changed in an AM's book since the last one, sent as a Slack DM."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from assistant.coach import Coach
from assistant.config import Settings
from assistant.slack.app import web_client
from assistant.slack.blocks import Links, digest_blocks
from assistant.slack.digest import send_digests
from assistant.slack.directory import StorePeople
from assistant.slack.texts import load_texts
from tests.slack.conftest import block_text, valid

TODAY = dt.date(2026, 11, 29)
JORDAN = "UJORDAN01"


@pytest.fixture
def world(tmp_path, mock_slack):
    settings = Settings(data_dir=tmp_path, slack_bot_token="xoxb-test-token", slack_signing_secret="s",
                        slack_api_url=mock_slack.url, web_base_url="https://coach.example.com")
    coach = Coach(settings)
    coach.store.users.add("Jordan Blake", "am")
    coach.store.users.link_slack("Jordan Blake", JORDAN)
    return settings, coach


def _worsen(coach, name: str) -> None:
    """A customer turns unhappy: NPS far below the floor."""
    account = coach.store.account(name)
    account.health.nps = -60
    coach.store.import_accounts([account])


def _send(settings, coach):
    async def send():
        client = web_client(settings)
        try:
            return await send_digests(settings, coach, StorePeople(coach), client, today=TODAY)
        finally:
            await client.aclose()

    return asyncio.run(send())


def _dms(mock_slack, since: int):
    return [c for c in mock_slack.calls[since:] if c.method == "chat.postMessage" and c.status == 200
            and c.body.get("channel") == JORDAN]


def test_a_changed_book_gets_one_dm_and_an_unchanged_one_gets_none(world, mock_slack):
    settings, coach = world
    start = len(mock_slack.calls)
    assert [s.status for s in _send(settings, coach)] == ["sent"]
    first = _dms(mock_slack, start)
    assert len(first) == 1
    text = block_text(valid(first[0].blocks))
    assert "Now pitchable" in text and "Acme Corp" in text
    assert "Renewals coming up" in text and "Gale Logistics" in text  # renews 2027-01-01, held back

    again = len(mock_slack.calls)
    assert [s.status for s in _send(settings, coach)] == ["unchanged"]
    assert _dms(mock_slack, again) == []  # nothing changed: nothing sent

    _worsen(coach, "Acme Corp")
    later = len(mock_slack.calls)
    assert [s.status for s in _send(settings, coach)] == ["sent"]
    [dm] = _dms(mock_slack, later)
    text = block_text(valid(dm.blocks))
    assert "Now blocked" in text and "Acme Corp" in text and "Remedy:" in text
    assert "Now pitchable" not in text and "Renewals coming up" not in text  # told once already


def test_a_failed_send_is_not_recorded(world, mock_slack):
    settings, coach = world
    for _ in range(4):  # more rate limits than the client retries
        mock_slack.fail_next("chat.postMessage", 429, retry_after=0)
    assert [s.status for s in _send(settings, coach)] == ["failed"]
    assert [s.status for s in _send(settings, coach)] == ["sent"]  # still news next time


def test_dry_run_prints_the_digest_and_records_nothing(world, monkeypatch):
    settings, coach = world
    from assistant.cli.main import app

    for key, value in {"COACH_DATA_DIR": str(settings.data_dir), "COACH_SLACK_BOT_TOKEN": "",
                       "COACH_SLACK_API_URL": settings.slack_api_url}.items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    result = runner.invoke(app, ["digest", "--user", "Jordan Blake", "--dry-run", "--today", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert "To Jordan Blake:" in result.output and "Now pitchable" in result.output and "&lt;" not in result.output
    again = runner.invoke(app, ["digest", "--user", "Jordan Blake", "--dry-run", "--today", "2026-11-29"])
    assert again.output == result.output  # a dry run records nothing
    unknown = runner.invoke(app, ["digest", "--user", "Nobody Here", "--dry-run"])
    assert unknown.exit_code == 2 and "Nobody Here" in unknown.output


def test_digest_blocks_fit_slack_even_for_a_big_change(world):
    settings, coach = world
    digest = coach.digest("Jordan Blake", today=TODAY)
    digest.became_pitchable = digest.became_pitchable * 40
    blocks = digest_blocks(digest, load_texts(settings.prompts_dir), Links("https://coach.example.com"))
    valid(blocks)
    assert json.dumps(blocks)  # JSON-able as sent


def test_coach_slack_says_how_to_run_each_mode(monkeypatch):
    from assistant.cli.main import app

    monkeypatch.delenv("COACH_SLACK_APP_TOKEN", raising=False)
    runner = CliRunner()
    http = runner.invoke(app, ["slack"])
    assert http.exit_code == 2 and "coach serve" in http.output and "--socket" in http.output
    socket = runner.invoke(app, ["slack", "--socket"])
    assert socket.exit_code == 2 and "COACH_SLACK_APP_TOKEN=xapp-" in socket.output


def test_a_manager_without_a_book_of_their_own_is_skipped(world, mock_slack):
    settings, coach = world
    coach.store.users.add("Morgan Reyes", "manager")
    coach.store.users.link_slack("Morgan Reyes", "UMANAGER1")
    outcomes = {s.user: s.status for s in _send(settings, coach)}
    assert outcomes == {"Jordan Blake": "sent", "Morgan Reyes": "skipped"}
