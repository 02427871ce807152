"""Score `Coach.review` on an evaluation file (tests/review/eval_locked.yaml, tuning.yaml).

Expected findings are per sentence (found by a unique substring; "a|b" means either code
counts), per message (text_codes, missing parts) and per number (unsupported). Every sentence
that is not listed is a good sentence and must get no finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from assistant.yaml_io import read_yaml


HERE = Path(__file__).parent


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    good_sentences: int = 0
    good_flagged: int = 0
    by_kind: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)  # expected findings not found
    false_flags: list = field(default_factory=list)  # good sentences flagged, parts wrongly missing
    wrong_verdicts: list = field(default_factory=list)
    good_texts_failed: list = field(default_factory=list)

    def hit(self, kind: str, ok: bool, what: str) -> None:
        self.expected += 1
        self.found += ok
        total, got = self.by_kind.get(kind, (0, 0))
        self.by_kind[kind] = (total + 1, got + ok)
        if not ok:
            self.misses.append(what)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def false_flag_rate(self) -> float:
        return self.good_flagged / self.good_sentences if self.good_sentences else 0.0


def load_cases(name: str) -> tuple[dt.date, list[dict]]:
    data = read_yaml(HERE / name)
    return data["today"], data["cases"]


def _missing_by_message(case: dict, count: int) -> dict[int, set]:
    missing = case.get("missing") or []
    if isinstance(missing, dict):
        return {int(k): set(v or []) for k, v in missing.items()}
    return {n: set(missing) for n in range(1, count + 1)}


def score_case(coach, today: dt.date, case: dict, score: Score) -> None:
    text = case["text"]
    result = coach.review(case["account"], case["product"], text, change=case.get("change"),
                          pitch_to=case.get("to"), today=today, user="evaluation")
    cid = case["id"]
    if case.get("verdict") and result.play.verdict != case["verdict"]:
        score.wrong_verdicts.append(f"{cid}: verdict {result.play.verdict}, expected {case['verdict']}")
    sentences = [(m, s) for m in result.messages for s in m.sentences if s.role != "closing"]
    flagged_codes: dict[tuple[int, int], set] = {}
    for message in result.messages:
        for finding in message.findings:
            if finding.sentence is not None:
                flagged_codes.setdefault((message.number, finding.sentence), set()).add(finding.code)
    listed = set()
    for flag in case.get("flags") or []:
        owner = [(m, s) for m, s in sentences if flag["sentence"] in text[s.start:s.end]]
        assert len(owner) == 1, f"{cid}: '{flag['sentence']}' is in {len(owner)} sentences"
        message, sentence = owner[0]
        key = (message.number, sentence.number)
        listed.add(key)
        got = flagged_codes.get(key, set())
        for expected in flag["codes"]:
            alternatives = set(expected.split("|"))
            score.hit("sentence", bool(alternatives & got),
                      f"{cid}: '{flag['sentence']}' expected {expected}, got {sorted(got) or 'nothing'}")
    clean = True
    for message, sentence in sentences:
        key = (message.number, sentence.number)
        if key in listed:
            continue
        score.good_sentences += 1
        if key in flagged_codes:
            score.good_flagged += 1
            clean = False
            score.false_flags.append(f"{cid}: good sentence '{text[sentence.start:sentence.end]}' "
                                     f"flagged {sorted(flagged_codes[key])}")
    text_codes = {f.code for m in result.messages for f in m.findings if f.sentence is None}
    for code in case.get("text_codes") or []:
        score.hit("text", code in text_codes, f"{cid}: expected {code} on the text, got {sorted(text_codes)}")
    for code in text_codes - set(case.get("text_codes") or []):
        clean = False
        score.false_flags.append(f"{cid}: unexpected text finding {code}")
    expected_missing = _missing_by_message(case, len(result.messages))
    for message in result.messages:
        got = {m.part for m in message.missing}
        want = expected_missing.get(message.number, set())
        for part in sorted(want):
            score.hit("missing", part in got, f"{cid}: message {message.number} should miss {part}, got {sorted(got)}")
        for part in sorted(got - want):
            clean = False
            score.false_flags.append(f"{cid}: message {message.number} wrongly missing {part}")
    reported = [u.text.casefold() for m in result.messages for u in m.unsupported]
    for number in case.get("unsupported") or []:
        want = str(number).casefold()
        score.hit("unsupported", any(want in r or r in want for r in reported),
                  f"{cid}: unsupported '{number}' not reported (got {reported})")
    if len(reported) > len(case.get("unsupported") or []):
        clean = False
        score.false_flags.append(f"{cid}: unsupported numbers {reported}, expected {case.get('unsupported') or []}")
    if case["category"] == "good" and not clean:
        score.good_texts_failed.append(cid)


def evaluate(coach, name: str) -> Score:
    today, cases = load_cases(name)
    score = Score()
    for case in cases:
        score_case(coach, today, case, score)
    return score


def report(score: Score) -> str:
    kinds = ", ".join(f"{k} {g}/{t}" for k, (t, g) in sorted(score.by_kind.items()))
    lines = [f"findings found: {score.found}/{score.expected} = {score.recall:.1%} ({kinds})",
             f"good sentences flagged: {score.good_flagged}/{score.good_sentences} = {score.false_flag_rate:.1%}"]
    lines += [f"  MISS {m}" for m in score.misses] + [f"  FALSE {f}" for f in score.false_flags]
    lines += [f"  VERDICT {v}" for v in score.wrong_verdicts]
    return "\n".join(lines)
