"""The weekly digest over Slack: one DM per linked account manager whose book changed.

`Coach.digest(owner)` says what changed since the last digest; an empty digest sends nothing.
The new state is recorded only after Slack accepted the message, so a failed send is reported
again next time instead of being lost.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from assistant.errors import CoachError
from assistant.slack.blocks import Links, digest_blocks, fallback
from assistant.slack.texts import load_texts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    user: str
    slack_id: str
    status: str  # sent | unchanged | skipped | failed
    detail: str = ""


async def send_digests(settings, coach, people, client, *, only: str | None = None,
                       today: dt.date | None = None) -> list[Sent]:
    texts, links = load_texts(settings.prompts_dir), Links(settings.web_base_url)
    outcomes: list[Sent] = []
    for person in await asyncio.to_thread(people.linked):
        if only and person.name.casefold() != only.casefold():
            continue
        try:
            digest = await asyncio.to_thread(coach.digest, person.name, today=today, user=person.name)
        except CoachError as exc:  # e.g. a manager with no book of their own
            outcomes.append(Sent(person.name, person.slack_id, "skipped", str(exc)))
            continue
        if digest.empty:
            outcomes.append(Sent(person.name, person.slack_id, "unchanged"))
            continue
        blocks = digest_blocks(digest, texts, links)
        try:
            # A bot may post to a user id: Slack delivers it in the user's DM with the app.
            await client.chat_postMessage(channel=person.slack_id, blocks=blocks,
                                          text=fallback(blocks[0]["text"]["text"]))
        except Exception as exc:  # one AM's failure must not stop the others' digests
            log.exception("digest for %s not sent", person.name)
            outcomes.append(Sent(person.name, person.slack_id, "failed", f"{type(exc).__name__}: {exc}"))
            continue
        await asyncio.to_thread(coach.record_digest, digest, user=person.name)
        outcomes.append(Sent(person.name, person.slack_id, "sent"))
    return outcomes
