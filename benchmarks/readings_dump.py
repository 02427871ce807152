"""Every turn's whole Answer for the tuned parts of the development sets and the scripted sessions,
as JSON: a speed change must leave each of them exactly as it was (compare two dumps with --compare).

Run: .venv/bin/python benchmarks/readings_dump.py OUT.json [--phrasings FILE ...]
     .venv/bin/python benchmarks/readings_dump.py --compare BEFORE.json AFTER.json

Each file is played in a world of its own (bench_conversation.py's), its `tune` part only. The
locked sets are refused unread (issue 14: nobody who changes the reading may see their lines).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_conversation import default_phrasings  # noqa: E402  (after the path is set)


class LockedSet(ValueError):
    pass


def refuse_locked(path: Path) -> Path:
    if Path(path).name.startswith("locked"):
        raise LockedSet(f"{Path(path).name} is a locked evaluation set: it is never played for tuning or comparing")
    return Path(path)


def dump(paths: list[Path]) -> dict:
    from assistant.conversation import Conversation
    from assistant.conversation.evaluation import load_phrasings, run_phrasings
    from benchmarks.bench_conversation import _NoKnowledge, _world

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, path in enumerate(paths):
            spec = load_phrasings(refuse_locked(path), part="tune")
            coach = _world(Path(tmp) / f"file-{number}", [spec])
            report = run_phrasings(spec, lambda session, spec=spec, coach=coach, number=number: Conversation(
                coach, f"{number}-{session}", spec.user, today=spec.today, knowledge=_NoKnowledge()))
            out[path.name] = [{"case": r.case, "say": r.say,
                               "answer": r.answer.model_dump(mode="json", exclude={"session_id"})}
                              for r in report.results]
    return out


def compare(before: dict, after: dict) -> list[str]:
    """One line per turn whose answer differs (and per file missing from either)."""
    lines = [f"{name}: only in one dump" for name in sorted(set(before) ^ set(after))]
    for name in sorted(set(before) & set(after)):
        if len(before[name]) != len(after[name]):
            lines.append(f"{name}: {len(before[name])} turns before, {len(after[name])} after")
            continue
        for old, new in zip(before[name], after[name]):
            if old != new:
                keys = sorted(k for k in {*old["answer"], *new["answer"]}
                              if old["answer"].get(k) != new["answer"].get(k))
                lines.append(f"{name}: {old['case']}: {old['say']!r}: {', '.join(keys) or 'case or words'}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--phrasings", type=Path, nargs="*")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        differ = compare(before, after)
        print("\n".join(differ) or f"same: {sum(len(v) for v in before.values())} turns in {len(before)} files")
        sys.exit(1 if differ else 0)
    if args.out is None:
        parser.error("give OUT.json, or --compare BEFORE AFTER")
    paths = args.phrasings or default_phrasings()
    try:
        result = dump([refuse_locked(p) for p in paths])
    except LockedSet as exc:
        sys.exit(f"error: {exc}")
    args.out.write_text(json.dumps(result, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{sum(len(v) for v in result.values())} turns of {len(result)} files -> {args.out}")


if __name__ == "__main__":
    main()
