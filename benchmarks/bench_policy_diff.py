"""Benchmark `coach policy diff` on a generated 10,000-account book (target: under 15 s).

Runs standalone:  .venv/bin/python benchmarks/bench_policy_diff.py [--accounts 10000] [--seed 7]
                  [--write benchmarks/RESULTS-diff.md]

Measures, for the proposal "saturation 0.85 -> 0.90" against today's rules/:
  1. diff over the book in memory, one process;
  2. the same with one worker process per CPU;
  3. the CLI path end to end: `coach policy diff --params FILE --format json` on a temporary
     SQLite store holding the book (accounts streamed from the store, 500 at a time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.domain import Account, Catalog  # noqa: E402
from assistant.importers.catalog import read_catalog  # noqa: E402
from assistant.policy.diff import diff_book  # noqa: E402
from assistant.policy.rules import load_ruleset  # noqa: E402
from assistant.yaml_io import read_yaml  # noqa: E402

TODAY = dt.date(2026, 5, 12)


def generate_book(n: int, catalog: Catalog, seed: int) -> list[Account]:
    """`n` varied accounts: every reason code that depends on the account fires somewhere."""
    rng = random.Random(seed)
    platform_product, *modules = catalog.products
    priorities = [p for product in catalog.products for p in product.serves] + ["cost control", "hiring"]
    teams = [t for product in catalog.products for t in product.used_by]
    features = [f for product in modules for f in product.adjacent_features]
    accounts = []
    for i in range(n):
        capacity = rng.choice([100, 200, 300, 500, 800, 1000, 2000])
        owns = [{"product": platform_product.name, "tier": rng.choice(platform_product.tiers),
                 "capacity": capacity, "used": int(capacity * rng.uniform(0.2, 1.0)),
                 "annual_value": capacity * 500, "since": "2025-01-01"}]
        if rng.random() < 0.3:
            owns[0].update(ceiling=1_000_000, volume=rng.randint(500_000, 1_000_000))
        for module in rng.sample(modules, rng.randint(0, 2)):
            seats = rng.choice([20, 50, 100])
            owns.append({"product": module.name, "tier": module.tiers[0] if module.tiers else None,
                         "capacity": seats, "used": int(seats * rng.uniform(0.3, 1.0))})
        outcomes = [{"metric": f"goal {k}", "target": 100, "achieved": rng.randint(40, 140)}
                    for k in range(rng.randint(0, 2))]
        for outcome in outcomes:
            outcome["met"] = outcome["achieved"] >= outcome["target"]
            outcome["public_attribution"] = rng.random() < 0.05
        stakeholders = []
        for k in range(rng.randint(1, 4)):
            stakeholders.append({
                "name": f"Person {i}-{k}",
                "roles": rng.sample(["champion", "budget_owner", "executive", "user_lead"], rng.randint(1, 2)),
                "team": rng.choice(teams),
                "priorities": rng.sample(priorities, rng.randint(0, 2)),
                "saw_original_outcome": rng.random() < 0.7,
            })
        accounts.append(Account.model_validate({
            "name": f"Account {i:05d}",
            "owner": f"AM {i % 25}",
            "owns": owns,
            "usage": {"organic_new_users_90d": rng.choice([None, 0, 5, 20, 80]),
                      "adjacent_features": {f: round(rng.random(), 2) for f in rng.sample(features, 2)}},
            "outcomes": outcomes,
            "strategy": [{"kind": rng.choice(["initiative", "business_unit", "geography", "buyer_hire", "growth"])}
                         for _ in range(rng.randint(0, 1))],
            "health": {"nps": rng.randint(-40, 80), "csat": round(rng.uniform(2, 5), 1),
                       "open_escalations": rng.choice([0, 0, 0, 0, 1, 2]),
                       "sentiment": rng.choice(["positive", "positive", "neutral", "negative"])},
            "renewal": {"date": (TODAY + dt.timedelta(days=rng.randint(10, 400))).isoformat(),
                        "risk": rng.choice(["low", "low", "medium", "high"])},
            "stakeholders": stakeholders,
            "needs_expressed": rng.sample([p.name for p in modules], rng.randint(0, 1)),
        }))
    return accounts


def _proposal(directory: Path) -> Path:
    params = read_yaml(ROOT / "rules" / "parameters.yaml")
    params["saturation"] = 0.90
    path = directory / "params-saturation-090.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes, the CLI)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(label: str, fn, results: list):
    """Wall seconds, and CPU seconds (steadier than wall time when other work shares the machine)."""
    started, cpu_started = time.perf_counter(), _cpu()
    value = fn()
    seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu_started
    results.append((label, seconds, cpu_seconds))
    print(f"{label}: {seconds:.2f} s (CPU {cpu_seconds:.2f} s)", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", type=Path, help="write the figures as Markdown to this file")
    args = parser.parse_args()

    results: list[tuple[str, float]] = []
    catalog = read_catalog(ROOT / "assistant" / "demo" / "catalog.yaml")
    book = _timed(f"generate {args.accounts} accounts", lambda: generate_book(args.accounts, catalog, args.seed), results)
    with tempfile.TemporaryDirectory() as tmp:
        params_file = _proposal(Path(tmp))
        current = load_ruleset(ROOT / "rules")
        proposed = load_ruleset(ROOT / "rules", params_file=params_file)
        one = _timed("diff in memory, 1 process", lambda: diff_book(current, proposed, book, catalog, TODAY), results)
        workers = max(2, os.cpu_count() or 1)
        many = _timed(f"diff in memory, {workers} worker processes",
                      lambda: diff_book(current, proposed, book, catalog, TODAY, workers=workers), results)
        assert one.to_dict()["moves"] == many.to_dict()["moves"], "parallel and sequential runs disagree"

        from assistant.store import Store

        settings = Settings(data_dir=Path(tmp) / "data", load_demo=False)
        store = Store.open(settings)
        store.replace_catalog(catalog)
        _timed("import the book into a temporary SQLite store", lambda: store.import_accounts(book), results)
        store.close()
        env = {**os.environ, "COACH_DATA_DIR": str(settings.data_dir), "COACH_LOAD_DEMO": "false"}
        command = [str(Path(sys.executable).parent / "coach"), "policy", "diff", "--params", str(params_file),
                   "--format", "json", "--today", TODAY.isoformat()]
        out = _timed("`coach policy diff --format json --workers 1` end to end (SQLite store)",
                     lambda: subprocess.run(command + ["--workers", "1"], env=env, capture_output=True, text=True,
                                            check=True), results)
        _timed("`coach policy diff --format json` end to end, default workers (one per idle CPU)",
               lambda: subprocess.run(command, env=env, capture_output=True, text=True, check=True), results)
        cli = json.loads(out.stdout)
        assert cli["moved"] == len(one.moves), (cli["moved"], len(one.moves))

    summary = (f"{one.accounts} accounts, {one.plays} plays; {len(one.moves)} verdicts move "
               f"({len(one.stricter)} stricter, {len(one.looser)} looser) on {len(one.accounts_moved())} accounts; "
               f"codes appeared {dict(one.appeared)}, disappeared {dict(one.disappeared)}")
    print(summary)
    if args.write:
        _write(args.write, results, summary, args)


def _write(path: Path, results: list[tuple[str, float]], summary: str, args) -> None:
    lines = [
        "# Benchmark: `coach policy diff`", "",
        f"Generated by `benchmarks/bench_policy_diff.py --accounts {args.accounts} --seed {args.seed}` "
        f"on {dt.date.today()}; machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}.", "",
        "Proposal: `saturation` 0.85 → 0.90 (a `--params` file) against today's `rules/`, "
        f"as of {TODAY}. Target: under 15 s for 10,000 accounts.", "",
        f"Load average when it finished: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(other work shares this machine, so wall times vary from run to run; CPU seconds count this "
        "process and its children, summed over processes).", "",
        "| step | wall seconds | CPU seconds |", "| --- | ---: | ---: |",
        *[f"| {label} | {wall:.2f} | {cpu:.2f} |" for label, wall, cpu in results], "",
        f"Result: {summary}.", "",
        "How the time is spent: `policy diff` does not call `engine.evaluate` (which renders every "
        "message, remedy and plan step: ~0.5 ms a play); `assistant/policy/batch.py` (shared with "
        "`coach plan`) computes codes and verdicts only, for both rule sets at once: it builds the "
        "account-level facts once per account and each product's once for both rule sets (the plays of "
        "a product differ only in `play.change`, which no rule reads, so they share one evaluation), "
        "writes parameters into the compiled conditions as literals, and remembers each condition's "
        "result by the values of the facts it reads, so a rule identical in both rule sets runs once. "
        "What remains is about half building the fact trees and half converting facts into CEL values "
        "and running the programs; reading the accounts from SQLite adds ~0.2 ms an account. Worker processes "
        "(`--workers`, default one per idle CPU) only pay off when CPUs are free; on this shared machine "
        "they were not.", "",
    ]
    path.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
