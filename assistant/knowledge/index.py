"""Keep the Chroma collection in step with the knowledge sections, incrementally.

Each record carries the section's content hash: a sync embeds only new or changed sections
and deletes records whose section disappeared. Chroma's metadata doubles as the registry of
user documents, so `list`/`remove` work the same against a local folder or a shared server.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.knowledge.errors import DocumentError, KnowledgeError, UnknownDocumentError
from assistant.knowledge.sections import Section, load_sections
from assistant.results.data import KnowledgeDocument  # the result model: one definition, built here

COLLECTION = "coach_knowledge"
FRAMEWORK = "framework"  # the shipped documents in settings.knowledge_dir
USER = "user"  # documents added with `coach knowledge add`
# Metadata flag of a document added with --search-only: `coach knowledge search` finds it, but it
# never grounds an answer (conversation passages); rule reasons cite only the framework anyway.
SEARCH_ONLY = "search_only"


@dataclass
class SyncReport:
    embedded: int = 0  # sections embedded (new or changed)
    deleted: int = 0  # records removed because their section is gone
    unchanged: int = 0
    docs: list[str] = field(default_factory=list)


def chroma_client(settings: Settings):
    """PersistentClient under the data folder, or HttpClient when COACH_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise KnowledgeError(f"COACH_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8000")
        port = url.port or (443 if url.scheme == "https" else 8000)
        try:
            return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
            raise KnowledgeError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}. "
                                 "Start it with `chroma run --path DIR --port PORT` or unset COACH_CHROMA_URL.") from exc
    path = settings.ensure_data_dir() / "chroma"
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _metadata(section: Section, source: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"doc": section.doc, "section_id": section.id, "title": section.title,
            "source": source, "content_hash": section.content_hash, **extra}


