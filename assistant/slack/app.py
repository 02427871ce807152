"""The Slack app: a slack-bolt AsyncApp whose listeners ack at once and answer in lazy listeners.

Every answer comes from `Coach` (ask, check, draft, qbr, plays, plan) called in a worker
process or thread (workers.py; the coach is synchronous, the event loop keeps acking other
requests meanwhile) with the Slack user's Coach identity as `user` and their access scope as
`viewer`, and is rendered into blocks where it was computed (`rendered.py` over `blocks.py`), so
the event loop only relays. This module only routes: which Slack event becomes which Coach
call, and where the answer goes.

- `/coach QUESTION`: ephemeral ("Thinking…" in the ack, replaced with the answer), with a
  "Share in channel" button.
- a mention in a channel: answered in a thread; the first answer in a channel warns that
  everyone there can read it; follow-ups in that thread need no mention (the thread is the
  session).
- a direct message: answered in the DM (in its thread when the message was in one).
- buttons: Draft talk track, Why?, QBR talk track, All plays for this account, Open in the
  web app, Share in channel.
- App Home: "my book this quarter".
Slack retries an event it thinks we missed; each event_id is answered once (a once-mark in
the store, so it holds across workers), checked after the ack (a store write must not delay it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import logging
import re
from functools import partial
from typing import Awaitable, Callable

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from assistant.errors import CoachError
from assistant.slack import blocks as kit
from assistant.slack import rendered
from assistant.slack.people import People, Person
from assistant.slack.replies import EphemeralReply, ThreadReply
from assistant.slack.texts import load_texts
from assistant.slack.web_api import SharedSessionRespond, SharedSessionWebClient
from assistant.slack.workers import CoachRunner

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3  # a rate-limited Web API call is retried after Slack's Retry-After
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
BUTTONS = ("draft", "why", "qbr", "plays", "share")

Produce = Callable[[], Awaitable[tuple[list[list[dict]], str]]]


def web_client(settings, token: str | None = None) -> SharedSessionWebClient:
    """The Web API client: Slack's API (or `slack_api_url`), rate-limit errors retried, one
    HTTP session for every call of the process (`await client.aclose()` when done)."""
    kwargs = {"token": token or settings.slack_bot_token}
    if settings.slack_api_url:
        kwargs["base_url"] = settings.slack_api_url.rstrip("/") + "/"
    client = SharedSessionWebClient(**kwargs)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def thread_session(team: str | None, channel: str, thread_ts: str) -> str:
    """A conversation's session id: the thread (or the DM) it happens in."""
    return f"slack:{team or '-'}:{channel}:{thread_ts}"


def question_of(text: str) -> str:
    return " ".join(MENTION.sub(" ", text or "").split())


