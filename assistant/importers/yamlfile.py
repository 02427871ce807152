"""Read a YAML or JSON data file through the one safe reader, with errors naming the file."""

from __future__ import annotations

from pathlib import Path

from assistant.importers.errors import ImportProblem
from assistant.yaml_io import DEFAULT_MAX_BYTES, DataFileError, read_data_documents


def read_documents(path: Path, max_bytes: int | None = None) -> list:
    """All documents in a YAML (possibly multi-document) or JSON file."""
    path = Path(path)
    try:
        return read_data_documents(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    except DataFileError as exc:
        raise ImportProblem(exc.source, exc.problem) from None