class KnowledgeIndex:
    """The Chroma side of the knowledge base. Cheap to build: client and model open lazily."""

    def __init__(self, settings: Settings, embedding_function=None, client=None) -> None:
        self.settings = settings
        self._ef = embedding_function
        self._client = client
        self._collection = None
        self.generation = 0  # bumped on every write, so caches (BM25) know to rebuild

    @property
    def embedding_function(self):
        if self._ef is None:
            from assistant.knowledge.embeddings import MiniLMEmbeddingFunction

            self._ef = MiniLMEmbeddingFunction(self.settings.embedding_model_dir)
        return self._ef

    @property
    def collection(self):
        if self._collection is None:
            client = self._client or chroma_client(self.settings)
            self._client = client
            # Always pass our embedding function: Chroma must never fall back to its downloading default.
            self._collection = client.get_or_create_collection(
                COLLECTION, embedding_function=self.embedding_function,
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collection

    # ---- reading -------------------------------------------------------------------------
    def records(self, where: dict | None = None) -> list[tuple[Section, dict]]:
        got = self.collection.get(where=where, include=["documents", "metadatas"])
        out = []
        for text, meta in zip(got["documents"], got["metadatas"]):
            section = Section(doc=meta["doc"], id=meta["section_id"], title=meta["title"],
                              text=body_of(text, meta["title"]), content_hash=meta["content_hash"])
            out.append((section, meta))
        return out

    def count(self) -> int:
        return self.collection.count()

    # ---- writing -------------------------------------------------------------------------
    def sync(self, sections: list[Section], scope: dict, source: str, extra: dict | None = None) -> SyncReport:
        """Make the records matching `scope` equal to `sections`, embedding only what changed.

        Embeddings are computed before anything is written, so a failure leaves the index as it was.
        """
        existing = self.collection.get(where=scope, include=["metadatas"])
        have = {rid: meta.get("content_hash") for rid, meta in zip(existing["ids"], existing["metadatas"])}
        wanted = {s.key: s for s in sections}
        changed = [s for key, s in wanted.items() if have.get(key) != s.content_hash]
        stale = [rid for rid in have if rid not in wanted]
        report = SyncReport(unchanged=len(wanted) - len(changed), deleted=len(stale),
                            embedded=len(changed), docs=sorted({s.doc for s in sections}))
        if changed:
            texts = [embed_text(s) for s in changed]
            vectors = self.embedding_function(texts)
            step = self._max_batch()
            for i in range(0, len(changed), step):
                part = changed[i:i + step]
                self.collection.upsert(
                    ids=[s.key for s in part], embeddings=vectors[i:i + step], documents=texts[i:i + step],
                    metadatas=[_metadata(s, source, extra or {}) for s in part],
                )
        if stale:
            self.collection.delete(ids=stale)
        if changed or stale:
            self.generation += 1
        return report

    def sync_framework(self) -> SyncReport:
        """Index the shipped knowledge folder; framework files removed from disk are dropped."""
        sections = list(load_sections(self.settings.knowledge_dir).values())
        return self.sync(sections, scope={"source": FRAMEWORK}, source=FRAMEWORK)

    def add_document(self, path: str | Path, name: str | None = None, search_only: bool = False) -> SyncReport:
        """Add or update a user document. Re-adding the same file re-embeds only changed sections;
        `search_only` (kept per document, set again on every add) keeps it out of answers."""
        from assistant.knowledge.loaders import load_document

        loaded = load_document(path, name=name, max_bytes=self.settings.max_file_bytes)  # raises DocumentError before the index is touched
        previous = self.collection.get(where={"doc": loaded.name}, include=["metadatas"], limit=1)
        owner = previous["metadatas"][0] if previous["ids"] else None
        if loaded.name in _framework_doc_names(self.settings) or (owner and owner.get("source") == FRAMEWORK):
            raise DocumentError(path, f"its name '{loaded.name}' is taken by a framework document",
                                "Add it again with --name OTHER_NAME.")
        if owner and owner.get("path") != str(loaded.path):
            raise DocumentError(path, f"a document named '{loaded.name}' already exists (from {owner.get('path')})",
                                "Add it with --name OTHER_NAME, or remove the other one first.")
        extra = {"path": str(loaded.path), "kind": loaded.kind, SEARCH_ONLY: bool(search_only),
                 "added_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        report = self.sync(loaded.sections, scope={"doc": loaded.name}, source=USER, extra=extra)
        self._set_search_only(loaded.name, bool(search_only))  # unchanged sections keep old metadata
        return report

    def _set_search_only(self, name: str, search_only: bool) -> None:
        got = self.collection.get(where={"doc": name}, include=["metadatas"])
        stale = [(rid, meta) for rid, meta in zip(got["ids"], got["metadatas"])
                 if bool(meta.get(SEARCH_ONLY, False)) != search_only]
        if stale:
            self.collection.update(ids=[rid for rid, _ in stale],
                                   metadatas=[{**meta, SEARCH_ONLY: search_only} for _, meta in stale])
            self.generation += 1

    def search_only_keys(self) -> set[str]:
        """Record ids of the documents added with --search-only (excluded from answers)."""
        return set(self.collection.get(where={SEARCH_ONLY: True}, include=[])["ids"])

    def remove_document(self, name: str) -> int:
        """Remove a user document's sections; framework documents are managed by `reindex`."""
        found = self.collection.get(where={"doc": name}, include=["metadatas"])
        if not found["ids"]:
            known = ", ".join(d.name for d in self.list_documents()) or "none"
            raise UnknownDocumentError(f"no added document named '{name}' (added documents: {known})")
        if any(m.get("source") == FRAMEWORK for m in found["metadatas"]):
            raise KnowledgeError(f"'{name}' is a framework document; edit or delete it in {self.settings.knowledge_dir} and run reindex")
        self.collection.delete(ids=found["ids"])
        self.generation += 1
        return len(found["ids"])

    def list_documents(self, include_framework: bool = False) -> list[KnowledgeDocument]:
        where = None if include_framework else {"source": USER}
        got = self.collection.get(where=where, include=["metadatas"])
        last: dict[str, dict] = {}  # doc -> the metadata of its last record (every record of a doc agrees)
        sections: Counter = Counter()
        for meta in got["metadatas"]:
            last[meta["doc"]] = meta
            sections[meta["doc"]] += 1
        docs = [KnowledgeDocument(name=name, source=meta.get("source", ""), kind=meta.get("kind", "markdown"),
                                  path=meta.get("path", str(self.settings.knowledge_dir / f"{name}.md")),
                                  sections=sections[name], added_at=meta.get("added_at", ""),
                                  search_only=bool(meta.get(SEARCH_ONLY, False)))
                for name, meta in last.items()]
        return sorted(docs, key=lambda d: (d.source, d.name))

    def _max_batch(self) -> int:
        try:
            return max(1, int(self._client.get_max_batch_size()))
        except Exception:  # older servers do not report it; stay well below Chroma's usual limit
            return 1000


def embed_text(section: Section) -> str:
    """What gets embedded and stored: the heading carries meaning MiniLM should see."""
    return f"{section.title}\n\n{section.text}"


def body_of(stored: str, title: str) -> str:
    prefix = f"{title}\n\n"
    return stored[len(prefix):] if stored.startswith(prefix) else stored


def _framework_doc_names(settings: Settings) -> set[str]:
    root = Path(settings.knowledge_dir)
    return {p.stem for p in root.glob("*.md")} if root.is_dir() else set()
