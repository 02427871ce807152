"""Split the AM's text into messages (a line of dashes between them) and sentences, keeping
character offsets into the original text so every finding can be highlighted or quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceSpan(Span):
    role: str  # salutation | body | closing


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return None
    return Span(start + left, start + right, piece[left:right])


def messages(text: str, separator: re.Pattern) -> list[Span]:
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    spans.append(_trimmed(text, start, len(text)))
    return [s for s in spans if s is not None]


@dataclass(frozen=True)
class Wrapping:
    """When a single line break continues a sentence (a hard-wrapped email)."""

    min_chars: int
    ends: re.Pattern
    list_item: re.Pattern

    def continues(self, body: str, at: int, match: re.Match) -> bool:
        if match.group(0).count("\n") != 1 or body[match.start() - 1:match.start()] in ".!?":
            return False
        line = body[body.rfind("\n", 0, match.start()) + 1:match.start()]
        rest = body[match.end():]
        return (len(line.strip()) >= self.min_chars and not self.ends.search(line)
                and not self.list_item.match(rest) and bool(rest.strip()))


def sentences(text: str, message: Span, sentence_break: re.Pattern, salutation: re.Pattern,
              closing: re.Pattern, wrapping: Wrapping | None = None) -> list[SentenceSpan]:
    pieces, start = [], message.start
    for match in sentence_break.finditer(message.text):
        if wrapping is not None and wrapping.continues(message.text, start, match):
            continue  # a hard-wrapped line: the sentence goes on
        pieces.append(_trimmed(text, start, message.start + match.start()))
        start = message.start + match.end()
    pieces.append(_trimmed(text, start, message.end))
    out: list[SentenceSpan] = []
    closed, body_seen = False, False
    for piece in (p for p in pieces if p is not None):
        if not closed and closing.match(piece.text):
            closed = True
        if closed:
            role = "closing"
        elif not body_seen and salutation.match(piece.text):
            role = "salutation"
        else:
            role, body_seen = "body", True
        out.append(SentenceSpan(piece.start, piece.end, piece.text, role))
    return out
