"""Conversation benchmark: how well the coach reads questions, and how fast it answers them.

Run: .venv/bin/python benchmarks/bench_conversation.py [--rounds 20] [--phrasings FILE ...]
     [--with-knowledge] [--json]

1. Accuracy: every phrasings file (default tests/conversation/phrasings.yaml) is played over a
   temporary store holding the demo portfolio; accuracy overall and by expected intent.
2. Answer time with a warm process: one `Conversation.ask` per question of a fixed session
   script (check, follow-ups, why, sponsor, template-drafted talk track, plays, QBR, focus, help),
   after one warm-up pass; `--rounds` passes, each in a fresh session. That is the time a
   running web or Slack worker spends per question (store reads, rules, drafting, audit write).
   Framework questions are left out unless --with-knowledge (the embedding model is loaded once
   before timing).
3. Cold `coach ask` through the console script, once: start-up included.
Offline: the template drafter, no LLM; nothing is kept after the run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = "2026-11-03"
SCRIPT = [  # one session, in this order: what an AM types in a chat
    "should I pitch Data Quality to Acme?",
    "who should sponsor it?",
    "draft it",
    "and more seats?",
    "why?",
    "what about Borealis?",
    "why not?",
    "I need to close this before quarter end, should I pitch DQ to Acme",
    "what can I sell to Kestrel?",
    "give me the QBR talk track for Acme",
    "what should I focus on this quarter?",
    "should I pitch DQ to Zenith",
    "help",
]
KNOWLEDGE_SCRIPT = ["what does the framework say about bundling?"]


class _NoKnowledge:
    def search(self, query: str, k: int = 5):
        return []


def _world(data_dir: Path, phrasings):
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.domain import Account

    coach = Coach(Settings(data_dir=data_dir, llm_base_url=None, llm_model=None))
    extra = [Account.model_validate(a) for spec in phrasings for a in spec.accounts]
    if extra:
        coach.store.import_accounts(extra)
    return coach


def accuracy(coach, phrasings) -> dict:
    from assistant.conversation import Conversation
    from assistant.conversation.evaluation import Report, run_phrasings

    total = Report()
    for spec in phrasings:
        report = run_phrasings(spec, lambda s, spec=spec: Conversation(coach, f"{id(spec)}-{s}", spec.user,
                                                                      today=spec.today, knowledge=_NoKnowledge()))
        total.results += report.results
    return {"turns": len(total.results), "accuracy": total.accuracy,
            "by_intent": {k: {"ok": ok, "total": n, "accuracy": ok / n} for k, (ok, n) in total.by_intent().items()},
            "failures": [{"case": r.case, "say": r.say, "problems": r.problems} for r in total.failures()]}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timing(coach, rounds: int, with_knowledge: bool) -> dict:
    import datetime as dt

    from assistant.conversation import Conversation

    today = dt.date.fromisoformat(TODAY)
    script = SCRIPT + (KNOWLEDGE_SCRIPT if with_knowledge else [])
    knowledge = None if with_knowledge else _NoKnowledge()
    by_intent: dict[str, list[float]] = defaultdict(list)
    every: list[float] = []
    for number in range(rounds + 1):  # round 0 warms the process up and is not counted
        chat = Conversation(coach, f"bench-{number}", "Jordan Blake", today=today, knowledge=knowledge)
        for question in script:
            started = time.perf_counter()
            answer = chat.ask(question)
            elapsed = (time.perf_counter() - started) * 1000
            if number:
                by_intent[answer.intent].append(elapsed)
                every.append(elapsed)

    def summary(values):
        return {"n": len(values), "p50_ms": statistics.median(values), "p95_ms": _percentile(values, 0.95),
                "max_ms": max(values)}

    return {"rounds": rounds, "questions": len(script), "all": summary(every),
            "by_intent": {k: summary(v) for k, v in sorted(by_intent.items())}}


def cold_ask(data_dir: Path) -> float:
    coach = Path(sys.executable).with_name("coach")
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    env.pop("COACH_LLM_BASE_URL", None)
    started = time.perf_counter()
    subprocess.run([str(coach), "ask", SCRIPT[0], "--today", TODAY], env=env, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    from assistant.conversation.evaluation import load_phrasings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--phrasings", type=Path, nargs="*", default=[ROOT / "tests/conversation/phrasings.yaml"])
    parser.add_argument("--with-knowledge", action="store_true", help="also time framework questions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    phrasings = [load_phrasings(p) for p in args.phrasings]
    with tempfile.TemporaryDirectory() as tmp:
        coach = _world(Path(tmp), phrasings)
        result = {"accuracy": accuracy(coach, phrasings), "timing": timing(coach, args.rounds, args.with_knowledge),
                  "cold_ask_ms": cold_ask(Path(tmp))}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    acc = result["accuracy"]
    print(f"Accuracy: {acc['accuracy']:.1%} of {acc['turns']} turns ({', '.join(p.name for p in args.phrasings)})")
    print("| intent | right | turns | accuracy |\n| --- | --- | --- | --- |")
    for intent, row in acc["by_intent"].items():
        print(f"| {intent} | {row['ok']} | {row['total']} | {row['accuracy']:.1%} |")
    for failure in acc["failures"]:
        print(f"  miss: {failure['case']}: {failure['say']!r}: {'; '.join(failure['problems'])}")
    t = result["timing"]
    print(f"\nAnswer time, warm process ({t['rounds']} rounds x {t['questions']} questions):")
    print("| intent | n | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- | --- |")
    for intent, row in [*t["by_intent"].items(), ("all", t["all"])]:
        print(f"| {intent} | {row['n']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} |")
    print(f"\nCold `coach ask` (start-up included): {result['cold_ask_ms']:.0f} ms")


if __name__ == "__main__":
    main()
