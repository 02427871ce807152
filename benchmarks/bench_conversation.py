"""Conversation benchmark: how well the coach reads questions, and how fast it answers them.

Run: .venv/bin/python benchmarks/bench_conversation.py [--rounds 20] [--phrasings FILE ...]
     [--with-knowledge] [--json] [--results benchmarks/RESULTS-conversation.md] [--understanding-only]

1. Accuracy: every phrasings file (default tests/conversation/phrasings.yaml) is played over a
   temporary store holding the demo portfolio; accuracy overall and by expected intent.
2. Answer time with a warm process: one `Conversation.ask` per question of a fixed session
   script (check, follow-ups, why, sponsor, template-drafted talk track, plays, QBR, focus, help),
   after one warm-up pass; `--rounds` passes, each in a fresh session. That is the time a
   running web or Slack worker spends per question (store reads, rules, drafting, audit write).
   Framework questions are left out unless --with-knowledge (the embedding model is loaded once
   before timing).
3. Understanding alone (patterns, names, meaning, session; no verdict), warm: the time from a
   message to its reading, for plain questions and for stories the embedding model reads.
4. Cold `coach ask` through the console script, once: start-up included, and whether the
   embedding model (onnxruntime, sentence_transformers or torch) was imported for a question the patterns read.
Timed (2 to 4) over the demo book alone, whatever accounts the scored files declare.
Offline: the template drafter, no LLM; nothing is kept after the run. By default the tuning
set and the development sets are scored (dev_phrasings.yaml; _b: Slack style, fragments,
typos; _c: long stories, several facts; _d: sessions and the rarer intents; _e: blockers told beside
questions other than "should I pitch", drafts, plays, reviews; _f: sessions first, reviews in chat,
remarks, blocker near-misses, names that resemble each other; _g: names said loosely, often-confused
intents, sessions, blockers in words; _h: products by what they do, people by role, blockers in
figures and slang; _i: voice dictation, to-do items, deal-desk questions, Slack quotes, corrections,
inside the quota window; _j: formal email, run-on texts, partners asking for the AM, choices between two,
key: value facts, self-answered questions, the eleventh round's validation set; _k: a CSM handing over,
questions asked as negatives, the answer first, markdown notes, autocorrect slips, the twelfth round's
validation set; _l: an AM new to the book mixing up accounts, sales engineers and partner managers,
dictation, quoted email threads, the conditional, British idiom, the thirteenth round's validation set; _m:
CRM field dumps, a first-week AM, goals stated, products said short, the fourteenth round's validation set;
_n: the fifteenth round's validation set; _o: autocorrect, forwarded questions, idiom, quoted customers,
meeting notes; _p: figures, text-speak, pasted Slack threads, messages finished in the next turn; _q:
Singaporean and Malaysian English, call transcripts, ticket and spreadsheet rows, numbered questions, minds
changed mid-message, the twentieth round's validation set)
and the scripted sessions
(session_phrasings.yaml); each file in a world of its own, the demo book plus the accounts the file
declares. A file whose cases name parts, like the development sets, is scored per part: `tune` and `held_out`. Pass the locked sets with --phrasings for their
scores (they are never used for tuning). --results writes the whole measured section, with the
load average before and after, into that file (between two marker lines, the rest kept).
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
STORIES = [  # read by meaning (the model): facts in the AM's own words, question at the end
    "Had a good call with Dana yesterday, usage is way up. Should I bring up Data Quality with Acme?",
    "They have been quite upset with us lately, but is Kestrel ready for more seats?",
    "I really want this one in before our fiscal year closes, can I pitch Governance to Orchid?",
    "where should I put my energy for the next three months",
    "Juniper keeps talking about a competitor. Upgrade them?",
]


class _NoKnowledge:
    def search(self, query: str, k: int = 5):
        return []


def _world(data_dir: Path, phrasings):
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.domain import Account

    coach = Coach(Settings(data_dir=data_dir, llm_base_url=None, llm_model=None))
    extra = list({a["name"]: Account.model_validate(a) for spec in phrasings for a in spec.accounts}.values())
    if extra:
        coach.store.import_accounts(extra)
    return coach


def _parts(path: Path, spec):
    """(label, spec) per part of the file: the whole file, or its `tune` and `held_out` parts."""
    parts = sorted({case.part for case in spec.cases})
    if parts == ["tune"]:
        return [(path.name, spec)]
    return [(f"{path.name} ({part})", spec.model_copy(update={"cases": [c for c in spec.cases if c.part == part]}))
            for part in parts]


def accuracy(coach, phrasings, embed=None) -> dict:
    from assistant.conversation import Conversation
    from assistant.conversation.evaluation import run_phrasings

    blocker_codes = {c for c, spec in coach.ruleset.reason_codes.items() if spec.get("kind") in ("blocker", "note")}
    out = {}
    for label, spec in [part for path, whole in phrasings for part in _parts(path, whole)]:
        report = run_phrasings(spec, lambda s, spec=spec: Conversation(coach, f"{id(spec)}-{s}", spec.user,
                                                                      today=spec.today, knowledge=_NoKnowledge(),
                                                                      embed=embed))
        hits, stated = report.blocker_recall()
        wrong, free = report.false_positives(blocker_codes)
        asked, _ = report.needless_questions()
        sessions = report.sessions()
        out[label] = {
            "turns": len(report.results), "accuracy": report.accuracy,
            "blockers": {"stated": stated, "seen": hits, "recall": hits / stated if stated else None,
                         "blocker_free": free, "applied_wrongly": len(wrong),
                         "false_positive_rate": len(wrong) / free if free else None,
                         "asked_needlessly": len(asked),
                         "ask_rate": len(asked) / free if free else None},
            "sessions": {"total": len(sessions), "passed": sum(sessions.values())},
            "by_intent": {k: {"ok": ok, "total": n, "accuracy": ok / n} for k, (ok, n) in report.by_intent().items()},
            "failures": [{"case": r.case, "say": r.say, "problems": r.problems} for r in report.failures()],
            "missed_blockers": [{"case": r.case, "say": r.say, "code": c} for r, c in report.missed_blockers()],
            "false_positives": [{"case": r.case, "say": r.say, "applied": [a.rule for a in r.answer.applied]}
                                for r in wrong],
        }
    return out


def accuracy_per_file(data_dir: Path, phrasings, embed=None) -> dict:
    """Each file scored in a world of its own (the demo book plus only its own extra accounts), as its
    test reads it: one file's extra "Harbor" must not make "Harbor" ambiguous for another file."""
    out = {}
    for number, (path, spec) in enumerate(phrasings):
        out.update(accuracy(_world(data_dir / f"file-{number}", [spec]), [(path, spec)], embed=embed))
    return out