class SlackCoach:
    """The listeners, bound to one Coach, one People directory and one Web API client."""

    def __init__(self, settings, coach, people: People, client: AsyncWebClient):
        self.settings, self.coach, self.people, self.client = settings, coach, people, client
        self.texts = load_texts(settings.prompts_dir)
        self.links = kit.Links(settings.web_base_url)
        self.rendering = rendered.Rendering(settings.prompts_dir, settings.web_base_url)
        self._events = itertools.count(1)
        self.run = CoachRunner(settings, coach, settings.slack_processes)

    # -- helpers --------------------------------------------------------------------------------
    @staticmethod
    async def _ack(ack) -> None:
        await ack()

    async def _call(self, function, *args, **kwargs):
        """A quick blocking call (a store lookup) in a thread: the event loop keeps serving Slack."""
        return await asyncio.to_thread(partial(function, *args, **kwargs))

    async def _person(self, slack_id: str | None) -> Person | None:
        return await self._call(self.people.by_slack_id, slack_id) if slack_id else None

    def _unknown(self, slack_id: str) -> tuple[list[dict], str]:
        text = self.texts.say("unknown_user", slack_id=slack_id)
        return kit.notice(text), text

    async def _deliver(self, reply, produce: Produce) -> None:
        """"Thinking…", then the answer in its place. A user-level error (an unknown account, an
        account they may not see) is the answer; anything else is logged and the user gets a
        short error in the same place (a lazy listener would otherwise swallow it)."""
        try:
            await reply.start(self.texts.say("thinking"))
            pages, text = await produce()
            await reply.finish(pages[0], text)
            for page in pages[1:]:
                await reply.more(page, text)
        except CoachError as exc:
            message = f":warning: {kit.escape(str(exc))}"
            await self._finish_quietly(reply, kit.notice(message), str(exc))
        except Exception as exc:
            log.exception("the Slack answer failed")
            message = self.texts.say("failed", error=getattr(exc, "kind", type(exc).__name__))
            await self._finish_quietly(reply, kit.notice(message), message)

    @staticmethod
    async def _finish_quietly(reply, blocks: list[dict], text: str) -> None:
        try:
            await reply.finish(blocks, text)
        except Exception:
            log.exception("could not tell the user that the answer failed")

    def _answer(self, question: str, session: str, person: Person, *, share: bool = False) -> Produce:
        value = json.dumps({"q": question}, separators=(",", ":")) if share else None
        button = value if value and len(value) <= kit.MAX_BUTTON_VALUE else None

        async def produce():
            return await self.run("ask", question, session_id=session, user=person.name, viewer=person.viewer,
                                  render=partial(rendered.answer, r=self.rendering, share=button))
        return produce

    # -- de-duplication, after the ack ------------------------------------------------------------
    async def first_delivery(self, body: dict) -> bool:
        """Slack re-delivers an event it thinks we missed (X-Slack-Retry-Num); only the first
        delivery of an event_id is answered, whichever worker gets it. Every delivery is acked
        first: the mark is a write to the store, which must not stand between Slack and its ack."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return True
        if not await self._call(self.coach.claim_once, "event", event_id):
            log.info("Slack event %s was already handled; ignoring the re-delivery", event_id)
            return False
        # (Slack retries a delivery three times within minutes: marks older than the settings' TTL
        # are dropped by whichever worker handles every `slack_sweep_every`th event)
        if next(self._events) % self.settings.slack_sweep_every == 0:
            await self._call(self.coach.forget_once_older_than, "event",
                             dt.timedelta(seconds=self.settings.slack_event_mark_ttl_s))
        return True

    # -- /coach -----------------------------------------------------------------------------------
    async def ack_command(self, ack, command: dict) -> None:
        if not question_of(command.get("text", "")):
            await ack(response_type="ephemeral", text=self.texts.say("empty_question"))
            return
        await ack(response_type="ephemeral", text=self.texts.say("thinking"))

    def _respond(self, body: dict) -> SharedSessionRespond:
        """Bolt's `respond` opens an HTTP session per call: post to the response_url over the
        process's one session instead (slack/web_api.py)."""
        return SharedSessionRespond(self.client, body.get("response_url"))

    async def on_command(self, command: dict) -> None:
        question = question_of(command.get("text", ""))
        if not question:
            return
        reply = EphemeralReply(self._respond(command), replace=True)
        person = await self._person(command.get("user_id"))
        if person is None:
            await reply.finish(*self._unknown(command.get("user_id", "")))
            return
        session = thread_session(command.get("team_id"), command.get("channel_id", "-"),
                                 f"command-{command.get('trigger_id', '')}")
        await self._deliver(reply, self._answer(question, session, person, share=True))

    # -- mentions, DMs, thread follow-ups ---------------------------------------------------------
    async def on_mention(self, event: dict, body: dict) -> None:
        if not await self.first_delivery(body):
            return
        channel, thread = event["channel"], event.get("thread_ts") or event["ts"]
        reply = ThreadReply(self.client, channel, thread)
        person = await self._person(event.get("user"))
        if person is None:
            await reply.finish(*self._unknown(event.get("user", "")))
            return
        if event.get("channel_type") != "im" and await self._call(self.coach.claim_once, "channel_warning",
                                                                   channel):
            warning = self.texts.say("channel_warning")
            await self.client.chat_postMessage(channel=channel, thread_ts=thread, text=warning,
                                               blocks=kit.notice(warning))
        await self._call(self.coach.claim_once, "thread", f"{channel}:{thread}")
        session = thread_session(body.get("team_id"), channel, thread)
        await self._deliver(reply, self._answer(question_of(event.get("text", "")), session, person))

    async def on_message(self, event: dict, body: dict, context) -> None:
        if event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return  # edits, joins, bots (ourselves included): not questions
        if not await self.first_delivery(body):
            return
        channel, thread = event["channel"], event.get("thread_ts")
        if event.get("channel_type") == "im":
            session = thread_session(body.get("team_id"), channel, thread or "dm")
        else:
            bot = context.get("bot_user_id")
            if not thread or (bot and f"<@{bot}" in (event.get("text") or "")):
                return  # not in a thread, or a mention (answered by on_mention)
            if not await self._call(self.coach.claimed_once, "thread", f"{channel}:{thread}"):
                return  # a thread the coach is not part of
            session = thread_session(body.get("team_id"), channel, thread)
        question = question_of(event.get("text", ""))
        if not question:
            return
        reply = ThreadReply(self.client, channel, thread)
        person = await self._person(event["user"])
        if person is None:
            await reply.finish(*self._unknown(event["user"]))
            return
        await self._deliver(reply, self._answer(question, session, person))

    # -- buttons ----------------------------------------------------------------------------------
    def _reply_for(self, body: dict):
        """Answers to a button go where the button is: a new ephemeral message under an
        ephemeral answer, else the thread of the message that has the button."""
        if body.get("container", {}).get("is_ephemeral") or "message" not in body:
            return EphemeralReply(self._respond(body), replace=False)
        message = body["message"]
        return ThreadReply(self.client, body["channel"]["id"], message.get("thread_ts") or message["ts"])

    async def _button(self, body: dict, action: dict, make: Callable[[Person, kit.Focus], Produce]):
        reply = self._reply_for(body)
        slack_id = body.get("user", {}).get("id", "")
        person = await self._person(slack_id)
        if person is None:
            await reply.finish(*self._unknown(slack_id))
            return
        await self._deliver(reply, make(person, kit.Focus.from_value(action["value"])))

    def _draft(self, person: Person, focus: kit.Focus) -> Produce:
        async def produce():
            return await self.run("draft", focus.account, focus.product, change=focus.change,
                                  user=person.name, viewer=person.viewer, session_id=focus.session,
                                  render=partial(rendered.draft, r=self.rendering, focus=focus))
        return produce

    def _why(self, person: Person, focus: kit.Focus) -> Produce:
        async def produce():
            return await self.run("check", focus.account, focus.product, change=focus.change,
                                  user=person.name, viewer=person.viewer,
                                  render=partial(rendered.why, r=self.rendering, focus=focus))
        return produce

    def _qbr(self, person: Person, focus: kit.Focus) -> Produce:
        async def produce():
            return await self.run("qbr", focus.account, user=person.name, viewer=person.viewer,
                                  session_id=focus.session, render=partial(rendered.qbr, r=self.rendering))
        return produce

    def _plays(self, person: Person, focus: kit.Focus) -> Produce:
        async def produce():
            return await self.run("plays", focus.account, user=person.name, viewer=person.viewer,
                                  render=partial(rendered.plays, r=self.rendering, focus=focus))
        return produce

    async def on_draft(self, body: dict, action: dict) -> None:
        await self._button(body, action, self._draft)

    async def on_why(self, body: dict, action: dict) -> None:
        await self._button(body, action, self._why)

    async def on_qbr(self, body: dict, action: dict) -> None:
        await self._button(body, action, self._qbr)

    async def on_plays(self, body: dict, action: dict) -> None:
        await self._button(body, action, self._plays)

    async def on_share(self, body: dict, action: dict) -> None:
        """Post the ephemeral answer in the channel for everyone: asked again (verdicts are
        deterministic) as a new message whose thread is its conversation."""
        slack_id = body.get("user", {}).get("id", "")
        channel = body.get("channel", {}).get("id")
        person = await self._person(slack_id)
        if person is None or not channel:
            await EphemeralReply(self._respond(body), replace=False).finish(*self._unknown(slack_id))
            return
        question = json.loads(action["value"])["q"]
        reply = ThreadReply(self.client, channel, None)

        async def produce():
            await self._call(self.coach.claim_once, "thread", f"{channel}:{reply.ts}")
            session = thread_session(body.get("team", {}).get("id"), channel, reply.ts)
            pages, text = await self._answer(question, session, person)()
            pages[0].insert(0, kit.context(self.texts.say("shared_by", user=slack_id)))
            return pages, text

        await self._respond(body)(delete_original=True)
        await self._deliver(reply, produce)

    # -- App Home ---------------------------------------------------------------------------------
    async def on_home(self, event: dict, body: dict) -> None:
        if event.get("tab", "home") != "home" or not await self.first_delivery(body):
            return
        slack_id = event["user"]
        person = await self._person(slack_id)
        if person is None:
            view = kit.home_unknown_view(self.texts, slack_id)
        else:
            try:
                view = await self.run("plan", owner=person.name, user=person.name, viewer=person.viewer,
                                      render=partial(rendered.home, r=self.rendering))
            except CoachError as exc:
                view = {"type": "home", "blocks": [kit.header(self.texts.say("home_heading")),
                                                   *kit.notice(kit.escape(str(exc)))]}
        await self.client.views_publish(user_id=slack_id, view=view)


