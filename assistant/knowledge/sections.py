"""Parse the framework's Markdown knowledge files into sections with stable ids.

Pure Python and fast on purpose: the rules engine calls `load_sections` at rule-load time
(and `coach check` imports only this module) to verify that every cited section id exists.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.knowledge.errors import KnowledgeFormatError, UnknownSectionError

# `## Title {#section-id}`; ids are lowercase slugs so they are safe in URLs and rule files.
_HEADING = re.compile(r"^##(?!#)\s*(?P<title>.*?)\s*(?:\{#(?P<id>[^}]*)\})?\s*$")
_VALID_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Section:
    doc: str  # document name: the file stem for framework files, the user's name for added documents
    id: str
    title: str
    text: str
    content_hash: str

    @property
    def key(self) -> str:
        """Unique record id across documents (user documents may reuse section ids)."""
        return f"{self.doc}#{self.id}"


def content_hash(title: str, text: str) -> str:
    """Hash of exactly what gets embedded, so any edit to title or body triggers re-embedding."""
    return hashlib.sha256(f"{title}\n\n{text}".encode("utf-8")).hexdigest()


def make_section(doc: str, section_id: str, title: str, text: str) -> Section:
    text = text.strip()
    return Section(doc=doc, id=section_id, title=title.strip(), text=text, content_hash=content_hash(title.strip(), text))


def _iter_blocks(lines: list[str]):
    """Yield (line_no, heading_match | None, line), ignoring '##' inside fenced code blocks."""
    in_fence = False
    for no, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        yield no, match, line


def parse_sections(text: str, doc: str, source: str | Path) -> tuple[list[Section], list[str]]:
    """Split one framework file into sections; return (sections, problems) without raising,
    so `load_sections` can report every problem of every file at once."""
    sections: list[Section] = []
    problems: list[str] = []
    current: dict | None = None
    preamble: list[str] = []

    def close(cur: dict) -> None:
        body = "\n".join(cur["lines"]).strip()
        if not body:
            problems.append(f"{source}:{cur['line']}: section '{cur['heading']}' is empty")
            return
        if cur["id"]:
            sections.append(make_section(doc, cur["id"], cur["title"], body))

    for no, match, line in _iter_blocks(text.splitlines()):
        if match is None:
            (current["lines"] if current else preamble).append(line)
            continue
        if current:
            close(current)
        heading = line.strip()
        sid = (match.group("id") or "").strip()
        title = match.group("title")
        if not sid:
            problems.append(f"{source}:{no}: heading '{heading}' has no id; write it as '## Title {{#section-id}}'")
        elif not _VALID_ID.match(sid):
            problems.append(f"{source}:{no}: heading '{heading}' has an invalid id '{sid}' (use lowercase letters, digits and '-')")
            sid = ""
        elif not title:
            problems.append(f"{source}:{no}: heading '{heading}' has no title")
        current = {"id": sid, "title": title, "heading": heading, "line": no, "lines": []}
    if current:
        close(current)
    # Text before the first section would never be indexed or cited: make that visible.
    stray = [ln for ln in preamble if ln.strip() and not ln.lstrip().startswith("# ")]
    if stray:
        problems.append(f"{source}: text before the first '## Title {{#id}}' heading is not part of any section; move it into a section")
    return sections, problems


def load_sections(knowledge_dir: str | Path) -> dict[str, Section]:
    """Load every `*.md` file of the framework folder; ids are unique across all files.

    Raises KnowledgeFormatError listing every problem (file, line, heading) at once.
    """
    root = Path(knowledge_dir)
    if not root.is_dir():
        raise KnowledgeFormatError([f"{root}: knowledge folder not found (set COACH_KNOWLEDGE_DIR)"])
    found: dict[str, Section] = {}
    where: dict[str, str] = {}
    problems: list[str] = []
    files = sorted(root.glob("*.md"))
    if not files:
        problems.append(f"{root}: no Markdown (*.md) knowledge files found")
    for path in files:
        sections, file_problems = parse_sections(path.read_text(encoding="utf-8"), path.stem, path)
        problems.extend(file_problems)
        for section in sections:
            if section.id in found:
                problems.append(
                    f"{path}: duplicate section id '{section.id}' in heading '## {section.title}' "
                    f"(already defined in {where[section.id]})"
                )
                continue
            found[section.id] = section
            where[section.id] = str(path)
    if problems:
        raise KnowledgeFormatError(problems)
    return found


def require_sections(sections: dict[str, Section], ids: list[str]) -> list[Section]:
    """Return the sections for `ids` in order; raise UnknownSectionError naming the missing ones."""
    missing = [i for i in ids if i not in sections]
    if missing:
        raise UnknownSectionError(missing, list(sections))
    return [sections[i] for i in ids]
