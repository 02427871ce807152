"""The same knowledge base against a real `chroma run` server (COACH_CHROMA_URL)."""

from __future__ import annotations

import pytest

from assistant.knowledge.base import KnowledgeBase
from assistant.knowledge.errors import KnowledgeError
from assistant.knowledge.index import KnowledgeIndex

pytestmark = pytest.mark.slow


def test_server_index_search_and_shared_registry(chroma_server, make_settings, small_knowledge, tmp_path, embedding_function):
    settings = make_settings(small_knowledge, chroma_url=chroma_server)
    first = KnowledgeBase(settings, index=KnowledgeIndex(settings, embedding_function=embedding_function))
    assert first.reindex().embedded == 3
    assert not (settings.data_dir / "chroma").exists()  # nothing written locally in server mode

    note = tmp_path / "server-note.md"
    note.write_text("## Escalations {#escalations}\nOpen escalations pause every expansion play.\n", encoding="utf-8")
    first.add_path(note)

    # A second app instance sees the same index and registry, and has nothing to embed.
    second = KnowledgeBase(settings, index=KnowledgeIndex(settings, embedding_function=embedding_function))
    before = embedding_function.texts_embedded
    assert second.reindex().embedded == 0
    assert embedding_function.texts_embedded == before
    assert [d.name for d in second.list_documents()] == ["server-note"]
    for mode in ("dense", "lexical", "hybrid"):
        assert second.search("open escalations pause expansion", k=1, mode=mode)[0].section_id == "escalations"
    assert second.search("85% seats saturation", k=1)[0].section_id == "signals-usage"
    assert second.remove("server-note") == 1
    assert first.list_documents() == []


def test_unreachable_server_is_a_clear_error(make_settings, small_knowledge, embedding_function):
    settings = make_settings(small_knowledge, chroma_url="http://127.0.0.1:9")
    kb = KnowledgeBase(settings, index=KnowledgeIndex(settings, embedding_function=embedding_function))
    with pytest.raises(KnowledgeError, match="cannot reach the Chroma server"):
        kb.reindex()
