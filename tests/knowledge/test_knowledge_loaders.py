"""User documents: each format becomes sections; every bad file gets a clear DocumentError."""

from __future__ import annotations

import os

import pytest

from assistant.knowledge.chunking import ChunkOptions
from assistant.knowledge.errors import DocumentError
from assistant.knowledge.loaders import load_document

PLAYBOOK_MD = """Intro before any heading: our team's own notes.

# Expansion playbook

## Renewal desk {#renewal-desk}
Renewals are run by the renewal desk. Expansion is discussed in a separate meeting.

## Notes
First note.

## Notes
Second note with the same heading.

## Empty heading
"""


def test_markdown_split_by_headings(tmp_path):
    path = tmp_path / "Team Playbook.md"
    path.write_text(PLAYBOOK_MD, encoding="utf-8")
    doc = load_document(path)
    assert doc.name == "team-playbook" and doc.kind == "markdown"
    ids = [s.id for s in doc.sections]
    assert ids == ["intro", "renewal-desk", "notes", "notes-2"]  # explicit id kept, repeats suffixed, empty dropped
    assert doc.sections[1].title == "Renewal desk" and "separate meeting" in doc.sections[1].text
    assert all(s.doc == "team-playbook" for s in doc.sections)


def test_plain_text_split_into_paragraph_chunks(tmp_path):
    paragraphs = [" ".join(f"word{p}x{i}" for i in range(40)) for p in range(6)]  # short ones merge in pairs
    path = tmp_path / "notes.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    doc = load_document(path, options=ChunkOptions(max_words=150, min_words=60))
    assert doc.kind == "text" and len(doc.sections) == 3
    assert all(len(s.text.split()) <= 150 for s in doc.sections)
    assert [s.id for s in doc.sections] == ["part-1", "part-2", "part-3"]
    assert " ".join(s.text for s in doc.sections).split() == " ".join(paragraphs).split()  # nothing lost


def test_long_paragraph_is_split_at_sentences(tmp_path):
    sentence = "This sentence has exactly eight words in it. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 60, encoding="utf-8")
    doc = load_document(path, options=ChunkOptions(max_words=100, min_words=50))
    assert len(doc.sections) >= 5 and all(len(s.text.split()) <= 100 for s in doc.sections)
    assert all(s.text.endswith("in it.") for s in doc.sections)


def test_html_headings_become_sections(tmp_path):
    path = tmp_path / "wiki.html"
    path.write_text(
        "<html><head><title>Account wiki</title><script>var tracking = 1;</script></head><body>"
        "<nav>Home | About</nav><p>Welcome to the wiki.</p>"
        "<h2>Executive sponsors</h2><p>Every play names a <b>sponsor</b> and a priority.</p><ul><li>CDO: data trust</li></ul>"
        "<h2>Renewals</h2><p>Never couple renewal and expansion.</p></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert doc.kind == "html"
    assert [(s.id, s.title) for s in doc.sections] == [
        ("intro", "Account wiki"), ("executive-sponsors", "Executive sponsors"), ("renewals", "Renewals")]
    assert "a sponsor and a priority" in doc.sections[1].text and "CDO: data trust" in doc.sections[1].text
    assert "tracking" not in " ".join(s.text for s in doc.sections) and "Home | About" not in doc.sections[0].text


def test_pdf_text_is_extracted_per_page(make_pdf):
    path = make_pdf("brief.pdf", [["Quarterly brief for Acme.", "Utilization reached 92 percent."],
                                  ["Page two: the CDO named data trust a priority."]])
    doc = load_document(path)
    assert doc.kind == "pdf" and [s.id for s in doc.sections] == ["page-1", "page-2"]
    assert "Utilization reached 92 percent." in doc.sections[0].text
    assert "data trust" in doc.sections[1].text and doc.sections[1].title == "brief, page 2"


def test_name_override(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("## Hi\nthere\n", encoding="utf-8")
    assert load_document(path, name="My Notes").name == "my-notes"


@pytest.mark.parametrize("case", ["missing", "folder", "empty", "blank", "unsupported", "binary-text",
                                  "heading-only", "corrupt-pdf", "scanned-pdf"])
def test_bad_documents_raise_clear_errors(tmp_path, make_pdf, case):
    expect = {
        "missing": "file not found", "folder": "is a folder", "empty": "is empty", "blank": "is empty",
        "unsupported": "unsupported file type '.docx'", "binary-text": "is not UTF-8 text",
        "heading-only": "contains no text to index", "corrupt-pdf": "is not a readable PDF",
        "scanned-pdf": "PDF without extractable text",
    }[case]
    path = tmp_path / {"unsupported": "deck.docx", "folder": "dir.md", "binary-text": "latin.txt",
                       "corrupt-pdf": "broken.pdf", "scanned-pdf": "scan.pdf"}.get(case, f"{case}.md")
    if case == "folder":
        path.mkdir()
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "blank":
        path.write_text("  \n\n\t\n", encoding="utf-8")
    elif case == "unsupported":
        path.write_bytes(b"PK\x03\x04 not really a docx")
    elif case == "binary-text":
        path.write_bytes("Caf\xe9 notes".encode("latin-1"))
    elif case == "heading-only":
        path.write_text("# Title\n\n## Another\n", encoding="utf-8")
    elif case == "corrupt-pdf":
        path.write_bytes(b"%PDF-1.4\nthis is not a pdf body at all\n")
    elif case == "scanned-pdf":
        path = make_pdf("scan.pdf", [[], []])
    with pytest.raises(DocumentError) as err:
        load_document(path)
    message = str(err.value)
    assert expect in message
    assert str(path.name) in message and "index was not changed" in message
    assert err.value.remedy  # every error tells the user what to do next


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("## x\ny\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(DocumentError, match="cannot be read"):
        load_document(path)
