"""KnowledgeBase: the one object the rest of the app uses (coach pipeline, CLI, web, Slack)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.knowledge.index import KnowledgeIndex, SyncReport
from assistant.knowledge.search import FusionOptions, Mode, Passage, Retriever, passages_for
from assistant.results.data import KnowledgeDocument


class KnowledgeBase:
    def __init__(self, settings: Settings, index: KnowledgeIndex | None = None,
                 fusion: FusionOptions = FusionOptions()) -> None:
        self.settings = settings
        self.index = index or KnowledgeIndex(settings)
        self.retriever = Retriever(settings, self.index, fusion)

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid", include_search_only: bool = False) -> list[Passage]:
        return self.retriever.search(query, k=k, mode=mode, include_search_only=include_search_only)

    def passages_for(self, section_ids: list[str]) -> list[Passage]:
        return passages_for(section_ids, knowledge_dir=self.settings.knowledge_dir)

    def reindex(self) -> SyncReport:
        return self.index.sync_framework()

    def add_path(self, path: str | Path, name: str | None = None, search_only: bool = False) -> SyncReport:
        self.retriever.ensure_indexed()  # keep the framework present alongside user documents
        return self.index.add_document(path, name=name, search_only=search_only)

    def remove(self, doc: str) -> int:
        return self.index.remove_document(doc)

    def list_documents(self, include_framework: bool = False) -> list[KnowledgeDocument]:
        if include_framework:  # listing only user documents must not cost a model load
            self.retriever.ensure_indexed()
        return self.index.list_documents(include_framework=include_framework)
