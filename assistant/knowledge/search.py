"""Hybrid retrieval: dense (MiniLM in Chroma) + lexical (BM25), fused into one ranking.

Cosine similarity and BM25 live on different scales, so fusion either min-max scales each
side's candidate scores ("relative", the default) or uses reciprocal ranks ("rrf"). Each side
can also be used alone (mode dense|lexical).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Literal

from assistant.config import Settings
from assistant.knowledge.errors import KnowledgeError
from assistant.knowledge.index import FRAMEWORK, KnowledgeIndex, body_of
from assistant.knowledge.lexical import LexicalIndex
from assistant.knowledge.sections import Section, load_sections, require_sections
from assistant.results.data import SearchPassage

Mode = Literal["dense", "lexical", "hybrid"]
MODES: tuple[str, ...] = ("dense", "lexical", "hybrid")


# A passage is the result model SearchPassage (assistant/results/data.py): one definition,
# built here, returned as it is by Coach.search.
Passage = SearchPassage


@dataclass(frozen=True)
class FusionOptions:
    method: Literal["rrf", "relative"] = "relative"
    rrf_k: int = 60  # the usual RRF constant: dampens the weight of the very first ranks
    pool: int = 20  # candidates taken from each side before fusing
    dense_weight: float = 1.0
    lexical_weight: float = 1.0


def _passage(section: Section, score: float, source: str, restricted: AbstractSet[str] = frozenset()) -> Passage:
    return SearchPassage(doc=section.doc, section_id=section.id, title=section.title, text=section.text,
                         score=round(score, 6), source=source, search_only=section.key in restricted)


class Retriever:
    """Search over the indexed framework and user documents.

    The framework folder is synced (incrementally) on first use, so a fresh data folder works
    without an explicit `reindex`.
    """

    def __init__(self, settings: Settings, index: KnowledgeIndex | None = None,
                 fusion: FusionOptions = FusionOptions(), auto_sync: bool = True) -> None:
        self.settings = settings
        self.index = index or KnowledgeIndex(settings)
        self.fusion = fusion
        self._auto_sync = auto_sync
        self._lexical: LexicalIndex | None = None
        self._lexical_key: tuple[int, int] | None = None
        self._sources: dict[str, str] = {}

    def ensure_indexed(self) -> None:
        if self._auto_sync:
            self.index.sync_framework()
            self._auto_sync = False

    def _lexical_index(self) -> LexicalIndex:
        # Rebuild when this process wrote, or another instance changed the record count.
        key = (self.index.generation, self.index.count())
        if self._lexical is None or key != self._lexical_key:
            records = self.index.records()
            self._sources = {s.key: meta.get("source", FRAMEWORK) for s, meta in records}
            self._lexical = LexicalIndex([s for s, _ in records])
            self._lexical_key = key
        return self._lexical

    def dense(self, query: str, n: int) -> list[tuple[Section, float, str]]:
        total = self.index.count()
        if total == 0:
            return []
        vector = self.index.embedding_function.embed_query([query])
        got = self.index.collection.query(query_embeddings=vector, n_results=min(n, total),
                                          include=["documents", "metadatas", "distances"])
        out = []
        for text, meta, dist in zip(got["documents"][0], got["metadatas"][0], got["distances"][0]):
            section = Section(meta["doc"], meta["section_id"], meta["title"], body_of(text, meta["title"]), meta["content_hash"])
            out.append((section, 1.0 - float(dist), meta.get("source", FRAMEWORK)))  # cosine similarity
        return out

    def lexical(self, query: str, n: int) -> list[tuple[Section, float, str]]:
        index = self._lexical_index()
        return [(s, score, self._sources.get(s.key, FRAMEWORK)) for s, score in index.search(query, n)]

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid", include_search_only: bool = False) -> list[Passage]:
        """The best `k` passages; documents added with --search-only only when `include_search_only`
        (`coach knowledge search` asks for them; answers and grounding never do)."""
        if mode not in MODES:
            raise KnowledgeError(f"unknown search mode '{mode}'; use one of: {', '.join(MODES)}")
        if not query.strip():
            raise KnowledgeError("the search query is empty; type a question or a few keywords")
        if k < 1:
            raise KnowledgeError("k must be at least 1")
        self.ensure_indexed()
        restricted = self.index.search_only_keys()
        hidden = set() if include_search_only else restricted
        # Ask each side for as many more as are hidden, so hiding never shortens the answer.
        def side(fetch, n):
            return [hit for hit in fetch(query, n + len(hidden)) if hit[0].key not in hidden][:n]

        if mode == "dense":
            return [_passage(s, score, src, restricted) for s, score, src in side(self.dense, k)]
        if mode == "lexical":
            return [_passage(s, score, src, restricted) for s, score, src in side(self.lexical, k)]
        pool = max(k, self.fusion.pool)
        return self._fuse(side(self.dense, pool), side(self.lexical, pool), k, restricted)

    def _fuse(self, dense: list, lexical: list, k: int, restricted: AbstractSet[str] = frozenset()) -> list[Passage]:
        scores: dict[str, float] = {}
        keep: dict[str, tuple[Section, str]] = {}
        for weight, ranked in ((self.fusion.dense_weight, dense), (self.fusion.lexical_weight, lexical)):
            for key, value in self._side_scores(ranked).items():
                scores[key] = scores.get(key, 0.0) + weight * value
            for section, _score, source in ranked:
                keep[section.key] = (section, source)
        best = sorted(scores, key=lambda key: scores[key], reverse=True)[:k]
        return [_passage(keep[key][0], scores[key], keep[key][1], restricted) for key in best]

    def _side_scores(self, ranked: list) -> dict[str, float]:
        """One side's contribution: 1/(k+rank) for RRF, or min-max scaled scores ("relative").

        Relative fusion keeps the margin: a section BM25 scores far above the rest is not
        flattened to "rank 1" as RRF would, which matters for exact-term questions.
        """
        if self.fusion.method == "rrf":
            return {s.key: 1.0 / (self.fusion.rrf_k + rank) for rank, (s, _v, _src) in enumerate(ranked, start=1)}
        if not ranked:
            return {}
        values = [v for _s, v, _src in ranked]
        low, high = min(values), max(values)
        span = high - low
        return {s.key: (v - low) / span if span > 0 else 1.0 for s, v, _src in ranked}


def passages_for(section_ids: list[str], knowledge_dir: str | Path | None = None,
                 settings: Settings | None = None) -> list[Passage]:
    """The framework sections with these ids, in the order given (grounds verdict reasons).

    Reads the Markdown directly (no model, no Chroma), so it is fast and deterministic;
    raises UnknownSectionError naming any id that no knowledge file defines.
    """
    folder = knowledge_dir or (settings or Settings()).knowledge_dir
    sections = require_sections(load_sections(folder), list(section_ids))
    return [_passage(s, 1.0, FRAMEWORK) for s in sections]
