"""The sentence encoder of reading by meaning: the shipped MiniLM model exported to ONNX and run
by ONNX Runtime must give the vectors torch (sentence-transformers) gives, text by text, in
batches of mixed lengths and past the model's 256-token limit; a cached export that cannot be
read is replaced, and torch encodes meanwhile."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.knowledge import encoder as enc
from assistant.knowledge.embeddings import default_model_dir

TEXTS = [
    "should I pitch Data Quality to Acme?",
    "ok",
    "Had a good call with Dana yesterday, usage is way up. Should I bring up DQ with Acme?",
    "ÉLODIE'S TEAM IS UNHAPPY — café renewal in Q1 🙂",
    "they've been upset with us since the outage, but the CFO wants a bundle " * 30,  # > 256 tokens
]


@pytest.fixture(scope="module")
def onnx_encoder():
    made = enc.encoder(default_model_dir(), threads=1, backend="onnx")
    assert made.backend == "onnx", "the ONNX export could not be made or read (see the log)"
    return made


@pytest.mark.slow  # exports the model once per machine (user cache) and loads torch to compare
def test_onnx_runtime_gives_the_vectors_torch_gives(onnx_encoder):
    torch_vectors = enc.encoder(default_model_dir(), threads=1, backend="torch").encode(TEXTS)
    batched = onnx_encoder.encode(TEXTS)  # one batch, padded to its longest text
    one_by_one = np.stack([onnx_encoder.encode([t])[0] for t in TEXTS])
    assert batched.shape == (len(TEXTS), 384) and batched.dtype == np.float32
    assert np.abs(batched - torch_vectors).max() < 1e-5
    assert np.abs(one_by_one - torch_vectors).max() < 1e-5
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_an_export_whose_vectors_differ_from_torchs_is_refused(onnx_encoder, tmp_path):
    exported = enc.onnx_path(default_model_dir(), enc.default_cache_dir())
    wrong = [np.zeros(384, dtype=np.float32) for _ in enc._PROBES]
    with pytest.raises(ValueError, match="differ from torch's"):
        enc._check_export(exported, default_model_dir(), wrong)


def test_a_cached_export_that_cannot_be_read_is_removed_and_torch_is_used(tmp_path, caplog):
    broken = enc.onnx_path(default_model_dir(), tmp_path)
    broken.write_bytes(b"not an onnx model")
    assert enc._onnx_or_none(default_model_dir(), 1, tmp_path) is None
    assert not broken.exists()  # the next process exports it again
    assert "could not be read" in caplog.text


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown embedding backend 'gpu'"):
        enc.encoder(default_model_dir(), backend="gpu")


def test_the_cache_folder_is_the_setting_else_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_EMBEDDING_CACHE_DIR", str(tmp_path / "onnx"))
    assert enc.default_cache_dir() == tmp_path / "onnx"
    monkeypatch.delenv("COACH_EMBEDDING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert enc.default_cache_dir() == tmp_path / "xdg" / "expansion-coach"
    assert enc.onnx_path(default_model_dir(), tmp_path).parent == tmp_path


class _WaitingModel:
    """Stands in for a sentence-transformers model: notes torch's thread count as it starts, gives
    the other encoder up to `wait_s` to start meanwhile (it must not), and notes whether it did."""

    def __init__(self, mine: dict, other: dict, wait_s: float):
        self.mine, self.other, self.wait_s = mine, other, wait_s
        self.seen: list[int] = []
        self.overlapped = False

    def encode(self, texts, **options):
        import torch

        self.seen.append(torch.get_num_threads())
        self.mine["started"].set()
        self.overlapped = self.other["started"].wait(self.wait_s)  # set: it began before this one ended
        self.seen.append(torch.get_num_threads())
        self.mine["done"].set()
        return np.zeros((len(texts), 384), dtype=np.float32)


def test_torch_encoders_of_two_models_encode_one_at_a_time():
    """Where torch's thread count is one setting per process (its native thread pool; MKL), two
    torch encoders (two model folders) encoding at once would each run with the other's count
    and the last restore would win. One lock per process keeps their save, set and restore apart.
    (With this machine's OpenMP build the count is per calling thread, so the overlap itself is
    what the test can see.)"""
    import threading

    torch = pytest.importorskip("torch")
    original = torch.get_num_threads()
    events = [{"started": threading.Event(), "done": threading.Event()} for _ in range(2)]
    encoders = []
    for n, threads in enumerate((2, 3)):
        made = enc.TorchEncoder.__new__(enc.TorchEncoder)  # no model load: the stand-in encodes
        made.model, made.threads = _WaitingModel(events[n], events[1 - n], wait_s=1.0), threads
        made._lock = threading.Lock()  # what __init__ gave each encoder before the lock was one per process
        encoders.append(made)
    first = threading.Thread(target=encoders[0].encode, args=(["a"],))
    first.start()
    assert events[0]["started"].wait(10)
    second = threading.Thread(target=encoders[1].encode, args=(["b"],))
    second.start()
    first.join(10), second.join(10)
    assert not encoders[0].model.overlapped, "the second encoder started while the first encoded"
    assert encoders[0].model.seen == [2, 2] and encoders[1].model.seen == [3, 3]
    assert torch.get_num_threads() == original


_ARENA_PROBE = """
import psutil
from assistant.knowledge import encoder as enc
from assistant.knowledge.embeddings import default_model_dir

made = enc.encoder(default_model_dir(), threads=1, backend="onnx")
assert made.backend == "onnx"
made.encode(["a short question"])
before = psutil.Process().memory_info().rss
made.encode(["the CFO wants a bundle before the renewal, usage is way up since the outage " * 12] * 64)
print((psutil.Process().memory_info().rss - before) // 2**20)
"""


@pytest.mark.slow  # a fresh process: the arena of this one may have grown already
def test_a_big_batch_leaves_no_memory_arena_behind(onnx_encoder):
    """A batch as big as the index build's (64 texts at the 256-token limit) grew ONNX Runtime's
    arena by about 500 MiB that the process kept; shrunk after the run, it gives it back."""
    import os
    import subprocess
    import sys

    from assistant.config import PROJECT_ROOT

    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", _ARENA_PROBE], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 60, f"{done.stdout.split()[-1]} MiB kept after the batch"
