"""Retrieval benchmark: quality (hit@1, hit@3, MRR) per mode, latency, index build time, memory.

Run: .venv/bin/python benchmarks/bench_retrieval.py [--runs N] [--json]
Everything happens in a temporary data folder with a local Chroma PersistentClient; offline.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.knowledge.base import KnowledgeBase  # noqa: E402
from assistant.knowledge.search import FusionOptions  # noqa: E402
from assistant.yaml_io import read_yaml  # noqa: E402

EVAL_FILE = ROOT / "benchmarks" / "retrieval_eval.yaml"
MODES = ("dense", "lexical", "hybrid")
ROWS = (*MODES, "hybrid-rrf")  # hybrid-rrf: the same hybrid with reciprocal-rank fusion, for comparison


def load_eval(path: Path = EVAL_FILE) -> dict:
    return read_yaml(path)


def first_hit_rank(passages, expected: set[str]) -> int | None:
    for rank, p in enumerate(passages, 1):
        if p.section_id in expected:
            return rank
    return None


def _scores(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@3": sum(1 for r in ranks if r and r <= 3) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def evaluate(kb: KnowledgeBase, questions: list[dict], mode: str, k: int = 10) -> dict:
    """hit@1, hit@3 and MRR@k over all questions and over the held-out ones, plus misses at 3."""
    ranks, misses = [], []
    for item in questions:
        rank = first_hit_rank(kb.search(item["q"], k=k, mode=mode), set(item["ids"]))
        ranks.append(rank)
        if rank is None or rank > 3:
            misses.append(item["q"])
    heldout = [r for r, item in zip(ranks, questions) if item.get("split") == "heldout"]
    return {**_scores(ranks), "heldout": _scores(heldout), "missed@3": misses}


def latency(kb: KnowledgeBase, questions: list[dict], mode: str, runs: int) -> dict:
    timings = []
    for _ in range(runs):
        for item in questions:
            start = time.perf_counter()
            kb.search(item["q"], k=5, mode=mode)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"p50_ms": statistics.median(timings), "p95_ms": timings[int(0.95 * (len(timings) - 1))], "n": len(timings)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="passes over the questions for latency")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = load_eval()
    questions = data["questions"]
    results: dict = {"questions": len(questions),
                     "heldout_questions": sum(1 for q in questions if q.get("split") == "heldout")}
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        kb = KnowledgeBase(settings)

        start = time.perf_counter()
        kb.index.embedding_function.warm_up()
        results["model_load_s"] = time.perf_counter() - start

        start = time.perf_counter()
        report = kb.reindex()
        results["index_build_s"] = time.perf_counter() - start
        results["sections"] = report.embedded

        start = time.perf_counter()
        again = kb.reindex()
        results["reindex_unchanged_s"] = time.perf_counter() - start
        results["reindex_unchanged_embedded"] = again.embedded

        kb.retriever.ensure_indexed()
        rrf = KnowledgeBase(settings, index=kb.index, fusion=FusionOptions(method="rrf"))
        rrf.retriever.ensure_indexed()
        for row in ROWS:
            base, mode = (rrf, "hybrid") if row == "hybrid-rrf" else (kb, row)
            base.search("warm up", k=5, mode=mode)  # first query builds BM25 and warms torch
            results[row] = {**evaluate(base, questions, mode), **latency(base, questions, mode, args.runs)}
        results["peak_rss_mb"] = peak_rss_mb()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"questions: {results['questions']} ({results['heldout_questions']} held out)   sections: {results['sections']}")
    print(f"model load: {results['model_load_s']:.2f} s   index build (warm model): {results['index_build_s']:.2f} s   "
          f"re-index unchanged: {results['reindex_unchanged_s'] * 1000:.0f} ms ({results['reindex_unchanged_embedded']} embedded)")
    print(f"{'mode':10} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7}   held out: {'hit@1':>6} {'hit@3':>6} {'MRR':>6}")
    for mode in ROWS:
        r, h = results[mode], results[mode]["heldout"]
        print(f"{mode:10} {r['hit@1']:6.3f} {r['hit@3']:6.3f} {r['mrr']:6.3f} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f}"
              f"             {h['hit@1']:6.3f} {h['hit@3']:6.3f} {h['mrr']:6.3f}")
    print(f"peak RSS: {results['peak_rss_mb']:.0f} MB")
    for mode in ROWS:
        for q in results[mode]["missed@3"]:
            print(f"  missed@3 [{mode}]: {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
