"""Coach results as Block Kit blocks: a pure module, result models in, lists of dicts out.

Nothing here decides, drafts or parses: every sentence comes from the result (the verdict, its
reasons, remedies, lifts and passages, the approved talk track) or from prompts/slack/slack.yaml.
The verdict comes first; every message is cut to Block Kit's limits by `limits.fit`, with a
link to the web page of the whole answer when something had to go.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from assistant.slack.limits import (MAX_BUTTON_VALUE, MAX_CONTEXT_TEXT, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT,
                                    MAX_VIEW_BLOCKS, fit, pages, section, shorten)
from assistant.slack.texts import SlackTexts

REASON_ORDER = ("blocker", "signal", "note")


def escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as markup: data must not ("utilization 0.40 < 0.60")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Links:
    """Pages of the web app an answer links to; no base URL, no links."""

    base_url: str | None = None

    def _url(self, path: str) -> str | None:
        return f"{self.base_url.rstrip('/')}{path}" if self.base_url else None

    def account(self, name: str) -> str | None:
        return self._url(f"/accounts/{quote(name, safe='')}")

    def qbr(self, name: str) -> str | None:
        return self._url(f"/accounts/{quote(name, safe='')}/qbr")

    def play(self, account: str, product: str, change: str | None) -> str | None:
        query = f"?product={quote(product, safe='')}" + (f"&change={quote(change, safe='')}" if change else "")
        return self._url(f"/accounts/{quote(account, safe='')}{query}")

    def portfolio(self) -> str | None:
        return self._url("/portfolio")


@dataclass(frozen=True)
class Focus:
    """What the buttons act on: the account (and play) an answer is about, and its session."""

    session: str
    account: str
    product: str | None = None
    change: str | None = None

    def value(self) -> str:
        data = {"s": self.session, "a": self.account, "p": self.product, "c": self.change}
        return json.dumps({k: v for k, v in data.items() if v is not None}, separators=(",", ":"))

    @classmethod
    def from_value(cls, value: str) -> "Focus":
        data = json.loads(value)
        return cls(session=data["s"], account=data["a"], product=data.get("p"), change=data.get("c"))


# -- small pieces ------------------------------------------------------------------------------
def text_section(text: str) -> list[dict]:
    return section(text) if text.strip() else []


def context(*texts: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(t, MAX_CONTEXT_TEXT)}
                                            for t in texts if t][:10]}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": shorten(text, MAX_HEADER_TEXT), "emoji": True}}


def _link(url: str | None, label: str) -> str:
    return f"<{url}|{escape(label)}>" if url else escape(label)


def more_block(texts: SlackTexts, url: str | None) -> dict:
    return context(texts.say("more", url=url) if url else texts.say("more_no_link"))


def fallback(text: str) -> str:
    """The plain notification text sent beside the blocks (and read by screen readers)."""
    return shorten(text.strip() or "…", MAX_FALLBACK_TEXT)


def notice(text: str) -> list[dict]:
    """A one-line message: "Thinking…", a short error, the how-to-get-access note."""
    return text_section(text)


def markdown_to_mrkdwn(markdown: str) -> str:
    """Markdown (the QBR's) as Slack mrkdwn: headings and **bold** become *bold*."""
    out = []
    for line in escape(markdown).splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        line = f"*{heading.group(1).strip()}*" if heading else line
        out.append(re.sub(r"\*\*(.+?)\*\*", r"*\1*", line))
    return "\n".join(out)


# -- buttons -----------------------------------------------------------------------------------
def _button(texts: SlackTexts, name: str, *, value: str | None = None, url: str | None = None,
            style: str | None = None) -> dict:
    button = {"type": "button", "action_id": f"coach_{name}", "text": {"type": "plain_text",
                                                                        "text": texts.button(name)}}
    if value is not None and len(value) <= MAX_BUTTON_VALUE:
        button["value"] = value
    if url:
        button["url"] = url
    if style:
        button["style"] = style
    return button


def actions(texts: SlackTexts, links: Links, focus: Focus | None, *, share: str | None = None,
            skip: tuple[str, ...] = ()) -> list[dict]:
    """The buttons under an answer about an account: draft and why need a play in focus."""
    elements = []
    if focus is not None:
        value = focus.value()
        wanted = (["draft", "why"] if focus.product else []) + ["qbr", "plays"]
        elements += [_button(texts, name, value=value) for name in wanted if name not in skip]
        url = links.play(focus.account, focus.product, focus.change) if focus.product else links.account(focus.account)
        if url:
            elements.append(_button(texts, "open", url=url, value=value))
    if share is not None:
        elements.append(_button(texts, "share", value=share, style="primary"))
    return [{"type": "actions", "block_id": "coach_actions", "elements": elements}] if elements else []


# -- a verdict ---------------------------------------------------------------------------------
def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return str(value)


def reason_blocks(reason, texts: SlackTexts, label: str | None = None) -> list[dict]:
    """One reason: its message (and remedy, and what would lift it), then its evidence."""
    name = label or reason.code
    lines = [f"{texts.mark(reason.kind)} *{escape(name)}*: {escape(reason.message)}"]
    if reason.kind == "blocker" and reason.remedy:
        lines.append(texts.say("remedy", remedy=escape(reason.remedy)))
    lines += [texts.say("lift", change=escape(lift.get("change_text") or ""), after=lift.get("verdict_after"))
              for lift in reason.lifts if lift.get("change_text")]
    blocks = text_section("\n".join(lines))
    evidence = [f"`{escape(e.fact)}` = {escape(_value(e.value))}" for e in reason.evidence]
    if evidence:
        blocks.append(context(texts.say("evidence", evidence="; ".join(evidence))))
    return blocks


def _passages(verdict) -> list[dict]:
    seen: dict[str, dict] = {}
    for reason in verdict.reasons:
        for passage in reason.passages:
            seen.setdefault(f"{passage['doc']}#{passage['section']}", passage)
    return list(seen.values())


def sources_block(passages: list[dict], texts: SlackTexts, url: str | None) -> list[dict]:
    """Cited passages, collapsed to their titles; their text is on the play's web page (`url`)."""
    if not passages:
        return []
    names = ", ".join(f"{escape(p.get('title') or p['section'])} (`{escape(p['doc'])}#{escape(p['section'])}`)"
                      for p in passages)
    return [context(texts.say("sources", sources=names, url=url))]


def verdict_blocks(verdict, texts: SlackTexts, links: Links, *, headline: str | None = None,
                   labels: dict[str, str] | None = None, plan: list[str] | None = None,
                   kinds: tuple[str, ...] = REASON_ORDER) -> list[dict]:
    """Verdict first, then reasons with evidence, the plan or remedies, the cited passages."""
    labels = labels or {}
    value = verdict.verdict.value
    title = headline or (f"{value.upper()}: {verdict.product} for {verdict.account} "
                         f"({verdict.change}, {verdict.motion.value})")
    blocks = text_section(f"{texts.mark(value)} *{escape(title)}*")
    about = [f"motion: {verdict.motion.value}"]
    if verdict.sponsor:
        about.append(f"sponsor: {escape(verdict.sponsor)}")
    if verdict.priority:
        about.append(f"priority: “{escape(verdict.priority)}”" + (f" ({escape(verdict.priority_source)})"
                                                                 if verdict.priority_source else ""))
    blocks.append(context(" · ".join(about)))
    for kind in kinds:
        for reason in (r for r in verdict.reasons if r.kind == kind):
            blocks += reason_blocks(reason, texts, labels.get(reason.code))
    for other in verdict.separate_plays:
        blocks += text_section(f"{texts.mark(other.verdict.value)} {escape(other.product)} ({other.change}): "
                               f"*{other.verdict.value.upper()}*")
    steps = plan if plan is not None else verdict.plan
    if steps:
        blocks.append({"type": "divider"})
        blocks += text_section(texts.say("plan_heading", pitch=value == "pitch") + "\n"
                               + "\n".join(f"{i}. {escape(step)}" for i, step in enumerate(steps, 1)))
    return blocks + sources_block(_passages(verdict), texts, links.play(verdict.account, verdict.product,
                                                                        verdict.change))


def talk_track_blocks(talk_track: dict, texts: SlackTexts) -> list[dict]:
    """An approved talk track (only ever one: the gate returns nothing else)."""
    blocks = [{"type": "divider"}]
    blocks += text_section(texts.say("talk_track_heading", drafter=escape(talk_track.get("drafter_name", ""))))
    blocks += text_section(escape(talk_track.get("text", "")))
    notes = [escape(n) for n in talk_track.get("notes", [])]
    return blocks + ([context(*notes)] if notes else [])


def no_draft_blocks(no_draft: dict, texts: SlackTexts) -> list[dict]:
    lines = [texts.say("no_draft_heading", verdict=no_draft.get("verdict", ""))]
    lines += [f"• {escape(r)}" for r in no_draft.get("remedies", [])]
    return text_section("\n".join(lines)) + ([context(escape("; ".join(no_draft["why"])))]
                                             if no_draft.get("why") else [])


def plays_blocks(account: str, verdicts: list, texts: SlackTexts, links: Links) -> list[dict]:
    """Every play for an account, best first: one line each, verdict first."""
    lines = [texts.say("plays_heading", account=escape(account))]
    for v in verdicts:
        blockers = ", ".join(r.code for r in v.blockers())
        lines.append(texts.say("play_row", mark=texts.mark(v.verdict.value), verdict=v.verdict.value,
                               product=escape(v.product), change=v.change, motion=v.motion.value,
                               blockers=blockers))
    return text_section("\n".join(lines))


def qbr_blocks(account: str, markdown: str, texts: SlackTexts) -> list[dict]:
    """A QBR talk track: a header, then the Markdown as mrkdwn sections (split to the limits)."""
    return [header(texts.say("qbr_heading", account=account))] + text_section(markdown_to_mrkdwn(markdown))


# -- an answer ---------------------------------------------------------------------------------
def focus_of(answer) -> Focus | None:
    """The account (and play) an answer is about, for its buttons."""
    verdict = answer.verdict
    if verdict is not None:
        return Focus(answer.session_id, verdict.account, verdict.product, verdict.change)
    account = answer.entities.get("account")
    if account:
        return Focus(answer.session_id, account, answer.entities.get("product"), answer.entities.get("change"))
    return None


def answer_blocks(answer, texts: SlackTexts, links: Links, *, share: str | None = None) -> list[dict]:
    """An Answer from `Coach.ask`: the verdict (when there is one) first, reasons with evidence,
    passages, plan or remedies, lifts, the approved talk track; the buttons last."""
    verdict = answer.verdict
    if verdict is None:
        blocks = text_section(escape(answer.text))
        if answer.ask_back and answer.ask_back.candidates:
            blocks.append(context(" · ".join(escape(c) for c in answer.ask_back.candidates)))
    else:
        headline = answer.text.split("\n", 1)[0]
        labels = {r["code"]: r.get("label") or r["code"] for r in answer.reasons}
        blocks = verdict_blocks(verdict, texts, links, headline=headline, labels=labels, plan=answer.plan)
        applied = [escape(f"“{a.phrase}”: {a.says}") for a in answer.applied]
        if applied:
            blocks.insert(2, context(*applied))
        notes = [escape(n) for n in answer.notes]
        if notes:
            blocks.append(context(*notes))
    track = answer.talk_track
    if track and track.get("kind") == "qbr":
        blocks = text_section(escape(answer.text.split("\n", 1)[0]))
        blocks += text_section(markdown_to_mrkdwn(answer.text.split("\n", 1)[1] if "\n" in answer.text else ""))
    elif track and track.get("approved") and verdict is not None and verdict.verdict.value == "pitch":
        blocks += talk_track_blocks(track, texts)
    focus = focus_of(answer)
    buttons = actions(texts, links, focus, share=share)
    more = more_block(texts, links.play(focus.account, focus.product, focus.change) if focus and focus.product
                      else links.account(focus.account) if focus else None)
    return fit(blocks, more, limit=50 - len(buttons)) + buttons


def draft_blocks(result, texts: SlackTexts, links: Links, focus: Focus) -> list[dict]:
    """`Coach.draft`: an approved TalkTrack, or a NoDraft (why there is none, what to do first)."""
    data = result.model_dump(mode="json")
    if data.get("kind") == "talk_track" and data.get("approved"):
        head = f"{texts.mark('pitch')} *{escape(data['product'])} for {escape(data['account'])}* ({data['motion']})"
        blocks = text_section(head) + talk_track_blocks(data, texts)
    else:
        head = (f"{texts.mark(data.get('verdict', ''))} *{str(data.get('verdict', '')).upper()}: "
                f"{escape(data.get('product', ''))} for {escape(data.get('account', ''))}*")
        blocks = text_section(head) + no_draft_blocks(data, texts)
    buttons = actions(texts, links, focus, skip=("draft",))
    return fit(blocks, more_block(texts, links.play(focus.account, focus.product, focus.change)),
               limit=50 - len(buttons)) + buttons


def why_blocks(verdict, texts: SlackTexts, links: Links, focus: Focus) -> list[dict]:
    """"Why?": the whole verdict with every reason, its evidence and what would lift it."""
    buttons = actions(texts, links, focus, skip=("why",))
    return fit(verdict_blocks(verdict, texts, links), more_block(texts, links.play(focus.account, focus.product,
                                                                                   focus.change)),
               limit=50 - len(buttons)) + buttons


def all_plays_blocks(account: str, verdicts: list, texts: SlackTexts, links: Links, focus: Focus) -> list[dict]:
    buttons = actions(texts, links, Focus(focus.session, account), skip=("plays",))
    return fit(plays_blocks(account, verdicts, texts, links), more_block(texts, links.account(account)),
               limit=50 - len(buttons)) + buttons


def qbr_pages(account: str, markdown: str, texts: SlackTexts, links: Links) -> list[list[dict]]:
    """A QBR in as many messages as the texts file allows; the rest is linked."""
    return pages(qbr_blocks(account, markdown, texts), more_block(texts, links.qbr(account)),
                 texts.qbr_max_messages)


# -- App Home and the digest -------------------------------------------------------------------
def home_view(plan, texts: SlackTexts, links: Links) -> dict:
    """App Home, "my book this quarter": focus accounts with their best play, blocked accounts
    with blocker and remedy, from `Coach.plan(owner=...)` (a PlanResult)."""
    plan = plan.model_dump(mode="json") if hasattr(plan, "model_dump") else plan
    blocks = [header(texts.say("home_heading")),
              context(escape(texts.say("home_intro", owner=plan.get("owner") or "", book=plan.get("book_size", 0),
                                       today=plan.get("today", ""))))]
    blocks += text_section(texts.say("home_focus"))
    focus = plan.get("focus", [])
    for entry in focus:
        best = entry.get("best_play") or {}
        best_text = (f"{texts.mark(best.get('verdict', ''))} {escape(best.get('product', ''))} "
                     f"({best.get('change', '')}): {str(best.get('verdict', '')).upper()}") if best else ""
        line = texts.say("home_focus_row", account=_link(links.account(entry["account"]), entry["account"]),
                         best=best_text, signals=", ".join(entry.get("signals", [])))
        blocks += text_section(line)
    if not focus:
        blocks += text_section(texts.say("home_focus_none"))
    blocks.append({"type": "divider"})
    blocks += text_section(texts.say("home_blocked"))
    blocked = plan.get("blocked", [])
    for entry in blocked:
        blockers = entry.get("blockers", [])
        codes = ", ".join(b.get("code", "") for b in blockers)
        remedy = next((b.get("remedy") for b in blockers if b.get("remedy")), None)
        blocks += text_section(texts.say("home_blocked_row", account=_link(links.account(entry["account"]),
                                                                           entry["account"]),
                                         blockers=escape(codes), remedy=escape(remedy) if remedy else None))
    if not blocked:
        blocks += text_section(texts.say("home_blocked_none"))
    return {"type": "home", "blocks": fit(blocks, more_block(texts, links.portfolio()), limit=MAX_VIEW_BLOCKS)}


def home_unknown_view(texts: SlackTexts, slack_id: str) -> dict:
    return {"type": "home", "blocks": [header(texts.say("home_heading")),
                                       *text_section(texts.say("home_unknown", slack_id=slack_id))]}


def digest_blocks(digest, texts: SlackTexts, links: Links) -> list[dict]:
    """The digest DM: plays that became pitchable (and why), became blocked (and the remedy),
    renewals coming up with an expansion held back."""
    since = digest.since.date().isoformat() if digest.since else None
    blocks = [header(texts.say("digest_heading", since=since) if since else texts.say("digest_first"))]
    if digest.became_pitchable:
        lines = [texts.say("digest_pitchable")]
        lines += [texts.say("digest_pitchable_row", account=_link(links.account(c.account), c.account),
                            product=escape(c.product), change=c.change, signals=escape("; ".join(c.signals)))
                  for c in digest.became_pitchable]
        blocks += text_section("\n".join(lines))
    if digest.became_blocked:
        lines = [texts.say("digest_blocked")]
        lines += [texts.say("digest_blocked_row", account=_link(links.account(c.account), c.account),
                            product=escape(c.product), change=c.change, verdict=c.verdict,
                            why=escape("; ".join(c.why)), remedy=escape("; ".join(c.remedies)))
                  for c in digest.became_blocked]
        blocks += text_section("\n".join(lines))
    if digest.renewals:
        lines = [texts.say("digest_renewals")]
        lines += [texts.say("digest_renewal_row", account=_link(links.account(r.account), r.account),
                            date=r.date.isoformat(), held=escape(", ".join(r.held_back)))
                  for r in digest.renewals]
        blocks += text_section("\n".join(lines))
    return fit(blocks, more_block(texts, links.portfolio()))


def digest_text(digest, texts: SlackTexts) -> str:
    """The digest as plain text (`coach digest --dry-run`): the blocks' text, markup kept."""
    parts = []
    for block in digest_blocks(digest, texts, Links()):
        if block["type"] in ("header", "section"):
            parts.append(block["text"]["text"])
    return "\n\n".join(parts).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
