"""One sentence encoder per model folder and process: the shipped MiniLM model run by ONNX
Runtime, or by torch (sentence-transformers) where ONNX Runtime cannot be used.

Why ONNX Runtime: with one CPU thread it encodes a chat message's few clauses two to three
times faster than torch (measured in one process, alternating, on the 2-core machine), with the
same vectors (largest difference 2e-7), and a process that finds the exported file never imports
torch or sentence-transformers, which takes seconds.

The ONNX file is exported once per machine from the installed weights (torch and onnx, offline),
checked against torch's vectors before it is kept, and cached in `cache_dir` (default:
COACH_EMBEDDING_CACHE_DIR, else `$XDG_CACHE_HOME/expansion-coach` or `~/.cache/expansion-coach`);
scripts/setup.sh makes it at install time. When the
export cannot be made or read, torch encodes, as before; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import Sequence

log = logging.getLogger(__name__)

BACKENDS = ("onnx", "torch")
# Bump when the export below changes: the cached file's name depends on it.
EXPORT_VERSION = "1"
# An export is kept only when its vectors are this close to torch's (float32 rounding is ~1e-7).
EXPORT_TOLERANCE = 1e-4
_PROBES = ["hello", "Had a good call with Dana yesterday, usage is way up.",
           "should I pitch Data Quality to Acme before my quarter ends? " * 40]  # the last is truncated

_encoders: dict[tuple[str, str], "Encoder"] = {}
_lock = threading.Lock()


class Encoder:
    """Texts -> unit vectors (numpy float32, one row per text)."""

    backend = ""

    def encode(self, texts: Sequence[str], batch_size: int = 64):
        raise NotImplementedError


def default_cache_dir() -> Path:
    """COACH_EMBEDDING_CACHE_DIR (the setting, read here too so that every caller agrees), else
    the user's cache folder."""
    if os.environ.get("COACH_EMBEDDING_CACHE_DIR"):
        return Path(os.environ["COACH_EMBEDDING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "expansion-coach"


def default_backend() -> str:
    """ONNX Runtime when it and the exporter are installed, else torch (found without importing)."""
    return "onnx" if all(importlib.util.find_spec(m) for m in ("onnxruntime", "onnx")) else "torch"


def encoder(model_dir: Path | str, *, threads: int | None = None, cache_dir: Path | str | None = None,
            backend: str | None = None) -> Encoder:
    """The process's encoder for this model folder (made on first use: a load, maybe an export).
    `threads` is fixed by the first caller (one model per process, not one per thread count)."""
    folder = str(Path(model_dir).resolve())
    backend = backend or default_backend()
    if backend not in BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}")
    with _lock:
        key = (folder, backend)
        if key not in _encoders:
            made = None
            if backend == "onnx":
                made = _onnx_or_none(Path(folder), threads, Path(cache_dir) if cache_dir else default_cache_dir())
                if made is None:
                    key = (folder, "torch")  # the fallback is the torch encoder, shared as such
            _encoders[key] = made or _encoders.get((folder, "torch")) or TorchEncoder(Path(folder), threads)
            _encoders[(folder, backend)] = _encoders[key]
        return _encoders[(folder, backend)]


def prepare(model_dir: Path | str | None = None, cache_dir: Path | str | None = None) -> str:
    """Make the ONNX export now (scripts/setup.sh), not at the first message read by meaning;
    returns the backend this machine will use."""
    from assistant.knowledge.embeddings import resolve_model_dir

    if default_backend() != "onnx":
        return "torch"
    folder = resolve_model_dir(model_dir)
    path = onnx_path(folder, Path(cache_dir) if cache_dir else default_cache_dir())
    try:
        if not path.is_file():
            export_onnx(folder, path)
    except Exception as exc:  # noqa: BLE001 - torch remains, as at run time
        log.warning("embedding with torch: the ONNX model could not be made (%s: %s)", type(exc).__name__, exc)
        return "torch"
    return "onnx"


def encoder_loaded(model_dir: Path | str) -> bool:
    folder = str(Path(model_dir).resolve())
    return any(key[0] == folder for key in _encoders)


# -- torch ------------------------------------------------------------------------------------
class TorchEncoder(Encoder):
    backend = "torch"
    # torch's thread count is one setting per process in builds with its native thread pool (with
    # OpenMP, as here, it is per calling thread), so the lock that guards saving, setting and
    # restoring it is one per process too: with one per encoder, two encoders of different model
    # folders could interleave, each run with the other's count, and the last restore would win.
    _threads_lock = threading.Lock()

    def __init__(self, model_dir: Path, threads: int | None):
        from assistant.knowledge.embeddings import load_model

        self.model = load_model(model_dir)
        self.threads = threads

    def encode(self, texts: Sequence[str], batch_size: int = 64):
        def run():
            return self.model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False, batch_size=batch_size)

        with TorchEncoder._threads_lock:  # one torch encode at a time in the process
            if self.threads is None:
                return run()
            import torch

            # Put back after the encode: the caller's thread (or the process) keeps its own count.
            before = torch.get_num_threads()
            torch.set_num_threads(self.threads)
            try:
                return run()
            finally:
                torch.set_num_threads(before)


if hasattr(os, "register_at_fork"):  # a child forked while a thread held the lock would wait forever
    os.register_at_fork(after_in_child=lambda: setattr(TorchEncoder, "_threads_lock", threading.Lock()))


