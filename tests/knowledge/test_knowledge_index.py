"""Incremental indexing into a real Chroma PersistentClient in tmp_path, and user documents."""

from __future__ import annotations

import pytest

from assistant.knowledge.base import KnowledgeBase
from assistant.knowledge.embeddings import _models, load_model
from assistant.knowledge.errors import DocumentError, KnowledgeError, UnknownDocumentError
from assistant.knowledge.index import KnowledgeIndex

pytestmark = pytest.mark.slow


def embedded_during(ef, action):
    before = ef.texts_embedded
    result = action()
    return result, ef.texts_embedded - before


def test_second_run_embeds_nothing(make_kb, small_knowledge, embedding_function):
    kb = make_kb(small_knowledge)
    first, n1 = embedded_during(embedding_function, kb.reindex)
    assert (first.embedded, first.unchanged, first.deleted, n1) == (3, 0, 0, 3)
    second, n2 = embedded_during(embedding_function, kb.reindex)
    assert (second.embedded, second.unchanged, second.deleted, n2) == (0, 3, 0, 0)


def test_index_survives_a_new_client(make_kb, small_knowledge, embedding_function, snapshot):
    """A new process (new PersistentClient on the same folder) finds the work done."""
    kb = make_kb(small_knowledge)
    kb.reindex()
    again = make_kb(small_knowledge)
    assert snapshot(again) == snapshot(kb)
    report, n = embedded_during(embedding_function, again.reindex)
    assert (report.embedded, n) == (0, 0)


def test_edited_section_reembeds_only_that_one(make_kb, small_knowledge, embedding_function, snapshot):
    kb = make_kb(small_knowledge)
    kb.reindex()
    before = snapshot(kb)
    alpha = small_knowledge / "alpha.md"
    alpha.write_text(alpha.read_text().replace("needs an adoption plan", "needs an adoption intervention"))
    report, n = embedded_during(embedding_function, kb.reindex)
    assert (report.embedded, report.unchanged, report.deleted, n) == (1, 2, 0, 1)
    after = snapshot(kb)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {"alpha#avoid-adoption-gap"}
    assert "adoption intervention" in kb.search("adoption intervention", k=1, mode="lexical")[0].text


def test_removed_sections_and_files_are_deleted(make_kb, small_knowledge, snapshot):
    kb = make_kb(small_knowledge)
    kb.reindex()
    (small_knowledge / "beta.md").unlink()
    alpha = small_knowledge / "alpha.md"
    alpha.write_text(alpha.read_text().split("## Adoption gap")[0])
    report = kb.reindex()
    assert (report.embedded, report.deleted) == (0, 2)
    assert set(snapshot(kb)) == {"alpha#signals-usage"}


def test_model_is_loaded_once(embedding_function):
    assert load_model(embedding_function.model_dir) is load_model(embedding_function.model_dir)
    assert len(_models) == 1


def test_add_list_update_remove_user_document(make_kb, small_knowledge, tmp_path, embedding_function):
    kb = make_kb(small_knowledge)
    doc = tmp_path / "acme-notes.md"
    doc.write_text("## Sponsor {#sponsor}\nThe CFO at Acme sponsors the analytics rollout.\n\n"
                   "## Risks {#risks}\nProcurement freezes spending every December.\n", encoding="utf-8")
    report = kb.add_path(doc)
    assert (report.docs, report.embedded) == (["acme-notes"], 2)
    [info] = kb.list_documents()
    assert (info.name, info.source, info.kind, info.sections, info.path) == ("acme-notes", "user", "markdown", 2, str(doc))
    assert {d.name for d in kb.list_documents(include_framework=True)} == {"acme-notes", "alpha", "beta"}

    again, n = embedded_during(embedding_function, lambda: kb.add_path(doc))
    assert (again.embedded, n) == (0, 0)
    doc.write_text(doc.read_text().replace("every December", "every November"), encoding="utf-8")
    edited, n = embedded_during(embedding_function, lambda: kb.add_path(doc))
    assert (edited.embedded, edited.unchanged, n) == (1, 1, 1)

    hit = kb.search("procurement freezes spending", k=1)[0]
    assert (hit.doc, hit.section_id, hit.source) == ("acme-notes", "risks", "user")
    assert kb.remove("acme-notes") == 2
    assert kb.list_documents() == []
    assert all(p.doc != "acme-notes" for p in kb.search("procurement freezes spending", k=5))


def test_framework_is_kept_when_user_documents_change(make_kb, small_knowledge, tmp_path, snapshot):
    kb = make_kb(small_knowledge)
    doc = tmp_path / "notes.txt"
    doc.write_text("A plain note about the quarterly business review.", encoding="utf-8")
    kb.add_path(doc)
    framework = {k: v for k, v in snapshot(kb).items() if not k.startswith("notes#")}
    kb.remove("notes")
    assert snapshot(kb) == framework and len(framework) == 3


def test_bad_documents_leave_the_index_unchanged(make_kb, small_knowledge, tmp_path, make_pdf, snapshot):
    kb = make_kb(small_knowledge)
    good = tmp_path / "good.md"
    good.write_text("## Good {#good}\nA good document.\n", encoding="utf-8")
    kb.add_path(good)
    before = snapshot(kb)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    unsupported = tmp_path / "deck.pptx"
    unsupported.write_bytes(b"PK")
    scanned = make_pdf("scan.pdf", [[]])
    for bad in [tmp_path / "missing.md", empty, unsupported, scanned]:
        with pytest.raises(DocumentError):
            kb.add_path(bad)
        assert snapshot(kb) == before, bad.name
    # Re-adding a changed good file that became empty must not wipe its sections either.
    good.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError, match="is empty"):
        kb.add_path(good)
    assert snapshot(kb) == before


def test_name_clashes_and_unknown_documents(make_kb, small_knowledge, tmp_path):
    kb = make_kb(small_knowledge)
    clash = tmp_path / "alpha.md"  # same name as a framework document
    clash.write_text("## X {#x}\nsome text\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="taken by a framework document"):
        kb.add_path(clash)
    kb.add_path(clash, name="alpha-notes")
    other = tmp_path / "sub"
    other.mkdir()
    (other / "alpha-notes.md").write_text("## Y {#y}\nother text\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="already exists"):
        kb.add_path(other / "alpha-notes.md")
    with pytest.raises(UnknownDocumentError, match="alpha-notes"):
        kb.remove("nope")
    with pytest.raises(KnowledgeError, match="framework document"):
        kb.remove("alpha")


def test_broken_framework_file_fails_before_writing(make_kb, small_knowledge, snapshot):
    kb = make_kb(small_knowledge)
    kb.reindex()
    before = snapshot(kb)
    (small_knowledge / "gamma.md").write_text("## No id\ntext\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="gamma.md"):
        kb.reindex()
    assert snapshot(kb) == before


def test_settings_pick_the_persistent_folder(make_settings, small_knowledge, embedding_function):
    settings = make_settings(small_knowledge)
    index = KnowledgeIndex(settings, embedding_function=embedding_function)
    KnowledgeBase(settings, index=index).reindex()
    assert (settings.data_dir / "chroma").is_dir()
    assert index.collection.configuration_json["embedding_function"]["name"] == "expansion_coach_minilm"
