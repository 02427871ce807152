"""Coach results rendered into Slack messages where they are computed: in the answer worker
process (or thread), not on the event loop that acks Slack. Each function takes the result and a
`Rendering` (what the texts and links come from) and returns (pages of blocks, fallback text);
all are module-level and their arguments plain, so they travel to a worker process by pickle,
and what comes back is plain lists and dicts instead of result models."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.slack import blocks as kit
from assistant.slack.texts import load_texts


@dataclass(frozen=True)
class Rendering:
    prompts_dir: Path
    web_base_url: str | None

    @property
    def texts(self):
        return load_texts(self.prompts_dir)  # read once per process

    @property
    def links(self) -> kit.Links:
        return kit.Links(self.web_base_url)


Pages = tuple[list[list[dict]], str]


def answer(result, r: Rendering, share: str | None = None) -> Pages:
    return [kit.answer_blocks(result, r.texts, r.links, share=share)], result.text


def draft(result, r: Rendering, focus: kit.Focus) -> Pages:
    return [kit.draft_blocks(result, r.texts, r.links, focus)], getattr(result, "text", focus.account)


def why(result, r: Rendering, focus: kit.Focus) -> Pages:
    v = result.verdict
    return [kit.why_blocks(v, r.texts, r.links, focus)], f"{v.verdict.value.upper()}: {v.product} for {v.account}"


def qbr(result, r: Rendering) -> Pages:
    return (kit.qbr_pages(result.account, result.markdown, r.texts, r.links),
            r.texts.say("qbr_heading", account=result.account))


def plays(result, r: Rendering, focus: kit.Focus) -> Pages:
    return ([kit.all_plays_blocks(result.account, result.plays, r.texts, r.links, focus)],
            r.texts.say("plays_heading", account=result.account))


def home(plan, r: Rendering) -> dict:
    return kit.home_view(plan, r.texts, r.links)
