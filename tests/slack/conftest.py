"""A Slack world: the demo portfolio in tmp_path, the Slack app mounted in a FastAPI app, a
mock Slack Web API on 127.0.0.1, and `SlackDriver`, which sends requests signed for real
(`v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`) through the HTTP app and waits for answers."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import urlencode

import httpx
import pytest

from assistant.coach import Coach
from assistant.config import Settings
from assistant.slack.limits import problems
from tests.slack.mock_slack import MockSlack

SECRET = "test-signing-secret"
WEB = "https://coach.example.com"
_ids = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_ids):05d}"


def sign(body: str, timestamp: str, secret: str = SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@pytest.fixture(scope="session")
def mock_slack():
    mock = MockSlack()
    yield mock
    mock.close()


@pytest.fixture(scope="module")
def slack_settings(tmp_path_factory, mock_slack) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("slack"), slack_bot_token="xoxb-test-token",
                    slack_signing_secret=SECRET, slack_api_url=mock_slack.url, web_base_url=WEB,
                    slack_processes=0,  # threads: tests replace Coach methods; one test uses processes
                    warm_up=False)  # the embedding model is not loaded up front (tests/web/test_warm_up.py)


@pytest.fixture(scope="module")
def coach(slack_settings) -> Coach:
    return Coach(slack_settings)


class SlackDriver:
    """Talks to the HTTP app as Slack would, and reads what the app sent to the mock API."""

    def __init__(self, api, mock: MockSlack):
        self.api, self.mock = api, mock

    async def __aenter__(self):
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.api), base_url="http://slack.test")
        self.start = len(self.mock.calls)  # earlier tests' calls are not this scenario's
        return self

    async def __aexit__(self, *exc):
        await self.http.aclose()

    async def post(self, body: str, content_type: str, *, timestamp: str | None = None, secret: str = SECRET,
                   headers: dict | None = None) -> httpx.Response:
        timestamp = timestamp or str(int(time.time()))
        sent = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign(body, timestamp, secret), **(headers or {})}
        return await self.http.post("/slack/events", content=body, headers=sent)

    async def command(self, text: str, *, user: str, channel: str = "C0GENERAL", **kwargs) -> httpx.Response:
        trigger = unique("trigger")
        form = {"command": "/coach", "text": text, "user_id": user, "channel_id": channel, "team_id": "T0TEAM",
                "trigger_id": trigger, "response_url": self.mock.response_url(trigger), "token": "legacy"}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    async def event(self, event: dict, *, event_id: str | None = None, headers: dict | None = None) -> httpx.Response:
        body = {"type": "event_callback", "team_id": "T0TEAM", "api_app_id": "A0COACH",
                "event_id": event_id or unique("Ev"), "event_time": int(time.time()), "event": event}
        return await self.post(json.dumps(body), "application/json", headers=headers)

    async def click(self, action_id: str, value: str, *, user: str, message: dict | None = None,
                    channel: str = "C0GENERAL", ephemeral: bool = False) -> httpx.Response:
        response_url = self.mock.response_url(unique("click"))
        payload = {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": user},
                   "api_app_id": "A0COACH", "trigger_id": unique("trigger"), "response_url": response_url,
                   "channel": {"id": channel},
                   "container": {"type": "message", "is_ephemeral": ephemeral, "channel_id": channel},
                   "actions": [{"type": "button", "action_id": action_id, "block_id": "coach_actions",
                                "value": value, "action_ts": str(time.time())}]}
        if message is not None:
            payload["message"] = message
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    async def wait_for(self, predicate, timeout: float = 20.0):
        """The first recorded call matching `predicate`, once the lazy listener has sent it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in [c for c in self.mock.calls[self.start:] if c.status == 200]:
                if predicate(call):
                    return call
            await asyncio.sleep(0.02)
        raise AssertionError(f"no matching call; calls were: {[(c.method, c.body) for c in self.mock.calls[-8:]]}")


def valid(blocks: list[dict], limit: int = 50) -> list[dict]:
    """The blocks, after checking that Slack would accept them."""
    assert blocks, "no blocks"
    assert problems(blocks, limit=limit) == []
    return blocks


def block_text(blocks: list[dict]) -> str:
    """Every text in the blocks, for asserting on what the user reads."""
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            if "text" in element:
                text = element["text"]
                out.append(text["text"] if isinstance(text, dict) else text)
        out += [f["text"] for f in block.get("fields", [])]
    return "\n".join(out)


def buttons(blocks: list[dict]) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


# Slack ids of the people in the tests: Jordan Blake and Maya Lindqvist are AMs of the demo
# book; a manager sees everything; USTRANGER is linked to nobody.
LINKED = {"UJORDAN01": ("Jordan Blake", "am"), "UMAYA0001": ("Maya Lindqvist", "am"),
          "UMANAGER1": ("Morgan Reyes", "manager")}


@pytest.fixture(scope="module")
def people(coach):
    from assistant.slack.directory import StorePeople

    users = coach.store.users
    for slack_id, (name, role) in LINKED.items():
        users.add(name, role)
        users.link_slack(name, slack_id)
    return StorePeople(coach)


@pytest.fixture(scope="module")
def api(slack_settings, coach, people):
    """The web app, which mounts the Slack app at POST /slack/events when Slack is configured."""
    from assistant.web.app import create_app

    app = create_app(slack_settings, coach=coach)
    assert app.state.slack is not None
    return app
