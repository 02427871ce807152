"""The Slack app through its HTTP endpoint: signed requests in, calls to a mock Slack API out."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from tests.slack.conftest import SlackDriver, block_text, buttons, unique, valid

JORDAN, MAYA, STRANGER = "UJORDAN01", "UMAYA0001", "USTRANGER"  # Jordan Blake owns Acme Corp


def run(api, mock_slack, scenario):
    async def main():
        async with SlackDriver(api, mock_slack) as slack:
            return await scenario(slack)
    return asyncio.run(main())


def to(channel: str, method: str):
    return lambda call: call.method == method and call.body.get("channel") == channel


def sent_to(mock, method: str, channel: str) -> list:
    """The calls of `method` the app made that went to `channel`."""
    return [c for c in mock.sent(method) if c.body.get("channel") == channel]


def mention(channel: str, text: str, *, user: str = JORDAN, ts: str | None = None) -> dict:
    """An app_mention event: `text` addressed to the bot in `channel` (now, unless `ts`)."""
    return {"type": "app_mention", "user": user, "channel": channel, "ts": ts or str(time.time()),
            "text": f"<@UBOTCOACH> {text}"}


def published_view(call) -> dict:
    """The view a views.publish call sent (the client may send it as a JSON string)."""
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view


# -- signatures ----------------------------------------------------------------------------------
def test_a_wrong_signature_is_rejected_and_nothing_is_answered(api, mock_slack):
    async def scenario(slack):
        before = len(mock_slack.calls)
        response = await slack.command("should I pitch Data Quality to Acme?", user=JORDAN, secret="not-the-secret")
        await asyncio.sleep(0.3)
        return response, mock_slack.calls[before:]
    response, calls = run(api, mock_slack, scenario)
    assert response.status_code == 401
    assert calls == []


def test_a_timestamp_older_than_five_minutes_is_rejected(api, mock_slack):
    async def scenario(slack):
        stale = str(int(time.time()) - 5 * 60 - 10)
        return await slack.command("should I pitch Data Quality to Acme?", user=JORDAN, timestamp=stale)
    assert run(api, mock_slack, scenario).status_code == 401


# -- /coach --------------------------------------------------------------------------------------
def test_slash_command_acks_thinking_then_replaces_it_with_the_answer(api, mock_slack):
    async def scenario(slack):
        response = await slack.command("should I pitch Data Quality to Acme?", user=JORDAN)
        call = await slack.wait_for(lambda c: c.method == "respond" and c.body.get("blocks"))
        return response, call
    response, call = run(api, mock_slack, scenario)
    assert response.status_code == 200
    assert response.json()["response_type"] == "ephemeral" and "Thinking" in response.json()["text"]
    assert call.body["response_type"] == "ephemeral" and call.body["replace_original"] is True
    blocks = valid(call.blocks)
    assert "PITCH" in blocks[0]["text"]["text"].upper() and "Data Quality" in blocks[0]["text"]["text"]
    text = block_text(blocks)
    assert "Sources:" in text and "(`signals#signals-usage`)" in text  # passages collapsed to titles ...
    assert "<https://coach.example.com/accounts/Acme%20Corp?product=Data%20Quality" in text  # ... and linked
    assert set(buttons(blocks)) == {"coach_draft", "coach_why", "coach_qbr", "coach_plays", "coach_open",
                                    "coach_share"}
    assert buttons(blocks)["coach_open"]["url"].startswith("https://coach.example.com/accounts/Acme%20Corp")


def test_an_unknown_slack_user_learns_how_to_get_access_and_nothing_about_accounts(api, mock_slack):
    async def scenario(slack):
        await slack.command("should I pitch Data Quality to Acme?", user=STRANGER)
        return await slack.wait_for(lambda c: c.method == "respond" and c.body.get("blocks"))
    call = run(api, mock_slack, scenario)
    text = block_text(valid(call.blocks))
    assert "link-slack" in text and STRANGER in text
    for secret in ("Acme", "Data Quality", "PITCH", "HOLD", "utilization"):
        assert secret not in text


def test_an_am_asking_about_another_ams_account_learns_nothing_about_it(api, mock_slack):
    async def scenario(slack):
        await slack.command("should I pitch Data Quality to Acme Corp?", user=MAYA)
        return await slack.wait_for(lambda c: c.method == "respond" and c.body.get("blocks"))
    call = run(api, mock_slack, scenario)
    blocks = valid(call.blocks)
    text = block_text(blocks)
    for secret in ("PITCH", "PREPARE", "INTERVENE", "HOLD", "Priya", "utilization", "Sources:"):
        assert secret not in text
    assert not {"coach_draft", "coach_why", "coach_qbr", "coach_plays"} & set(buttons(blocks))


# -- mentions, DMs, threads -------------------------------------------------------------------------
def test_a_mention_is_answered_in_a_thread_and_the_channel_is_warned_once(api, mock_slack):
    channel = unique("CMENTION")

    async def scenario(slack):
        first = str(time.time())
        await slack.event(mention(channel, "should I pitch Data Quality to Acme?", ts=first))
        update = await slack.wait_for(to(channel, "chat.update"))
        second = str(time.time() + 1)
        await slack.event(mention(channel, "what can I sell to Acme?", ts=second))
        await slack.wait_for(lambda c: to(channel, "chat.update")(c) and c is not update)
        return first, second
    first, second = run(api, mock_slack, scenario)
    posts = sent_to(mock_slack, "chat.postMessage", channel)
    warnings = [p for p in posts if "everyone in this channel" in p.body["text"]]
    assert len(warnings) == 1 and warnings[0].body["thread_ts"] == first
    thinking = [p for p in posts if "Thinking" in p.body["text"]]
    assert [p.body["thread_ts"] for p in thinking] == [first, second]
    updates = sent_to(mock_slack, "chat.update", channel)
    assert len(updates) == 2
    for update in updates:
        valid(update.blocks)
    assert "Data Quality" in block_text(updates[0].blocks)


def test_a_follow_up_in_the_thread_needs_no_mention(api, mock_slack):
    channel = unique("CTHREAD")

    async def scenario(slack):
        root = str(time.time())
        await slack.event(mention(channel, "should we upsell more seats to delta retail before quarter end?",
                                  ts=root))
        first = await slack.wait_for(to(channel, "chat.update"))
        await slack.event({"type": "message", "channel_type": "channel", "user": JORDAN, "channel": channel,
                           "ts": str(time.time() + 1), "thread_ts": root, "text": "why not?"})
        follow = await slack.wait_for(lambda c: to(channel, "chat.update")(c) and c is not first)
        # A thread the coach is not part of is left alone.
        await slack.event({"type": "message", "channel_type": "channel", "user": JORDAN, "channel": channel,
                           "ts": str(time.time() + 2), "thread_ts": "1.000001", "text": "why not?"})
        await asyncio.sleep(0.5)
        return root, first, follow
    root, first, follow = run(api, mock_slack, scenario)
    posts = sent_to(mock_slack, "chat.postMessage", channel)
    assert all(p.body.get("thread_ts") == root for p in posts)
    assert "Delta Retail" in block_text(valid(follow.blocks))
    assert len(sent_to(mock_slack, "chat.update", channel)) == 2


def test_a_direct_message_is_answered_in_the_dm(api, mock_slack):
    channel = unique("DJORDAN")

    async def scenario(slack):
        await slack.event({"type": "message", "channel_type": "im", "user": JORDAN, "channel": channel,
                           "ts": str(time.time()), "text": "what can I sell to Borealis?"})
        return await slack.wait_for(to(channel, "chat.update"))
    update = run(api, mock_slack, scenario)
    thinking = sent_to(mock_slack, "chat.postMessage", channel)
    assert len(thinking) == 1 and "Thinking" in thinking[0].body["text"] and not thinking[0].body.get("thread_ts")
    assert update.body["ts"] == thinking[0].response["ts"]  # the "Thinking…" message, updated in place
    assert "Borealis Freight" in block_text(valid(update.blocks))


def test_a_retried_event_is_answered_once(api, mock_slack):
    channel = unique("CRETRY")

    async def scenario(slack):
        event = mention(channel, "should I pitch Data Quality to Acme?")
        first = await slack.event(event, event_id="EvRETRY1")
        retry = await slack.event(event, event_id="EvRETRY1",
                                  headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        await slack.wait_for(to(channel, "chat.update"))
        await asyncio.sleep(0.5)
        return first, retry
    first, retry = run(api, mock_slack, scenario)
    assert first.status_code == retry.status_code == 200
    thinking = [c for c in mock_slack.sent("chat.postMessage")
                if c.body.get("channel") == channel and "Thinking" in c.body["text"]]
    assert len(thinking) == 1
    assert len(sent_to(mock_slack, "chat.update", channel)) == 1


def test_an_event_is_acked_before_its_once_mark_is_written(api, mock_slack, monkeypatch):
    """The de-duplication mark is a store write: it happens after Slack has its ack, never before."""
    import threading

    from assistant.coach import Coach

    order: list[str] = []
    acked = threading.Event()
    real_claim = Coach.claim_once

    def claim(coach, kind, key):
        if kind == "event":
            order.append("mark started")
            acked.wait(10)  # held until the test has the HTTP response (or 10 s, if the ack waits for it)
        result = real_claim(coach, kind, key)
        if kind == "event":
            order.append("mark written")
        return result

    monkeypatch.setattr(Coach, "claim_once", claim)
    channel = unique("CACKFIRST")

    async def scenario(slack):
        response = await slack.event(mention(channel, "what can I sell to Acme?"))
        order.append("acked")
        acked.set()
        await slack.wait_for(to(channel, "chat.update"))
        return response
    response = run(api, mock_slack, scenario)
    assert response.status_code == 200
    assert order.index("acked") < order.index("mark written")


def test_a_rate_limited_call_is_retried(api, mock_slack):
    channel = unique("CRATE")
    mock_slack.fail_next("chat.postMessage", 429, retry_after=0)

    async def scenario(slack):
        await slack.event(mention(channel, "should I pitch Data Quality to Acme?"))
        return await slack.wait_for(to(channel, "chat.update"))
    run(api, mock_slack, scenario)
    limited = [c for c in mock_slack.calls if c.method == "chat.postMessage" and c.status == 429]
    assert limited, "the mock did not rate-limit"
    assert any(c.body.get("channel") == channel for c in mock_slack.sent("chat.postMessage"))


def test_a_failure_in_the_lazy_listener_shows_a_short_error_in_the_thread(api, mock_slack, coach, monkeypatch):
    channel = unique("CFAIL")

    def broken(*args, **kwargs):
        raise RuntimeError("the store went away")
    monkeypatch.setattr(coach, "ask", broken)

    async def scenario(slack):
        await slack.event(mention(channel, "should I pitch Data Quality to Acme?"))
        return await slack.wait_for(to(channel, "chat.update"))
    update = run(api, mock_slack, scenario)
    text = block_text(valid(update.blocks))
    assert "went wrong" in text and "RuntimeError" in text and "store went away" not in text


# -- buttons ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def answered(api, mock_slack):
    """A mention answered in a channel: the message (with its buttons) the tests click on."""
    channel = unique("CBUTTONS")

    async def scenario(slack):
        root = str(time.time())
        await slack.event(mention(channel, "should I upsell more capacity of Data Platform to Acme?", ts=root))
        return root, await slack.wait_for(to(channel, "chat.update"))
    root, update = run(api, mock_slack, scenario)
    message = {"type": "message", "ts": update.body["ts"], "thread_ts": root, "blocks": update.blocks}
    return channel, root, message, buttons(update.blocks)


@pytest.mark.parametrize("button, expect", [
    ("coach_draft", "Approved talk track"),
    ("coach_why", "Evidence:"),
    ("coach_qbr", "QBR talk track: Acme Corp"),
    ("coach_plays", "Every play for Acme Corp"),
])
def test_each_button_answers_in_the_thread(api, mock_slack, answered, button, expect):
    channel, root, message, found = answered

    async def scenario(slack):
        before = {id(c) for c in mock_slack.calls}
        response = await slack.click(button, found[button]["value"], user=JORDAN, message=message, channel=channel)
        update = await slack.wait_for(lambda c: id(c) not in before and to(channel, "chat.update")(c))
        return response, update
    response, update = run(api, mock_slack, scenario)
    assert response.status_code == 200
    blocks = valid(update.blocks)
    assert expect in block_text(blocks)
    assert all(p.body.get("thread_ts") == root for p in mock_slack.sent("chat.postMessage")
               if p.body.get("channel") == channel)


def test_the_open_button_links_to_the_web_app_and_is_acked(api, mock_slack, answered):
    channel, _, message, found = answered
    assert found["coach_open"]["url"].startswith("https://coach.example.com/accounts/Acme%20Corp")

    async def scenario(slack):
        return await slack.click("coach_open", found["coach_open"]["value"], user=JORDAN, message=message,
                                 channel=channel)
    assert run(api, mock_slack, scenario).status_code == 200


def test_share_in_channel_posts_the_answer_for_everyone(api, mock_slack):
    channel = unique("CSHARE")

    async def scenario(slack):
        await slack.command("should I pitch Data Quality to Acme?", user=JORDAN, channel=channel)
        answer = await slack.wait_for(lambda c: c.method == "respond" and c.body.get("blocks")
                                      and "coach_share" in buttons(c.blocks))
        share = buttons(answer.blocks)["coach_share"]
        await slack.click("coach_share", share["value"], user=JORDAN, channel=channel, ephemeral=True)
        deleted = await slack.wait_for(lambda c: c.method == "respond" and c.body.get("delete_original"))
        return deleted, await slack.wait_for(to(channel, "chat.update"))
    deleted, update = run(api, mock_slack, scenario)
    blocks = valid(update.blocks)
    assert f"Shared by <@{JORDAN}>" in block_text(blocks) and "Data Quality" in block_text(blocks)
    posted = sent_to(mock_slack, "chat.postMessage", channel)
    assert len(posted) == 1 and not posted[0].body.get("thread_ts")  # a new message in the channel


# -- App Home -----------------------------------------------------------------------------------------
def test_app_home_shows_my_book_this_quarter(api, mock_slack):
    async def scenario(slack):
        await slack.event({"type": "app_home_opened", "user": JORDAN, "channel": "D0HOME", "tab": "home"})
        return await slack.wait_for(lambda c: c.method == "views.publish" and c.body.get("user_id") == JORDAN)
    call = run(api, mock_slack, scenario)
    view = published_view(call)
    assert view["type"] == "home"
    text = block_text(valid(view["blocks"], limit=100))
    assert "My book this quarter" in text and "Jordan Blake" in text
    assert "Acme Corp" in text and "Focus" in text and "Blocked" in text
    assert "Fjord Bank" not in text  # Theo Nakamura's account


def test_app_home_for_an_unknown_user_says_how_to_get_access(api, mock_slack):
    async def scenario(slack):
        await slack.event({"type": "app_home_opened", "user": STRANGER, "channel": "D0HOME2", "tab": "home"})
        return await slack.wait_for(lambda c: c.method == "views.publish" and c.body.get("user_id") == STRANGER)
    call = run(api, mock_slack, scenario)
    view = published_view(call)
    text = block_text(valid(view["blocks"], limit=100))
    assert "link-slack" in text and "Acme" not in text


def test_answers_computed_in_worker_processes(slack_settings, coach, people, mock_slack):
    """The default: Coach calls in worker processes (forked from the warm app), so the event loop only acks."""
    from assistant.web.app import create_app

    app = create_app(slack_settings.model_copy(update={"slack_processes": 1}), coach=coach)
    app.state.slack.slack_coach.run.start()  # what the app's lifespan does: fork the worker
    channel = unique("CPROC")

    async def scenario(slack):
        await slack.event(mention(channel, "should I pitch Data Quality to Acme Corp?"))
        ok = await slack.wait_for(to(channel, "chat.update"), timeout=90)
        await slack.event(mention(channel, "should I pitch Data Quality to Acme Corp?", user=MAYA,
                                  ts=str(time.time() + 1)))
        refused = await slack.wait_for(lambda c: to(channel, "chat.update")(c) and c is not ok, timeout=90)
        return ok, refused
    try:
        ok, refused = run(app, mock_slack, scenario)
    finally:
        app.state.slack.slack_coach.run.close()
    assert "Data Quality" in block_text(valid(ok.blocks)) and "PITCH" in block_text(ok.blocks).upper()
    assert "not your account" in block_text(valid(refused.blocks)) and "Priya" not in block_text(refused.blocks)


def test_a_button_under_an_ephemeral_answer_answers_ephemerally(api, mock_slack):
    async def scenario(slack):
        await slack.command("should I upsell more capacity of Data Platform to Acme?", user=JORDAN)
        answer = await slack.wait_for(lambda c: c.method == "respond" and "coach_why" in buttons(c.blocks))
        why = buttons(answer.blocks)["coach_why"]
        await slack.click("coach_why", why["value"], user=JORDAN, ephemeral=True)
        return await slack.wait_for(lambda c: c.method == "respond" and c is not answer and c.body.get("blocks"))
    call = run(api, mock_slack, scenario)
    assert call.body["response_type"] == "ephemeral" and call.body["replace_original"] is False
    assert "Evidence:" in block_text(valid(call.blocks))


def test_the_server_takes_requests_once_the_answer_processes_are_warm_and_yield_the_cpu(slack_settings, coach):
    """The app's lifespan forks the worker processes from the warm app (the store, the rules
    loaded) before it takes requests, they run at a lower CPU priority than the event loop that
    acks Slack, and the lifespan's end stops them."""
    import asyncio
    import os

    from assistant.web.app import create_app

    app = create_app(slack_settings.model_copy(update={"slack_processes": 1, "slack_worker_nice": 7}), coach=coach)
    runner = app.state.slack.slack_coach.run
    try:
        async def start_up():
            async with app.router.lifespan_context(app):
                assert {"ruleset", "draft_checks", "wording"} <= set(coach.__dict__)
                workers = list(runner.pool._processes.values())
                assert len(workers) == 1 and workers[0].is_alive()
                assert runner.pool.submit(os.getppid).result(timeout=60) == os.getpid()  # forked from here
                assert runner.pool.submit(os.nice, 0).result(timeout=60) == os.nice(0) + 7
                return workers[0]
        worker = asyncio.run(start_up())
        worker.join(timeout=30)
        assert not worker.is_alive()  # stopped when the app shut down
    finally:
        runner.close()


