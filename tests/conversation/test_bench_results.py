"""The conversation benchmark writes its own section of RESULTS-conversation.md (the figures of
the run and the machine's load), replacing the previous one and keeping the rest of the file."""

from __future__ import annotations

from assistant.conversation.evaluation import load_phrasings
from benchmarks.bench_conversation import END, START, write_results

ROW = {"n": 3, "p50_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0}
READ = {**ROW, "cpu_p50_ms": 0.5, "cpu_p95_ms": 1.5}


def _result(accuracy: float) -> dict:
    blockers = {"stated": 4, "seen": 4, "recall": 1.0, "blocker_free": 10, "applied_wrongly": 0,
                "false_positive_rate": 0.0, "asked_needlessly": 1, "ask_rate": 0.1}
    return {"accuracy": {"dev_phrasings.yaml (held_out)": {"turns": 14, "accuracy": accuracy, "blockers": blockers,
                                                           "sessions": {"total": 1, "passed": 1}}},
            "understanding": {"patterns": READ, "meaning": READ},
            "timing": {"rounds": 2, "questions": 3, "all": ROW, "by_intent": {"check_play": ROW}},
            "cold_ask": {"ms": 900.0, "model_loaded": False},
            "machine": {"cpus": 2, "load_before": "0.10 0.20 0.30", "load_after": "0.40 0.50 0.60",
                        "date": "2026-11-29 20:00 UTC"}}


def test_the_measured_section_is_written_then_replaced_and_the_rest_kept(tmp_path):
    path = tmp_path / "RESULTS-conversation.md"
    path.write_text("# Conversation: results\n\nWritten by hand.\n")
    write_results(path, _result(0.5), rounds=2)
    first = path.read_text()
    assert "Written by hand." in first and first.count(START) == 1 and first.count(END) == 1
    assert "| dev_phrasings.yaml (held_out) | 14 | 50.0% | 4/4 (100.0%) | 0/10 (0.0%) | 1/10 (10.0%) | 1/1 |" in first
    assert "0.10 0.20 0.30 before and 0.40 0.50 0.60 after" in first
    assert "| patterns | 3 | 1.0 | 2.0 | 3.0 | 0.5 | 1.5 |" in first  # wall and CPU time of a reading
    write_results(path, _result(0.75), rounds=2)
    second = path.read_text()
    assert second.count(START) == 1 and "75.0%" in second and "50.0%" not in second
    assert "Written by hand." in second


def test_timing_world_is_the_demo_book_whatever_the_sets_declare(tmp_path):
    """The timed messages name demo accounts: an extra account a development set declares (one sharing a first word
    with a demo account) must not turn a timed message into an ask-back and change what is measured."""
    from assistant.demo.loader import DEMO_DIR
    from assistant.importers.snapshot import read_accounts
    from benchmarks.bench_conversation import default_phrasings, timing_world

    declared = {a["name"] for p in default_phrasings() for a in (load_phrasings(p).accounts or [])}
    demo = {a.name for a in read_accounts(DEMO_DIR / "accounts.yaml")[0]}
    assert declared - demo, "the development sets declare extra accounts: the check below means something"
    assert set(timing_world(tmp_path).account_names()) == demo


def test_default_sets_are_the_development_sets_and_never_a_locked_one():
    from benchmarks.bench_conversation import ROOT, default_phrasings

    names = [p.name for p in default_phrasings()]
    assert not [n for n in names if n.startswith("locked")]
    on_disk = sorted(p.name for p in (ROOT / "tests/conversation").glob("*phrasings*.yaml")
                     if not p.name.startswith(("locked", "intent_", "learn_", "names_")))
    assert sorted(names) == on_disk
