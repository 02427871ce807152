"""Split free text into sections of a reasonable size for embedding and BM25.

MiniLM reads about 256 word pieces; chunks of a couple of hundred words keep each passage
inside that window and still give BM25 enough words to match on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ChunkOptions:
    max_words: int = 200  # hard ceiling of one chunk
    min_words: int = 60  # paragraphs are merged until a chunk reaches at least this


def slugify(text: str, fallback: str = "section") -> str:
    slug = _SLUG.sub("-", text.lower()).strip("-")
    return slug[:60].strip("-") or fallback


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs with inner whitespace collapsed."""
    return [" ".join(p.split()) for p in _BLANK_LINES.split(text) if p.strip()]


def _split_long(paragraph: str, max_words: int) -> list[str]:
    """Split an over-long paragraph at sentence ends, falling back to word counts."""
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        words = sentence.split()
        while len(words) > max_words:  # a single monster sentence
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if current and len(current) + len(words) > max_words:
            pieces.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_text(text: str, options: ChunkOptions = ChunkOptions()) -> list[str]:
    """Group paragraphs into chunks of min_words..max_words (the last one may be shorter)."""
    units: list[str] = []
    for para in paragraphs(text):
        units.extend(_split_long(para, options.max_words) if len(para.split()) > options.max_words else [para])
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for unit in units:
        n = len(unit.split())
        if current and (count >= options.min_words or count + n > options.max_words):
            chunks.append("\n\n".join(current))
            current, count = [], 0
        current.append(unit)
        count += n
    if current:
        chunks.append("\n\n".join(current))
    return chunks