def build_app(settings, coach, people: People, *, client: AsyncWebClient | None = None) -> AsyncApp:
    """The AsyncApp with every listener registered. It calls no Slack API while it is built:
    the first request's authorization calls auth.test on `client` (Slack's API, or the one
    `slack_api_url` names)."""
    client = client or web_client(settings)
    # process_before_response: the ack listener runs inline (no polling task per request) and the
    # lazy listeners still run after the response, as tasks on the event loop.
    app = AsyncApp(client=client, signing_secret=settings.slack_signing_secret or "",
                   process_before_response=True,
                   request_verification_enabled=bool(settings.slack_signing_secret))
    slack = SlackCoach(settings, coach, people, client)
    app.command("/coach")(ack=slack.ack_command, lazy=[slack.on_command])
    app.event("app_mention")(ack=slack._ack, lazy=[slack.on_mention])
    app.event("message")(ack=slack._ack, lazy=[slack.on_message])
    app.event("app_home_opened")(ack=slack._ack, lazy=[slack.on_home])
    for name in BUTTONS:
        app.action(f"coach_{name}")(ack=slack._ack, lazy=[getattr(slack, f"on_{name}")])
    app.action("coach_open")(slack._ack)  # a link button: Slack opens the page, we only ack
    app.slack_coach = slack  # its listeners (tests close its worker processes)
    return app
