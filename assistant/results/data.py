"""Results of knowledge search and of data imports: `Coach.search`, `Coach.import_*`, documents."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assistant.results.base import Result


class SearchPassage(Result):
    """A passage found by knowledge search (built by assistant/knowledge/search.py)."""

    doc: str
    section_id: str
    title: str
    text: str
    score: float
    source: str = "framework"  # or "user": a document added with `coach knowledge add`
    search_only: bool = False  # from a document added with --search-only: in search results, never in answers


class SearchResult(Result):
    query: str
    mode: str
    passages: list[SearchPassage]


class ImportResult(Result):
    kind: Literal["accounts", "catalog", "contract", "outcomes", "health"]
    file: str
    total: int  # records in the file
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored (history rows are never imported twice)
    warnings: list[str] = Field(default_factory=list)


class PriorityRecord(Result):
    """An executive's stated priority as recorded (`coach priorities add`)."""

    account: str
    person: str
    priority: str
    source: str | None = None
    stated_on: dt.date | None = None
    recorded_at: dt.datetime
    label: str  # where and when, as verdicts show it
    stakeholder_on_record: bool  # False once the person left the account's stakeholders


class KnowledgeSync(Result):
    docs: list[str] = Field(default_factory=list)
    embedded: int = 0
    unchanged: int = 0
    deleted: int = 0


class KnowledgeDocument(Result):
    name: str
    source: str
    kind: str
    path: str
    sections: int
    added_at: str
    search_only: bool = False  # added with --search-only: found by search, never quoted in answers