def test_a_runner_never_started_says_so_instead_of_answering_in_threads(slack_settings, coach):
    from assistant.slack.workers import CoachRunner

    runner = CoachRunner(slack_settings, coach, processes=2)
    with pytest.raises(RuntimeError, match="never started"):
        asyncio.run(runner("accounts"))


def test_a_platform_that_cannot_fork_is_told_to_use_threads(slack_settings, coach, monkeypatch, tmp_path):
    """`coach serve` with Slack on stops at start-up with one line (exit 2), before uvicorn runs."""
    import multiprocessing

    from typer.testing import CliRunner

    from assistant.cli.main import app
    from assistant.errors import CoachError
    from assistant.slack.workers import CoachRunner

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with pytest.raises(CoachError, match="COACH_SLACK_PROCESSES=0"):
        CoachRunner(slack_settings, coach, processes=2).start()
    env = {"COACH_DATA_DIR": str(tmp_path), "COACH_SLACK_BOT_TOKEN": "xoxb-test",
           "COACH_SLACK_SIGNING_SECRET": "secret", "COACH_SLACK_PROCESSES": "2"}
    result = CliRunner().invoke(app, ["serve"], env=env)
    assert result.exit_code == 2
    assert "error: COACH_SLACK_PROCESSES=2: the answer processes are forked" in result.output
    assert "set COACH_SLACK_PROCESSES=0 (threads)" in result.output


def test_answers_to_slash_commands_reuse_the_process_http_session(api, mock_slack, monkeypatch):
    """Bolt's `respond` would open an aiohttp session per answer; the app posts to each
    response_url over its one shared session (slack/web_api.py)."""
    import aiohttp

    opened, real = [], aiohttp.ClientSession

    def counted(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(aiohttp, "ClientSession", counted)

    async def scenario(slack):
        async def ask() -> None:
            before = len(slack.mock.calls)
            await slack.command("what can I sell to Acme?", user=JORDAN)
            await slack.wait_for(lambda c: c.method == "respond" and c.body.get("blocks")
                                 and slack.mock.calls.index(c) >= before)

        await ask()  # the first answer opens the loop's shared session (and Bolt's auth.test its own)
        warm = len(opened)
        for _ in range(3):
            await ask()
        return warm

    warm = run(api, mock_slack, scenario)
    assert warm >= 1 and len(opened) == warm, f"{len(opened) - warm} sessions opened for 3 answers"
