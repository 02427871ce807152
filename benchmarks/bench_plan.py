"""Quarterly-plan benchmark: `coach plan` over generated books of growing size.

Run: .venv/bin/python benchmarks/bench_plan.py [--sizes 1000 10000 100000] [--seed 7] [--workers N] [--json]

For each size a temporary SQLite store is filled through the store's own import (catalog plus
accounts in chunks of 5,000, from benchmarks/generate_book.py), then the real console script
runs `coach plan --format csv` against it, so the plan streams from the store exactly as a
user's would. Measured per run:
- wall time and CPU time (user + system) of `coach` and its worker processes;
- peak memory: the largest sum of PSS (proportional set size, so pages the forked workers
  share with the parent count once) over `coach` and its workers, sampled every 0.2 s from
  /proc; and the peak RSS of the largest single process (getrusage).
Offline; nothing is kept after the run unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_book import TODAY, generate_accounts, generate_catalog  # noqa: E402

COACH = Path(sys.executable).with_name("coach")
CHUNK = 5_000


def build_store(data_dir: Path, n: int, seed: int) -> float:
    """Fill a fresh store with n generated accounts; returns the seconds it took."""
    from assistant.config import Settings
    from assistant.store import Store

    started = time.perf_counter()
    store = Store.open(Settings(data_dir=data_dir, load_demo=False))
    store.replace_catalog(generate_catalog())
    chunk = []
    for account in generate_accounts(n, seed):
        chunk.append(account)
        if len(chunk) == CHUNK:
            store.import_accounts(chunk)
            chunk = []
    if chunk:
        store.import_accounts(chunk)
    store.close()
    return time.perf_counter() - started


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _pss_kib(pid: int) -> int:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its children until stopped."""

    def __init__(self, pid: int, every_s: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every_s, self.peak_kib, self.workers = pid, every_s, 0, 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            kids = _children(self.pid)
            self.workers = max(self.workers, len(kids))
            self.peak_kib = max(self.peak_kib, _pss_kib(self.pid) + sum(_pss_kib(k) for k in kids))
            self._halt.wait(self.every_s)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_plan(data_dir: Path, out: Path, workers: int | None) -> dict:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_LOAD_DEMO": "false", "HF_HUB_OFFLINE": "1"}
    env.pop("COACH_DATABASE_URL", None)
    args = [str(COACH), "plan", "--format", "csv", "--today", TODAY.isoformat()]
    if workers is not None:
        args += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(out, "w") as handle:
        process = subprocess.Popen(args, stdout=handle, stderr=subprocess.PIPE, text=True, env=env)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, stderr = process.communicate()
        sampler.stop()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"coach plan failed ({process.returncode}): {stderr}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
        "peak_pss_mib": round(sampler.peak_kib / 1024, 1),
        "peak_rss_largest_process_mib": round(after.ru_maxrss / 1024, 1),  # max over children so far
        "worker_processes": sampler.workers,
    }


def _count_rows(path: Path) -> int:
    with open(path) as handle:
        return sum(1 for _ in handle) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None, help="passed to coach plan (default: its own choice)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    args = parser.parse_args()

    results = []
    for n in sorted(args.sizes):  # ascending, so the largest-process RSS (a running max) belongs to n
        tmp = Path(tempfile.mkdtemp(prefix=f"bench-plan-{n}-"))
        import_s = build_store(tmp / "data", n, args.seed)
        figures = run_plan(tmp / "data", tmp / "plan.csv", args.workers)
        rows = _count_rows(tmp / "plan.csv")
        assert rows == n, f"plan has {rows} rows for {n} accounts"
        load = os.getloadavg()[0]
        results.append({"accounts": n, "import_s": round(import_s, 1), **figures,
                        "ms_per_account": round(figures["wall_s"] * 1000 / n, 3), "load_avg_1m": round(load, 2)})
        if not args.keep:
            for path in sorted(tmp.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            tmp.rmdir()
        if not args.json:
            r = results[-1]
            print(f"{n:>8,} accounts: plan {r['wall_s']:7.2f} s wall, {r['cpu_s']:7.2f} s CPU, "
                  f"{r['ms_per_account']:.3f} ms/account, peak PSS {r['peak_pss_mib']:.0f} MiB "
                  f"({r['worker_processes']} workers), largest process RSS "
                  f"{r['peak_rss_largest_process_mib']:.0f} MiB; import {r['import_s']} s; load {r['load_avg_1m']}",
                  flush=True)
    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
