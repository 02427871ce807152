"""GET /api/v1/knowledge/search: the framework passages that answer a question."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query

from assistant.results import SearchResult
from assistant.web.deps import CoachDep, CurrentUser

router = APIRouter(tags=["knowledge"])


@router.get("/knowledge/search", response_model=SearchResult, summary="Search the framework")
def search(coach: CoachDep, user: CurrentUser, q: str = Query(min_length=1, max_length=500),
           k: int = Query(5, ge=1, le=20), mode: Literal["hybrid", "dense", "lexical"] = "hybrid") -> SearchResult:
    """As `coach knowledge search`: the framework and your documents, those added with
    `--search-only` included and labelled `search_only` (answers never quote them)."""
    return coach.search(q, k=k, mode=mode, include_search_only=True)
