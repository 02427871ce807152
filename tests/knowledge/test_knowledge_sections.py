"""Parsing and validating the framework's Markdown knowledge files (pure Python, no model)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.knowledge.errors import KnowledgeFormatError, UnknownSectionError
from assistant.knowledge.search import passages_for
from assistant.knowledge.sections import load_sections, parse_sections

KNOWLEDGE = PROJECT_ROOT / "knowledge"

# The ids the rules engine cites (docs/policy.md): every one must exist.
CITED_IDS = """motions-overview motion-upsell motion-cross-sell motions-in-practice identify-opportunities
signals-usage signals-outcome signals-strategic quarterly-motion positioning-value talk-track
positioning-antipatterns alignment-priority-sponsor alignment-compounding avoid-quota-timing
avoid-exec-no-view avoid-renewal-coupling avoid-adoption-gap exec-committee-test timing-right-moment
timing-dissatisfaction trust-serve-customer trust-honest-advice balance-growth-trust expansion-value
expansion-retention-cycle measuring-expansion training-incentives worked-example bundle-separately
no-signals-no-push""".split()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_knowledge_has_every_cited_id():
    sections = load_sections(KNOWLEDGE)
    assert not [i for i in CITED_IDS if i not in sections]


def test_shipped_sections_are_80_to_250_words():
    for section in load_sections(KNOWLEDGE).values():
        words = len(section.text.split())
        assert 80 <= words <= 250, f"{section.doc}#{section.id} has {words} words"


def test_shipped_facts_carry_over():
    text = " ".join(s.text for s in load_sections(KNOWLEDGE).values())
    for fact in ["85%", "40%", "$4.2M", "$3M", "$1.8M", "$180K", "$200K", "$350K", "30 days",
                 "5 months", "$480K", "$680K", "$400–450K", "90 days", "92%"]:
        assert fact in text, fact


def test_no_sentence_copied_from_the_seed_documents():
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside the repository here")
    words = lambda t: re.findall(r"[a-z0-9$%.]+", t.lower())  # noqa: E731
    n = 10  # ten identical words in a row would be a copied sentence, not a shared phrase
    seed_words = words(" ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")))
    seed_grams = {tuple(seed_words[i:i + n]) for i in range(len(seed_words) - n)}
    for section in load_sections(KNOWLEDGE).values():
        w = words(section.text)
        copied = [" ".join(w[i:i + n]) for i in range(len(w) - n) if tuple(w[i:i + n]) in seed_grams]
        assert not copied, f"{section.id}: {copied[:2]}"


def test_parse_sections_fields_and_hash(tmp_path):
    sections, problems = parse_sections(
        "# Doc title\n\n## First one {#first}\nBody one.\n\n### A sub-heading\nStill first.\n\n## Second {#second}\nBody two.\n",
        doc="demo", source="demo.md")
    assert problems == []
    assert [(s.doc, s.id, s.title) for s in sections] == [("demo", "first", "First one"), ("demo", "second", "Second")]
    assert "### A sub-heading" in sections[0].text and "Still first." in sections[0].text
    assert sections[0].key == "demo#first"
    edited, _ = parse_sections("## First one {#first}\nBody one, edited.\n", doc="demo", source="demo.md")
    assert edited[0].content_hash != sections[0].content_hash
    same, _ = parse_sections("## First one {#first}\n\nBody one.\n\n### A sub-heading\nStill first.\n", doc="demo", source="x.md")
    assert same[0].content_hash == sections[0].content_hash


def test_hash_headings_inside_code_fences_are_text(tmp_path):
    sections, problems = parse_sections("## Code {#code}\n```\n## not a heading\n```\nafter\n", doc="d", source="d.md")
    assert problems == [] and len(sections) == 1 and "## not a heading" in sections[0].text


def test_duplicate_id_names_both_files_and_heading(tmp_path):
    folder = tmp_path / "k"
    write(folder, "a.md", "## One {#same}\ntext\n")
    write(folder, "b.md", "## Two {#same}\ntext\n")
    with pytest.raises(KnowledgeFormatError) as err:
        load_sections(folder)
    message = str(err.value)
    assert "duplicate section id 'same'" in message and "b.md" in message and "a.md" in message and "## Two" in message


def test_heading_without_id_is_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "k"
    write(folder, "a.md", "## Good {#good}\ntext\n\n## No id here\ntext\n")
    with pytest.raises(KnowledgeFormatError) as err:
        load_sections(folder)
    assert "a.md:4" in str(err.value) and "'## No id here' has no id" in str(err.value)


def test_empty_section_is_reported(tmp_path):
    folder = tmp_path / "k"
    write(folder, "a.md", "## Empty {#empty}\n\n   \n## Full {#full}\ntext\n")
    with pytest.raises(KnowledgeFormatError) as err:
        load_sections(folder)
    assert "a.md:1" in str(err.value) and "'## Empty {#empty}' is empty" in str(err.value)


def test_invalid_id_and_stray_text_are_reported_together(tmp_path):
    folder = tmp_path / "k"
    write(folder, "a.md", "Loose text.\n\n## Bad {#Bad_Id}\ntext\n")
    write(folder, "b.md", "## Fine {#fine}\n")
    with pytest.raises(KnowledgeFormatError) as err:
        load_sections(folder)
    assert len(err.value.problems) == 3  # invalid id, stray text, empty section
    assert "invalid id 'Bad_Id'" in str(err.value) and "before the first" in str(err.value)


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(KnowledgeFormatError, match="not found"):
        load_sections(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(KnowledgeFormatError, match="no Markdown"):
        load_sections(tmp_path / "empty")


def test_passages_for_keeps_order_and_rejects_unknown_ids():
    passages = passages_for(["talk-track", "signals-usage"], knowledge_dir=KNOWLEDGE)
    assert [p.section_id for p in passages] == ["talk-track", "signals-usage"]
    assert "$4.2M" in passages[0].text and passages[0].doc == "positioning"
    with pytest.raises(UnknownSectionError) as err:
        passages_for(["talk-track", "no-such-id"], knowledge_dir=KNOWLEDGE)
    assert "no-such-id" in str(err.value)


def test_sections_import_is_light():
    """`coach check` imports assistant.knowledge.sections: it must not drag in heavy libraries."""
    code = ("import sys, assistant.knowledge.sections, assistant.knowledge, assistant.cli.knowledge_commands; "
            "heavy = [m for m in ('torch', 'chromadb', 'sentence_transformers', 'transformers', 'rank_bm25') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    assert out.stdout.strip() == "[]"
