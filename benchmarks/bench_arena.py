"""ONNX Runtime's memory arena: what an index-sized encode leaves behind, and what shrinking the
arena after each run costs a chat message's encode.

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_arena.py [--rounds 400]

1. Memory, each variant in a fresh process: RSS and USS once the model is loaded, after encoding
   the paragraphs of knowledge/*.md (batches of 64, as the index build does), and after
   `--rounds` small encodes. Variants: the arena as ONNX Runtime leaves it ("default"), the arena
   off (enable_cpu_mem_arena = False), the arena shrunk after each run (what OnnxEncoder does).
2. Time, in one process and one session, alternating per call so that the machine's load hits
   both alike: a chat message's three clauses, and a batch of 64 texts at the token limit (as the
   index build's), encoded with and without the shrinkage.
Prints the figures with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY = ["should I pitch Data Quality to Acme?", "before my quarter ends", "the CFO wants a bundle"]
BIG = "the CFO wants a bundle before the renewal, usage is way up since the outage " * 12  # > 256 tokens


def _encoder(variant: str):
    from assistant.knowledge import encoder as enc
    from assistant.knowledge.embeddings import default_model_dir

    made = enc.encoder(default_model_dir(), threads=1, backend="onnx")
    assert made.backend == "onnx", "no ONNX export on this machine (scripts/setup.sh makes it)"
    if variant == "default":
        made.run_options = None
    elif variant == "no_arena":
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = 1, 1
        options.enable_cpu_mem_arena = False
        path = enc.onnx_path(Path(default_model_dir()).resolve(), enc.default_cache_dir())
        made.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        made.run_options = None
    return made


def memory(variant: str, rounds: int) -> str:
    import psutil

    process = psutil.Process()

    def mib() -> str:
        info = process.memory_full_info()
        return f"{info.rss / 2**20:.0f}/{info.uss / 2**20:.0f}"

    made = _encoder(variant)
    made.encode(QUERY)
    loaded = mib()
    texts = [p.strip() for f in sorted((ROOT / "knowledge").rglob("*.md"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    started = time.perf_counter()
    made.encode(texts)
    index_s = time.perf_counter() - started
    after_index = mib()
    for _ in range(rounds):
        made.encode(QUERY)
    return (f"| {variant} | {loaded} | {after_index} | {mib()} | {index_s:.1f} s ({len(texts)} paragraphs) |")


def _alternate(made, texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    shrink, plain, shrunk = made.run_options, [], []
    for n in range(rounds):
        for mode in ((shrink, None) if n % 2 else (None, shrink)):
            made.run_options = mode
            started = time.perf_counter()
            made.encode(texts)
            (shrunk if mode is not None else plain).append(time.perf_counter() - started)
    made.run_options = shrink
    return plain, shrunk


def timing(rounds: int, big_rounds: int) -> str:
    made = _encoder("shrink")

    def spread(values):
        ordered = sorted(values)
        return f"p50 {statistics.median(ordered) * 1000:.2f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.2f} ms"

    plain, shrunk = _alternate(made, QUERY, rounds)
    big_plain, big_shrunk = _alternate(made, [BIG] * 64, big_rounds)
    return (f"three clauses, arena as is: {spread(plain)}; shrunk after each run: {spread(shrunk)} (n={rounds} each)\n"
            f"a batch of 64 texts at the token limit, arena as is: median {statistics.median(big_plain):.2f} s; "
            f"shrunk: median {statistics.median(big_shrunk):.2f} s (n={big_rounds} each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--big-rounds", type=int, default=4)
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # one memory run, in its own process
    args = parser.parse_args()
    if args.variant:
        print(memory(args.variant, args.rounds))
        return
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    rows = [subprocess.run([sys.executable, __file__, "--variant", v, "--rounds", str(args.rounds)], env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
            for v in ("default", "no_arena", "shrink")]
    line = timing(args.rounds, args.big_rounds)
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"load average {load_before} before, {load_after} after\n")
    print("| variant | RSS/USS MiB loaded | after the index-sized encode | after the small encodes | index encode |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print("\n" + line)


if __name__ == "__main__":
    main()
