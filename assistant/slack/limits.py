"""Block Kit's size limits, and the two ways an answer is made to fit them: long text is split
into several sections, and a message with too many blocks is cut with a link to its web page.

Slack rejects a message that breaks a limit (`invalid_blocks`); nothing we send may, so every
message goes through `fit()` and the tests check each posted message with `problems()`.
"""

from __future__ import annotations

MAX_BLOCKS = 50            # per message
MAX_VIEW_BLOCKS = 100      # per App Home view
MAX_SECTION_TEXT = 3000    # a section's text
MAX_FIELD_TEXT = 2000      # each of a section's fields
MAX_FIELDS = 10
MAX_HEADER_TEXT = 150      # a header's plain text
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_URL = 3000
MAX_BLOCK_ID = 255
MAX_FALLBACK_TEXT = 3000   # the notification text beside the blocks (Slack truncates longer ones)


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut at a word boundary so that it fits in `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut + ellipsis


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, then line, then word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def section(text: str) -> list[dict]:
    """One mrkdwn section per piece of `text` that fits the section limit."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in split_text(text)]


def fit(blocks: list[dict], more: dict | None, limit: int = MAX_BLOCKS) -> list[dict]:
    """The blocks, cut to `limit` with `more` (a block linking to the whole answer) last when
    they do not all fit. Text blocks are split to their own limits first."""
    fitted: list[dict] = []
    for block in blocks:
        text = block.get("text", {})
        if block.get("type") == "section" and len(text.get("text", "")) > MAX_SECTION_TEXT and "fields" not in block:
            extra = {k: v for k, v in block.items() if k not in ("text", "block_id")}
            pieces = section(text["text"])
            pieces[-1].update(extra)  # an accessory stays with the last piece
            fitted.extend(pieces)
        else:
            fitted.append(block)
    if len(fitted) <= limit:
        return fitted
    keep = limit - (1 if more else 0)
    return fitted[:keep] + ([more] if more else [])


def pages(blocks: list[dict], more: dict | None, max_pages: int, limit: int = MAX_BLOCKS) -> list[list[dict]]:
    """The blocks split into messages of at most `limit` blocks (a long QBR in a thread); past
    `max_pages` the last page ends with `more`."""
    fitted = fit(blocks, None, limit=10**9)
    chunks = [fitted[i:i + limit] for i in range(0, len(fitted), limit)] or [[]]
    if len(chunks) <= max_pages:
        return chunks
    chunks = chunks[:max_pages]
    if more:
        chunks[-1] = chunks[-1][:limit - 1] + [more]
    return chunks


def _text_of(obj) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def problems(blocks: list[dict], *, limit: int = MAX_BLOCKS) -> list[str]:
    """Every way `blocks` break Block Kit's limits (empty when Slack would accept them)."""
    found: list[str] = []
    if len(blocks) > limit:
        found.append(f"{len(blocks)} blocks > {limit}")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        where = f"block {i} ({kind})"
        if len(block.get("block_id", "")) > MAX_BLOCK_ID:
            found.append(f"{where}: block_id too long")
        if kind == "section":
            text = _text_of(block.get("text"))
            if not text and not block.get("fields"):
                found.append(f"{where}: empty section")
            if len(text) > MAX_SECTION_TEXT:
                found.append(f"{where}: text {len(text)} > {MAX_SECTION_TEXT}")
            fields = block.get("fields", [])
            if len(fields) > MAX_FIELDS:
                found.append(f"{where}: {len(fields)} fields > {MAX_FIELDS}")
            found += [f"{where}: field {len(_text_of(f))} > {MAX_FIELD_TEXT}" for f in fields
                      if len(_text_of(f)) > MAX_FIELD_TEXT]
            if block.get("accessory"):
                found += _element_problems(block["accessory"], where)
        elif kind == "header":
            text = _text_of(block.get("text"))
            if block.get("text", {}).get("type") != "plain_text" or not text or len(text) > MAX_HEADER_TEXT:
                found.append(f"{where}: header text must be plain_text of 1-{MAX_HEADER_TEXT} characters")
        elif kind == "context":
            elements = block.get("elements", [])
            if not elements or len(elements) > MAX_CONTEXT_ELEMENTS:
                found.append(f"{where}: {len(elements)} elements (1-{MAX_CONTEXT_ELEMENTS})")
            found += [f"{where}: element text {len(_text_of(e))} > {MAX_CONTEXT_TEXT}" for e in elements
                      if len(_text_of(e)) > MAX_CONTEXT_TEXT]
        elif kind == "actions":
            elements = block.get("elements", [])
            if not elements or len(elements) > MAX_ACTION_ELEMENTS:
                found.append(f"{where}: {len(elements)} elements (1-{MAX_ACTION_ELEMENTS})")
            ids = [e.get("action_id") for e in elements]
            if len(ids) != len(set(ids)):
                found.append(f"{where}: repeated action_id")
            for element in elements:
                found += _element_problems(element, where)
        elif kind not in ("divider",):
            found.append(f"{where}: unknown block type")
    return found


def _element_problems(element: dict, where: str) -> list[str]:
    found = []
    if element.get("type") == "button":
        text = _text_of(element.get("text"))
        if element.get("text", {}).get("type") != "plain_text" or not text or len(text) > MAX_BUTTON_TEXT:
            found.append(f"{where}: button text must be plain_text of 1-{MAX_BUTTON_TEXT} characters")
        if len(element.get("value", "")) > MAX_BUTTON_VALUE:
            found.append(f"{where}: button value too long")
        if len(element.get("url", "")) > MAX_URL:
            found.append(f"{where}: button url too long")
        if not element.get("action_id"):
            found.append(f"{where}: button without action_id")
    return found
