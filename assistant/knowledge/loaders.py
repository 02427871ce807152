"""Turn a user's document (Markdown, plain text, HTML, PDF) into sections.

Loading is all-or-nothing and happens before the index is touched: any problem raises
DocumentError naming the file and the next step, and the index stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.knowledge.chunking import ChunkOptions, chunk_text, slugify
from assistant.knowledge.errors import DocumentError
from assistant.knowledge.sections import Section, make_section

_MD_HEADING = re.compile(r"^(#{1,3})\s+(?P<title>.+?)\s*(?:\{#(?P<id>[a-z0-9][a-z0-9-]*)\})?\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
             ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class LoadedDocument:
    name: str
    path: Path
    kind: str
    sections: list[Section]


def document_name(path: Path) -> str:
    return slugify(path.stem, fallback="document")


def load_document(path: str | Path, name: str | None = None, options: ChunkOptions = ChunkOptions(),
                  max_bytes: int | None = None) -> LoadedDocument:
    path = Path(path).expanduser()
    kind = SUPPORTED.get(path.suffix.lower())
    if not path.exists():
        raise DocumentError(path, "file not found", "Check the path and try again.")
    if path.is_dir():
        raise DocumentError(path, "is a folder, not a file", "Pass one document at a time.")
    if kind is None:
        supported = ", ".join(sorted(SUPPORTED))
        raise DocumentError(path, f"unsupported file type '{path.suffix or '(none)'}'",
                            f"Supported types: {supported}. Export the document to Markdown, text, HTML or PDF.")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(path, f"is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.1f} MB limit",
                            "Split the document, or raise COACH_MAX_FILE_MB.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})", "Check the file's permissions.") from exc
    if not raw.strip():
        raise DocumentError(path, "is empty", "Add content to the file or choose another one.")
    doc = slugify(name, fallback="document") if name else document_name(path)
    sections = _LOADERS[kind](path, raw, doc, options)
    if not sections:
        raise DocumentError(path, "contains no text to index", "Add text to the file or choose another one.")
    return LoadedDocument(name=doc, path=path.resolve(), kind=kind, sections=_unique_ids(sections))


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"is not UTF-8 text (byte {exc.start})", "Save it with UTF-8 encoding and add it again.") from exc


def _unique_ids(sections: list[Section]) -> list[Section]:
    """Headings may repeat within a user document; suffix -2, -3 to keep record ids unique."""
    seen: dict[str, int] = {}
    out: list[Section] = []
    for s in sections:
        n = seen.get(s.id, 0) + 1
        seen[s.id] = n
        out.append(s if n == 1 else make_section(s.doc, f"{s.id}-{n}", s.title, s.text))
    return out


def _text_sections(doc: str, title: str, text: str, id_prefix: str, options: ChunkOptions) -> list[Section]:
    chunks = chunk_text(text, options)
    if len(chunks) == 1:
        return [make_section(doc, id_prefix, title, chunks[0])]
    return [make_section(doc, f"{id_prefix}-{i}", f"{title} ({i}/{len(chunks)})", c) for i, c in enumerate(chunks, 1)]


def split_markdown(doc: str, text: str, options: ChunkOptions, default_title: str) -> list[Section]:
    """Sections at headings of level 1-3; text before the first heading becomes an intro section."""
    parts: list[tuple[str, str, list[str]]] = [("intro", default_title, [])]
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _MD_HEADING.match(line)
        if match:
            title = match.group("title").strip()
            parts.append((match.group("id") or slugify(title), title, []))
        else:
            parts[-1][2].append(line)
    sections: list[Section] = []
    for sid, title, lines in parts:
        body = "\n".join(lines).strip()
        if body:  # headings without text carry nothing to retrieve
            sections.extend(_text_sections(doc, title, body, sid, options))
    return sections


def _load_markdown(path: Path, raw: bytes, doc: str, options: ChunkOptions) -> list[Section]:
    return split_markdown(doc, _decode(path, raw), options, default_title=path.stem)


def _load_text(path: Path, raw: bytes, doc: str, options: ChunkOptions) -> list[Section]:
    text = _decode(path, raw)
    return _text_sections(doc, path.stem, text, "part", options) if text.strip() else []


_DROPPED = frozenset({"script", "style", "noscript", "template", "nav", "footer", "head"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_BLOCKS = frozenset({"p", "li", "div", "section", "article", "blockquote", "pre", "tr", "br", "table",
                     "ul", "ol", "main", "header", "aside", "dd", "dt", "h5", "h6"})


def html_text(raw: str) -> tuple[str, str | None]:
    """The page's text with its headings as Markdown headings, and its title.

    One pass over lxml's tree (libxml2 parses in linear time): nothing is re-searched or
    re-inserted per element, so a 1 MB page of thousands of tags takes well under a second.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):
        return "", None
    titles = root.xpath("//title")
    title = " ".join(titles[0].text_content().split()) if titles else None
    out: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""  # comments and PIs have no str tag
        tag = tag.lower()
        if event == "start":
            if not tag or tag in _DROPPED:
                walker.skip_subtree()
            elif tag in _HEADINGS:
                out.append(f"\n\n## {' '.join(element.text_content().split())}\n\n")
                walker.skip_subtree()
            elif element.text:
                out.append(element.text)
            continue
        if tag in _BLOCKS:
            out.append("\n\n")
        if element.tail and element is not root:
            out.append(element.tail)
    text = "\n".join(line.strip() for line in "".join(out).splitlines())
    return text, title


def _load_html(path: Path, raw: bytes, doc: str, options: ChunkOptions) -> list[Section]:
    text, title = html_text(_decode(path, raw))
    # Reuse the Markdown splitter so every format is sectioned the same way.
    return split_markdown(doc, text, options, default_title=title or path.stem)


def _load_pdf(path: Path, raw: bytes, doc: str, options: ChunkOptions) -> list[Section]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, "is a password-protected PDF", "Save an unprotected copy and add that.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(path, f"is not a readable PDF ({exc})", "Re-export the PDF or add a text version.") from exc
    if not any(p.strip() for p in pages):
        raise DocumentError(path, "is a PDF without extractable text (probably scanned images)",
                            "Run OCR on it first (for example with ocrmypdf) or add a text version.")
    sections: list[Section] = []
    for number, page_text in enumerate(pages, 1):
        if page_text.strip():
            sections.extend(_text_sections(doc, f"{path.stem}, page {number}", page_text, f"page-{number}", options))
    return sections


_LOADERS = {"markdown": _load_markdown, "text": _load_text, "html": _load_html, "pdf": _load_pdf}
