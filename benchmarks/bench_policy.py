"""Policy engine benchmarks (figures go into the README).

    .venv/bin/python benchmarks/bench_policy.py [--accounts 10000]

1. One play evaluated: p50 and p95 in microseconds (target p95 under 1 ms).
2. Every candidate play of a generated portfolio, one core: 1,000 and N accounts, and the ratio
   of the per-play cost between them (linear growth keeps it near 1.0). Target: N=10,000
   under 5 s. Measured twice: verdicts and codes only (the batch evaluator that `coach plan`
   and `coach policy diff` use) and full verdicts with every message rendered (`coach plays`).
3. `coach check` wall time from a cold process (target under 1 s), median of several runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import PROJECT_ROOT, Settings  # noqa: E402
from assistant.domain import Play  # noqa: E402
from assistant.policy.batch import BatchEvaluator  # noqa: E402
from assistant.policy.engine import evaluate  # noqa: E402
from assistant.policy.plays import evaluate_all  # noqa: E402
from assistant.policy.rules import load_ruleset  # noqa: E402
from benchmarks.generate_book import generate_accounts, generate_catalog  # noqa: E402

TODAY = dt.date(2026, 5, 12)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_play(ruleset, catalog, runs: int = 3000) -> dict:
    account = next(iter(generate_accounts(1, seed=3)))
    play = Play(product="Data Quality", change="new_product")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        evaluate(ruleset, account, catalog, play, TODAY)
        timings.append((time.perf_counter() - start) * 1e6)
    return {"p50_us": percentile(timings, 0.5), "p95_us": percentile(timings, 0.95)}


def portfolio(ruleset, catalog, n: int, *, full: bool) -> dict:
    accounts = list(generate_accounts(n, seed=11))
    batch = BatchEvaluator([ruleset])
    start = time.perf_counter()
    if full:
        plays = sum(len(evaluate_all(ruleset, account, catalog, TODAY)) for account in accounts)
    else:
        plays = sum(len(batch.classify(account, catalog, TODAY)[0]) for account in accounts)
    elapsed = time.perf_counter() - start
    return {"accounts": n, "plays": plays, "seconds": elapsed, "us_per_play": elapsed / plays * 1e6}


def cold_check(runs: int = 5) -> dict:
    coach = Path(sys.executable).with_name("coach")
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "COACH_DATA_DIR": data_dir}
        subprocess.run([str(coach), "accounts", "list"], env=env, capture_output=True, check=True)  # first run loads the demo
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(coach), "check", "Acme Corp", "Data Quality"], env=env, capture_output=True, check=True)
            timings.append(time.perf_counter() - start)
    return {"median_s": statistics.median(timings), "max_s": max(timings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    args = parser.parse_args()
    settings = Settings()
    ruleset = load_ruleset(settings.rules_dir, PROJECT_ROOT / "knowledge")
    catalog = generate_catalog()
    single = one_play(ruleset, catalog)
    print(f"one play: p50 {single['p50_us']:.0f} µs, p95 {single['p95_us']:.0f} µs (target p95 < 1000 µs)")
    for label, full in (("verdicts and codes (batch)", False), ("full verdicts, rendered", True)):
        small = portfolio(ruleset, catalog, 1_000, full=full)
        large = portfolio(ruleset, catalog, args.accounts, full=full)
        for row in (small, large):
            print(f"{label}: {row['accounts']:>6} accounts, {row['plays']:>6} plays: {row['seconds']:.2f} s "
                  f"({row['us_per_play']:.0f} µs/play)")
        print(f"{label}: per-play cost ratio {large['us_per_play'] / small['us_per_play']:.2f} "
              f"(1.0 = linear); target {args.accounts} accounts < 5 s")
    cold = cold_check()
    print(f"coach check, cold process: median {cold['median_s']:.2f} s, max {cold['max_s']:.2f} s (target < 1 s)")


if __name__ == "__main__":
    main()