def understanding(coach, rounds: int, embed=None) -> dict:
    """Message -> reading (intent, names, blockers, session), no verdict: warm, per message."""
    import datetime as dt

    from assistant.conversation import Conversation
    from assistant.conversation.known_names import KnownNames

    today = dt.date.fromisoformat(TODAY)
    groups = {"patterns": SCRIPT, "meaning": STORIES}
    result = {}
    for name, script in groups.items():
        times, cpu = [], []
        for number in range(rounds + 1):
            chat = Conversation(coach, f"read-{name}-{number}", "Jordan Blake", today=today,
                                knowledge=_NoKnowledge(), embed=embed)
            for question in script:
                state = chat.memory.load()
                world = KnownNames(coach, chat.book, None, None, chat.reader.spec.names)
                chat.reader.meaning.forget_recent()  # each message is timed as if never seen before
                started, started_cpu = time.perf_counter(), time.process_time()
                chat._understand(question, state, world)
                elapsed = (time.perf_counter() - started) * 1000
                if number:
                    times.append(elapsed)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                chat.ask(question)  # the session moves on as in a chat
        # CPU time as well as wall time: on a shared machine the wall time also measures the queue.
        result[name] = {"n": len(times), "p50_ms": statistics.median(times), "p95_ms": _percentile(times, 0.95),
                        "max_ms": max(times), "cpu_p50_ms": statistics.median(cpu),
                        "cpu_p95_ms": _percentile(cpu, 0.95)}
    return result


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