# -- ONNX Runtime -----------------------------------------------------------------------------
class OnnxEncoder(Encoder):
    """The exported transformer in ONNX Runtime, with the model folder's own tokenizer (the
    `tokenizers` library, no transformers import), mean pooling and normalising as the
    sentence-transformers model does (modules.json: Transformer, Pooling(mean), Normalize)."""

    backend = "onnx"

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int | None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: ONNX Runtime's own choice
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        # The memory arena keeps what a run needed for the life of the process: after the knowledge
        # index was built (64 padded chunks a batch) that was about 230 MiB, held by whichever
        # process built it. Shrinking after each run gives it back; on a chat message's few
        # clauses it cost about 3% of the encode (benchmarks/RESULTS-memory.md). Turning the arena
        # off instead was slower and freed nothing (the allocator kept the pages).
        self.run_options = ort.RunOptions()
        self.run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        padding = self.tokenizer.padding or {}
        self.tokenizer.enable_truncation(max_length=max_seq_length(model_dir))
        self.tokenizer.enable_padding(pad_id=padding.get("pad_id", 0), pad_type_id=padding.get("pad_type_id", 0),
                                      pad_token=padding.get("pad_token", "[PAD]"))  # to the longest of a batch

    def encode(self, texts: Sequence[str], batch_size: int = 64):
        import numpy as np

        texts = list(texts)
        out = np.zeros((len(texts), 0), dtype="float32")
        # Longest first, as sentence-transformers does: a batch pads to its longest text only.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            vectors = self._batch([texts[i] for i in chunk])
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype="float32")
            out[chunk] = vectors
        return out

    def _batch(self, texts: list[str]):
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        feeds = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                 "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                 "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        hidden = self.session.run(None, {name: feeds[name] for name in self.inputs}, self.run_options)[0]
        return mean_pool(hidden, feeds["attention_mask"])


def mean_pool(hidden, mask):
    import numpy as np

    weights = mask.astype(np.float32)
    summed = np.einsum("bth,bt->bh", hidden, weights) / np.clip(weights.sum(axis=1, keepdims=True), 1e-9, None)
    return (summed / np.clip(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def max_seq_length(model_dir: Path) -> int:
    """sentence-transformers truncates at sentence_bert_config.json's max_seq_length."""
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text(encoding="utf-8")).get("max_seq_length")
        if value:
            return int(value)
    return int(json.loads((model_dir / "config.json").read_text(encoding="utf-8")).get("max_position_embeddings", 512))


def onnx_path(model_dir: Path, cache_dir: Path) -> Path:
    """Where this model's export is cached: named by its config, its weight files' sizes and the
    export's version (a reinstalled or other model gets its own file)."""
    digest = hashlib.sha256((model_dir / "config.json").read_bytes())
    for weights in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    digest.update(EXPORT_VERSION.encode())
    return cache_dir / f"minilm-{digest.hexdigest()[:20]}.onnx"


def _onnx_or_none(model_dir: Path, threads: int | None, cache_dir: Path) -> OnnxEncoder | None:
    path = onnx_path(model_dir, cache_dir)
    cached = path.is_file()
    try:
        if not cached:
            export_onnx(model_dir, path)
        return OnnxEncoder(path, model_dir, threads)
    except Exception as exc:  # noqa: BLE001 - any failure leaves the torch encoder, which always works
        log.warning("embedding with torch: the ONNX model %s could not be %s (%s: %s)", path,
                    "read; it is removed and made again by the next process" if cached else "made",
                    type(exc).__name__, exc)
        if cached:
            path.unlink(missing_ok=True)
        return None


def export_onnx(model_dir: Path, path: Path) -> None:
    """Export the transformer to `path` (once; other processes wait on a file lock), kept only
    when ONNX Runtime's vectors match torch's on probe texts."""
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock"):
        if path.is_file():
            return  # another process made it while this one waited
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        # Eager attention: the traced graph must keep the attention mask whatever the example's
        # (a faster kernel may drop a mask of all ones while tracing, and padding is then read).
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()

        class Hidden(torch.nn.Module):  # the last hidden state only: pooling is done in numpy
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state

        expected = _torch_vectors(model, model_dir)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        names = ["input_ids", "attention_mask", "token_type_ids"]
        ids = torch.ones((2, 8), dtype=torch.long)
        mask = torch.ones((2, 8), dtype=torch.long)
        mask[1, 4:] = 0  # a padded row, so the mask is part of the traced graph
        try:
            with warnings.catch_warnings(), torch.inference_mode():
                warnings.simplefilter("ignore")
                torch.onnx.export(Hidden(model), (ids, mask, torch.zeros_like(ids)), str(tmp),
                                  input_names=names, output_names=["hidden"], opset_version=17, dynamo=False,
                                  dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]})
            _check_export(tmp, model_dir, expected)
            tmp.replace(path)  # atomic: no process ever reads half a file
        finally:
            tmp.unlink(missing_ok=True)


def _torch_vectors(model, model_dir: Path):
    """The probes' vectors by the torch model itself (before the export, which may leave the
    module changed), tokenised as the ONNX encoder tokenises."""
    import torch
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_seq_length(model_dir))
    tokenizer.no_padding()
    rows = []
    for text in _PROBES:
        ids = torch.tensor([tokenizer.encode(text).ids])
        with torch.inference_mode():
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                           token_type_ids=torch.zeros_like(ids)).last_hidden_state
        rows.append(mean_pool(hidden.numpy(), torch.ones_like(ids).numpy())[0])
    return rows


def _check_export(exported: Path, model_dir: Path, expected) -> None:
    import numpy as np

    got = OnnxEncoder(exported, model_dir, 1).encode(_PROBES)  # one padded batch
    worst = float(np.abs(np.stack(expected) - got).max())
    if worst > EXPORT_TOLERANCE:
        raise ValueError(f"the exported model's vectors differ from torch's by {worst:.2g}")
