"""Shared fixtures for the knowledge tests: offline model (loaded once), tmp indexes, a real
Chroma server, and builders for small documents (including hand-written PDFs)."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # no test may reach the network, even by accident
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import shutil
import sys
from pathlib import Path

import pytest

from tests.support.servers import free_port, server_process

from assistant.config import PROJECT_ROOT, Settings
from assistant.yaml_io import read_yaml

SHIPPED_KNOWLEDGE = PROJECT_ROOT / "knowledge"
EVAL_FILE = PROJECT_ROOT / "benchmarks" / "retrieval_eval.yaml"


@pytest.fixture(scope="session")
def embedding_function():
    """The real MiniLM embedding function, model loaded once for the whole session."""
    from assistant.knowledge.embeddings import MiniLMEmbeddingFunction

    ef = MiniLMEmbeddingFunction()
    ef.warm_up()
    return ef


@pytest.fixture
def small_knowledge(tmp_path) -> Path:
    """A three-section framework folder: cheap to embed, easy to edit."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "alpha.md").write_text(
        "# Alpha\n\n"
        "## Usage signals {#signals-usage}\nSaturation above 85% of purchased seats is the classic trigger.\n\n"
        "## Adoption gap {#avoid-adoption-gap}\nA customer using 40% of what it owns needs an adoption plan, not more seats.\n",
        encoding="utf-8",
    )
    (folder / "beta.md").write_text(
        "## Separate plays {#bundle-separately}\nRun the upsell and the cross-sell separately; never bundle them for a discount.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def make_settings(tmp_path):
    def build(knowledge_dir: Path = SHIPPED_KNOWLEDGE, **overrides) -> Settings:
        return Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge_dir, **overrides)

    return build


@pytest.fixture
def make_kb(make_settings, embedding_function):
    """A KnowledgeBase over a fresh Chroma PersistentClient in tmp_path, sharing the session model."""
    from assistant.knowledge.base import KnowledgeBase
    from assistant.knowledge.index import KnowledgeIndex

    def build(knowledge_dir: Path = SHIPPED_KNOWLEDGE, **overrides):
        settings = make_settings(knowledge_dir, **overrides)
        return KnowledgeBase(settings, index=KnowledgeIndex(settings, embedding_function=embedding_function))

    return build


@pytest.fixture(scope="session")
def shipped_kb(tmp_path_factory, embedding_function):
    """The shipped framework indexed once per session (for retrieval-quality tests)."""
    from assistant.knowledge.base import KnowledgeBase
    from assistant.knowledge.index import KnowledgeIndex

    settings = Settings(data_dir=tmp_path_factory.mktemp("shipped"), knowledge_dir=SHIPPED_KNOWLEDGE)
    kb = KnowledgeBase(settings, index=KnowledgeIndex(settings, embedding_function=embedding_function))
    kb.reindex()
    return kb


@pytest.fixture(scope="session")
def eval_set() -> dict:
    return read_yaml(EVAL_FILE)


@pytest.fixture
def snapshot():
    """snapshot(kb) -> {record id: content hash}; equal snapshots mean the index did not change."""

    def take(kb) -> dict[str, str]:
        got = kb.index.collection.get(include=["metadatas"])
        return {rid: meta["content_hash"] for rid, meta in zip(got["ids"], got["metadatas"])}

    return take


# ---- documents -------------------------------------------------------------------------------
def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text block per page; an empty page list item gives a
    page with only a filled rectangle (no extractable text), like a scanned image."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(pages)} >>".encode()
    for pid, lines in zip(page_ids, pages):
        if lines:
            body = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({_pdf_escape(line)}) Tj T*" for line in lines) + " ET"
        else:
            body = "0 0 1 rg 72 500 300 200 re f"
        data = body.encode("latin-1")
        objects[pid + 1] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        objects[pid] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                        f"/Resources << /Font << /F1 3 0 R >> >> /Contents {pid + 1} 0 R >>").encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def make_pdf(tmp_path):
    def build(name: str, pages: list[list[str]]) -> Path:
        path = tmp_path / name
        path.write_bytes(pdf_bytes(pages))
        return path

    return build


# ---- a real Chroma server ----------------------------------------------------------------------
@pytest.fixture
def chroma_server(tmp_path):
    """`chroma run` from the venv on a free loopback port; yields its URL, stops it afterwards."""
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        found = shutil.which("chroma")
        if not found:
            pytest.skip("the `chroma` executable (package chromadb) is not installed in this environment")
        exe = Path(found)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(exe), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)]
    with server_process(command, f"{url}/api/v2/heartbeat", tmp_path / "chroma.log", startup_s=60,
                        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}):
        yield url
