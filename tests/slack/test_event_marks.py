"""Event once-marks (each Slack event_id answered once): how long they are kept and how often a
worker sweeps the old ones are settings (COACH_SLACK_EVENT_MARK_TTL_S, COACH_SLACK_SWEEP_EVERY)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.coach import Coach
from assistant.config import Settings
from assistant.slack.app import SlackCoach


def _event(event_id: str) -> dict:
    return {"type": "event_callback", "event_id": event_id, "event": {"type": "app_mention"}}


def test_the_sweep_of_old_event_marks_follows_the_settings(slack_settings, coach, people, monkeypatch):
    settings = slack_settings.model_copy(update={"slack_sweep_every": 3, "slack_event_mark_ttl_s": 7200})
    sweeps = []
    real = Coach.forget_once_older_than
    monkeypatch.setattr(Coach, "forget_once_older_than",
                        lambda self, kind, age: sweeps.append((kind, age)) or real(self, kind, age))
    app = SlackCoach(settings, coach, people, client=None)

    async def deliver(*ids):
        return [await app.first_delivery(_event(i)) for i in ids]

    assert asyncio.run(deliver("EvSWEEP1", "EvSWEEP2")) == [True, True] and sweeps == []
    assert asyncio.run(deliver("EvSWEEP3", "EvSWEEP1")) == [True, False]  # (a re-delivery is not counted)
    assert sweeps == [("event", dt.timedelta(hours=2))]
    assert asyncio.run(deliver("EvSWEEP4", "EvSWEEP5", "EvSWEEP6")) == [True] * 3 and len(sweeps) == 2


def test_the_event_mark_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_SLACK_EVENT_MARK_TTL_S", "3600")
    monkeypatch.setenv("COACH_SLACK_SWEEP_EVERY", "50")
    settings = Settings(data_dir=tmp_path)
    assert (settings.slack_event_mark_ttl_s, settings.slack_sweep_every) == (3600, 50)
    monkeypatch.setenv("COACH_SLACK_EVENT_MARK_TTL_S", "30")  # shorter than Slack's retries: refused
    with pytest.raises(ValidationError, match="slack_event_mark_ttl_s"):
        Settings(data_dir=tmp_path)
