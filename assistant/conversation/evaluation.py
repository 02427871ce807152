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
from typing import Callable, Literal

from assistant.yaml_io import read_yaml
from pydantic import Field, model_validator

from assistant.conversation.answer import Answer
# A fact the AM stated earlier at the account holds on a follow-up on the play and is shown again as
# said earlier (README, "What carries across a session"): not one "applied from the words" of a
# blocker-free follow-up, so no false positive there. A check (a take-back "what if it weren't for my
# quarter?" is read as one) is no such follow-up: a fact wrongly kept there still counts.
from assistant.conversation.follow_ups import PLAY_FOLLOW_UPS
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
    ask_back: str | None = None  # the ask-back kind expected (account, product, play, question, intent ...)
    candidates: list[str] = Field(default_factory=list)  # each must be offered (kind intent: by intent name)
    applied: list[str] = Field(default_factory=list)  # rules (or blocker ids) the AM's words must bring in
    blockers: list[str] = Field(default_factory=list)  # reason codes the words state: applied, or asked about


class Turn(_Strict):
    say: str
    expect: Expect


class Case(_Strict):
    id: str | None = None
    # A development set's cases are tuned on (`tune`) or kept aside and scored only at the end
    # (`held_out`): a check that what was tuned generalises (tests/conversation/dev_phrasings.yaml).
    part: Literal["tune", "held_out"] = "tune"
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
    multi_turn: bool = False
    stated_before: frozenset[str] = frozenset()  # codes the case's earlier turns stated at this turn's account

    def applied_from_words(self) -> set[str]:
        """The rules and blocker ids applied, less a fact carried from an earlier turn that stated it
        (`how: earlier`) on a follow-up on the play (PLAY_FOLLOW_UPS)."""
        carried_ok = self.expected.intent in PLAY_FOLLOW_UPS
        return {code for a in self.answer.applied
                if not (carried_ok and a.how == "earlier" and (a.rule in self.stated_before or a.id in self.stated_before))
                for code in (a.rule, a.id) if code}

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

    # -- blockers in the AM's words (the locked set's targets) --------------------------------
    def blocker_recall(self) -> tuple[int, int]:
        """(stated blockers applied or asked about, stated blockers)."""
        hits = total = 0
        for result in self.results:
            seen = applied_rules(result.answer) | asked_codes(result.answer)
            total += len(result.expected.blockers)
            hits += sum(code in seen for code in result.expected.blockers)
        return hits, total

    def missed_blockers(self) -> list[tuple[TurnResult, str]]:
        out = []
        for result in self.results:
            seen = applied_rules(result.answer) | asked_codes(result.answer)
            out += [(result, code) for code in result.expected.blockers if code not in seen]
        return out

    def _blocker_free(self) -> list[TurnResult]:
        return [r for r in self.results if not r.expected.blockers and not r.expected.applied]

    def false_positives(self, blocker_codes: set[str]) -> tuple[list[TurnResult], int]:
        """(blocker-free messages that got a blocker applied from their words, blocker-free messages)."""
        free = self._blocker_free()
        return [r for r in free if r.applied_from_words() & blocker_codes], len(free)

    def needless_questions(self) -> tuple[list[TurnResult], int]:
        """(blocker-free messages the coach asked a blocker question about, blocker-free messages)."""
        free = self._blocker_free()
        return [r for r in free if asked_codes(r.answer)], len(free)

    def sessions(self) -> dict[str, bool]:
        """Multi-turn cases: passed when every turn is read right and every stated blocker is seen."""
        missed = {id(r) for r, _ in self.missed_blockers()}
        out: dict[str, bool] = {}
        for result in self.results:
            if result.multi_turn:
                out[result.case] = out.get(result.case, True) and result.ok and id(result) not in missed
        return out


def load_phrasings(path: Path, part: str | None = None) -> PhrasingsFile:
    """The file's cases, or only those of one part (`tune` or `held_out`)."""
    spec = PhrasingsFile.model_validate(read_yaml(Path(path)))
    if part is not None:
        spec.cases = [case for case in spec.cases if case.part == part]
    return spec


def applied_rules(answer: Answer) -> set[str]:
    return {a.rule for a in answer.applied if a.rule} | {a.id for a in answer.applied}


def asked_codes(answer: Answer) -> set[str]:
    """The reason codes the coach asked about: whether the AM's words meant a blocker, or (for an
    executive without a view of the first deal) which executive it is."""
    ask = answer.ask_back
    return set(getattr(ask, "codes", None) or []) if ask is not None else set()


def check(expect: Expect, answer: Answer) -> list[str]:
    """What is wrong with the reading (intent, names, ask-backs, rules that had to be applied).

    A question about a stated blocker is the right answer to a message that states one (see
    `blocker_outcome`), so it is never a reading problem here."""
    problems = []
    if answer.intent != expect.intent:
        problems.append(f"intent {answer.intent!r}, expected {expect.intent!r}")
    for key in ENTITY_KEYS:
        wanted = getattr(expect, key)
        if wanted is not None and answer.entities.get(key) != wanted:
            problems.append(f"{key} {answer.entities.get(key)!r}, expected {wanted!r}")
    asked = answer.ask_back.kind if answer.ask_back else None
    if asked == "blocker" and not expect.ask_back:
        asked = None
    # (an unread message may be answered with "I didn't understand" or with the closest intents)
    if expect.ask_back != asked and not (expect.intent == "unclear" and asked in ("question", "intent")
                                         and not expect.ask_back):
        problems.append(f"ask-back {asked!r}, expected {expect.ask_back!r}")
    offered = [*answer.ask_back.candidates, *answer.ask_back.intents] if answer.ask_back else []
    problems += [f"candidate {c!r} not offered (offered {offered})" for c in expect.candidates if c not in offered]
    rules = applied_rules(answer)
    problems += [f"rule {r!r} not applied from the words (got {sorted(filter(None, rules))})"
                 for r in expect.applied if r not in rules]
    return problems


def run_phrasings(spec: PhrasingsFile, conversation: Callable[[str], object]) -> Report:
    """`conversation(session_id)` returns a Conversation; each case gets its own session."""
    report = Report()
    for number, case in enumerate(spec.cases, 1):
        name = case.id or f"case {number}"
        chat = conversation(f"eval-{number}")
        stated: dict[str | None, set[str]] = defaultdict(set)  # expected account -> codes its turns stated
        account = None
        for turn in case.turns:
            answer = chat.ask(turn.say)
            account = turn.expect.account or account
            report.results.append(TurnResult(name, turn.say, turn.expect, answer, check(turn.expect, answer),
                                             multi_turn=len(case.turns) > 1, stated_before=frozenset(stated[account])))
            stated[account] |= {*turn.expect.blockers, *turn.expect.applied}
    return report
