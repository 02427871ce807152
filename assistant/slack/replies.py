"""Where an answer goes, and the "Thinking…" message that becomes the answer.

In a channel thread or a DM the coach posts "Thinking…" at once (chat.postMessage) and updates
that message in place with the answer (chat.update). A slash command's answer is ephemeral
(only the asker sees it); ephemeral messages can only be replaced through the command's
response_url, so that target answers through `respond`.
"""

from __future__ import annotations

from assistant.slack.blocks import fallback, notice


class ThreadReply:
    """A message in a channel thread or a DM, posted as "Thinking…" and updated in place."""

    def __init__(self, client, channel: str, thread_ts: str | None):
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self.ts: str | None = None

    async def start(self, text: str) -> None:
        response = await self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts,
                                                      text=fallback(text), blocks=notice(text))
        self.ts = response["ts"]

    async def finish(self, blocks: list[dict], text: str) -> None:
        if self.ts is None:
            await self.more(blocks, text)
            return
        await self.client.chat_update(channel=self.channel, ts=self.ts, text=fallback(text), blocks=blocks)

    async def more(self, blocks: list[dict], text: str) -> None:
        """A further message in the same thread (a long QBR's next page)."""
        await self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts or self.ts,
                                           text=fallback(text), blocks=blocks)


class EphemeralReply:
    """An answer only the asker sees, through the response_url (`respond`) of a slash command
    or of a button on an ephemeral message. `replace` replaces the message that is there
    (the command's "Thinking…"); otherwise each answer is a new ephemeral message."""

    def __init__(self, respond, *, replace: bool):
        self.respond, self.replace = respond, replace

    async def start(self, text: str) -> None:
        return None  # the command's ack already said "Thinking…"

    async def finish(self, blocks: list[dict], text: str) -> None:
        await self.respond(text=fallback(text), blocks=blocks, response_type="ephemeral",
                           replace_original=self.replace)

    async def more(self, blocks: list[dict], text: str) -> None:
        await self.respond(text=fallback(text), blocks=blocks, response_type="ephemeral", replace_original=False)