def cold_ask(data_dir: Path) -> dict:
    coach = Path(sys.executable).with_name("coach")
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    env.pop("COACH_LLM_BASE_URL", None)
    started = time.perf_counter()
    subprocess.run([str(coach), "ask", SCRIPT[0], "--today", TODAY], env=env, check=True, capture_output=True)
    elapsed = (time.perf_counter() - started) * 1000
    probe = ("import sys; from assistant.cli.main import app\n"
             "try:\n    app(['ask', sys.argv[1], '--today', sys.argv[2]])\nexcept SystemExit:\n    pass\n"
             "print('MODEL' if {'torch', 'sentence_transformers', 'onnxruntime'} & set(sys.modules) else 'NO-MODEL', "
             "file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, SCRIPT[0], TODAY], env=env, capture_output=True, text=True)
    return {"ms": elapsed, "model_loaded": "NO-MODEL" not in run.stderr}


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


START, END = "<!-- bench_conversation.py: start -->", "<!-- bench_conversation.py: end -->"


def results_section(result: dict, rounds: int) -> str:
    """The measured section of RESULTS-conversation.md: every figure of this run, and the machine."""
    m = result["machine"]
    lines = [START, "## Measured by `benchmarks/bench_conversation.py`", "",
             f"Run {m['date']} on {m['cpus']} CPUs; load average (1, 5, 15 min) {m['load_before']} before and "
             f"{m['load_after']} after the run. Template drafter, no LLM, SQLite in a temporary directory.", "",
             "### How well it reads (intent and names; blockers in words)", "",
             "| set | turns | intent + entities | stated blockers applied or asked | blocker applied to a blocker-free "
             "message | blocker-free message asked about | multi-turn sessions |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, acc in result["accuracy"].items():
        b, sessions = acc["blockers"], acc["sessions"]
        seen = f"{b['seen']}/{b['stated']} ({b['recall']:.1%})" if b["stated"] else "-"
        wrong = f"{b['applied_wrongly']}/{b['blocker_free']} ({b['false_positive_rate']:.1%})" if b["blocker_free"] else "-"
        asked = f"{b['asked_needlessly']}/{b['blocker_free']} ({b['ask_rate']:.1%})" if b["blocker_free"] else "-"
        lines.append(f"| {name} | {acc['turns']} | {acc['accuracy']:.1%} | {seen} | {wrong} | {asked} | "
                     f"{sessions['passed']}/{sessions['total']} |")
    u = result["understanding"]
    lines += ["", f"### Understanding one message, warm (no verdict; {rounds} rounds)", "", *_understanding_table(u)]
    t = result["timing"]
    lines += ["", f"### Answer time, warm process ({t['rounds']} rounds x {t['questions']} questions)", "",
              "| intent | n | p50 ms | p95 ms | max ms |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {intent} | {row['n']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} |"
              for intent, row in [*t["by_intent"].items(), ("all", t["all"])]]
    cold = result["cold_ask"]
    lines += ["", f"Cold `coach ask` (console script, start-up included): {cold['ms']:.0f} ms; embedding model "
                  f"loaded for a question the patterns read: {'yes' if cold['model_loaded'] else 'no'}.", END]
    return "\n".join(lines) + "\n"


def _understanding_table(rows: dict) -> list[str]:
    head = ["| messages | n | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    return head + [f"| {name} | {row['n']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} | "
                   f"{row['cpu_p50_ms']:.1f} | {row['cpu_p95_ms']:.1f} |" for name, row in rows.items()]


def write_results(path: Path, result: dict, rounds: int) -> None:
    """Replace the measured section of the file (between the markers), or add it at the end."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Conversation: results\n"
    section = results_section(result, rounds)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def default_phrasings() -> list[Path]:
    """The tuning set, every development set (a new one is scored once it is in tests/conversation/) and the
    scripted sessions; never a locked set."""
    folder = ROOT / "tests/conversation"
    return [folder / "phrasings.yaml", *sorted(folder.glob("dev_phrasings*.yaml")), folder / "session_phrasings.yaml"]


def timing_world(data_dir: Path):
    """The demo book alone: the timed messages name only its accounts, and an extra account a phrasings file
    declares (one sharing a first word with a demo account) would turn a timed message into an ask-back."""
    return _world(data_dir / "timing", [])


def main() -> None:
    from assistant.conversation.evaluation import load_phrasings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--phrasings", type=Path, nargs="*", default=default_phrasings())
    parser.add_argument("--with-knowledge", action="store_true", help="also time framework questions")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--results", type=Path, help="write the measured section into this Markdown file")
    parser.add_argument("--understanding-only", action="store_true",
                        help="time only the understanding of a message (to compare two versions back to back)")
    args = parser.parse_args()
    if args.understanding_only and args.results:
        parser.error("--results writes every figure: leave out --understanding-only")
    phrasings = [(p, load_phrasings(p)) for p in args.phrasings]
    load_before = _loadavg()
    if args.understanding_only:
        with tempfile.TemporaryDirectory() as tmp:
            rows = understanding(timing_world(Path(tmp)), args.rounds)
        print(json.dumps(rows, indent=2) if args.json else
              "\n".join([f"load average {load_before} before, {_loadavg()} after", *_understanding_table(rows)]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        coach = timing_world(Path(tmp))
        result = {"accuracy": accuracy_per_file(Path(tmp), phrasings), "understanding": understanding(coach, args.rounds),
                  "timing": timing(coach, args.rounds, args.with_knowledge), "cold_ask": cold_ask(Path(tmp))}
    result["machine"] = {"cpus": os.cpu_count(), "load_before": load_before, "load_after": _loadavg(),
                         "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if args.results:
        write_results(args.results, result, args.rounds)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, acc in result["accuracy"].items():
        b, sessions = acc["blockers"], acc["sessions"]
        print(f"{name}: intent+entities {acc['accuracy']:.1%} of {acc['turns']} turns")
        if b["stated"]:
            print(f"  stated blockers applied or asked: {b['seen']}/{b['stated']} ({b['recall']:.1%})")
        if b["blocker_free"]:
            print(f"  blocker applied to blocker-free messages: {b['applied_wrongly']}/{b['blocker_free']} "
                  f"({b['false_positive_rate']:.1%}); asked needlessly: {b['asked_needlessly']} ({b['ask_rate']:.1%})")
        if sessions["total"]:
            print(f"  multi-turn sessions passed: {sessions['passed']}/{sessions['total']}")
        print("| intent | right | turns | accuracy |\n| --- | --- | --- | --- |")
        for intent, row in acc["by_intent"].items():
            print(f"| {intent} | {row['ok']} | {row['total']} | {row['accuracy']:.1%} |")
        for failure in acc["failures"]:
            print(f"  miss: {failure['case']}: {failure['say']!r}: {'; '.join(failure['problems'])}")
        for missed in acc["missed_blockers"]:
            print(f"  blocker not seen: {missed['case']}: {missed['say']!r}: {missed['code']}")
        for wrong in acc["false_positives"]:
            print(f"  blocker applied wrongly: {wrong['case']}: {wrong['say']!r}: {wrong['applied']}")
    print("\nUnderstanding a message (warm, no verdict):")
    print("\n".join(_understanding_table(result["understanding"])))
    t = result["timing"]
    print(f"\nAnswer time, warm process ({t['rounds']} rounds x {t['questions']} questions):")
    print("| intent | n | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- | --- |")
    for intent, row in [*t["by_intent"].items(), ("all", t["all"])]:
        print(f"| {intent} | {row['n']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} |")
    cold = result["cold_ask"]
    print(f"\nCold `coach ask` (start-up included): {cold['ms']:.0f} ms; embedding model loaded: "
          f"{'yes' if cold['model_loaded'] else 'no'}")


if __name__ == "__main__":
    main()
