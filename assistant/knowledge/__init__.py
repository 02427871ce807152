"""Knowledge base: framework sections, Chroma + BM25 hybrid search, user documents.

Importing this package is cheap on purpose (`coach check` imports `assistant.knowledge.sections`
only). Heavy pieces (chromadb, torch, sentence-transformers) load when first used:

    from assistant.knowledge import KnowledgeBase, load_sections, passages_for
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from assistant.knowledge.errors import (
    DocumentError, KnowledgeError, KnowledgeFormatError, UnknownDocumentError, UnknownSectionError,
)
from assistant.knowledge.sections import Section, load_sections

# name -> module; resolved on first attribute access (PEP 562) so imports stay light.
_LAZY = {
    "KnowledgeBase": "assistant.knowledge.base",
    "KnowledgeIndex": "assistant.knowledge.index",
    "SyncReport": "assistant.knowledge.index",
    "Retriever": "assistant.knowledge.search",
    "Passage": "assistant.knowledge.search",
    "FusionOptions": "assistant.knowledge.search",
    "passages_for": "assistant.knowledge.search",
    "MiniLMEmbeddingFunction": "assistant.knowledge.embeddings",
    "load_document": "assistant.knowledge.loaders",
}

__all__ = ["DocumentError", "KnowledgeError", "KnowledgeFormatError", "Section", "UnknownDocumentError",
           "UnknownSectionError", "load_sections", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'assistant.knowledge' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from assistant.knowledge.base import KnowledgeBase
    from assistant.knowledge.embeddings import MiniLMEmbeddingFunction
    from assistant.knowledge.index import KnowledgeIndex, SyncReport
    from assistant.knowledge.loaders import load_document
    from assistant.knowledge.search import FusionOptions, Passage, Retriever, passages_for
