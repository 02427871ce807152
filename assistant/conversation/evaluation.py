"""Run a phrasings file (tests/conversation/phrasings.yaml) and score what the coach understood.

A case is one session: a sequence of turns, each with what the AM typed and the expected intent
and names (only the keys given are checked). A turn passes when every expected key matches;
an ask-back that was not expected fails the turn. Used by the test and the benchmark.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.yaml_io import read_yaml
from pydantic import Field, model_validator

from assistant.conversation.answer import Answer
from assistant.strict import StrictModel

ENTITY_KEYS = ("account", "product", "person", "change", "topic")


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class Expect(_Strict):
    intent: str
    account: str | None = None
    product: str | None = None
    person: str | None = None
    change: str | None = None
    topic: str | None = None
    ask_back: str | None = None  # the ask-back kind expected (account, product, play, question ...)
    candidates: list[str] = Field(default_factory=list)  # each must be offered
    applied: list[str] = Field(default_factory=list)  # rules (or blocker ids) the AM's words must bring in


class Turn(_Strict):
    say: str
    expect: Expect


class Case(_Strict):
    id: str | None = None
    turns: list[Turn] = Field(default_factory=list)
    say: str | None = None
    expect: Expect | None = None

    @model_validator(mode="after")
    def _one_form(self):
        if self.say is not None:
            if self.turns or self.expect is None:
                raise ValueError("a case is either say+expect or turns")
            self.turns = [Turn(say=self.say, expect=self.expect)]
        if not self.turns:
            raise ValueError("a case needs say+expect or turns")
        return self


class PhrasingsFile(_Strict):
    today: dt.date
    user: str | None = None
    accounts: list[dict] = Field(default_factory=list)  # added to the demo book (e.g. for ambiguity)
    cases: list[Case]


@dataclass
class TurnResult:
    case: str
    say: str
    expected: Expect
    answer: Answer
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    results: list[TurnResult] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(r.ok for r in self.results) / len(self.results) if self.results else 0.0

    def by_intent(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for result in self.results:
            counts[result.expected.intent][0] += result.ok
            counts[result.expected.intent][1] += 1
        return {intent: (ok, total) for intent, (ok, total) in sorted(counts.items())}

    def failures(self) -> list[TurnResult]:
        return [r for r in self.results if not r.ok]


def load_phrasings(path: Path) -> PhrasingsFile:
    return PhrasingsFile.model_validate(read_yaml(Path(path)))


def check(expect: Expect, answer: Answer) -> list[str]:
    problems = []
    if answer.intent != expect.intent:
        problems.append(f"intent {answer.intent!r}, expected {expect.intent!r}")
    for key in ENTITY_KEYS:
        wanted = getattr(expect, key)
        if wanted is not None and answer.entities.get(key) != wanted:
            problems.append(f"{key} {answer.entities.get(key)!r}, expected {wanted!r}")
    asked = answer.ask_back.kind if answer.ask_back else None
    if expect.ask_back != asked and not (expect.intent == "unclear" and asked == "question" and not expect.ask_back):
        problems.append(f"ask-back {asked!r}, expected {expect.ask_back!r}")
    offered = answer.ask_back.candidates if answer.ask_back else []
    problems += [f"candidate {c!r} not offered (offered {offered})" for c in expect.candidates if c not in offered]
    rules = {a.rule for a in answer.applied} | {a.id for a in answer.applied}
    problems += [f"rule {r!r} not applied from the words (got {sorted(filter(None, rules))})"
                 for r in expect.applied if r not in rules]
    return problems


def run_phrasings(spec: PhrasingsFile, conversation: Callable[[str], object]) -> Report:
    """`conversation(session_id)` returns a Conversation; each case gets its own session."""
    report = Report()
    for number, case in enumerate(spec.cases, 1):
        name = case.id or f"case {number}"
        chat = conversation(f"eval-{number}")
        for turn in case.turns:
            answer = chat.ask(turn.say)
            report.results.append(TurnResult(name, turn.say, turn.expect, answer, check(turn.expect, answer)))
    return report
