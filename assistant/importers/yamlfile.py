"""Read a YAML or JSON file into Python data, with errors that say which file and line."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from assistant.importers.errors import ImportProblem


def read_documents(path: Path) -> list:
    """All documents in a YAML (possibly multi-document) or JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportProblem(str(path), "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    if not text.strip():
        raise ImportProblem(str(path), "the file is empty")
    if path.suffix.lower() == ".json":
        try:
            return [json.loads(text)]
        except json.JSONDecodeError as exc:
            raise ImportProblem(str(path), f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    try:
        return [doc for doc in yaml.safe_load_all(text) if doc is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ImportProblem(str(path), f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
