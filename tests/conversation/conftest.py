"""A chat world in tmp_path: the demo portfolio (loaded once per session, copied per test), a clock the tests can
move (session expiry), and `transcript`, which lets a test read like a conversation."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from assistant.coach import Coach
from assistant.config import Settings
from assistant.conversation import Conversation
from assistant.demo.loader import open_store
from tests.support.demo_copies import copy_demo, demo_with_accounts

TODAY = dt.date(2026, 11, 3)  # mid-quarter: the vendor's quarter ends 2026-12-31
NIMBUS_ANALYTICS = {  # makes "Nimbus" ambiguous next to the demo's Nimbus Software
    "name": "Nimbus Analytics", "owner": "Maya Lindqvist",
    "owns": [{"product": "Data Platform", "tier": "Standard", "capacity": 200, "used": 150}],
}


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 3, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


class NoKnowledge:
    """Stands in for the framework search (no embedding model in unit tests)."""

    def __init__(self, passages=()):
        self.passages, self.queries = list(passages), []

    def search(self, query: str, k: int = 5):
        self.queries.append(query)
        return self.passages[:k]


class MemoEmbedder:
    """The shipped MiniLM model (loaded on first use), remembering every text it embedded: one
    model and one embedding per text for the whole test session."""

    def __init__(self):
        from assistant.conversation.meaning import ModelEmbedder

        self.model = ModelEmbedder(None)
        self.memo: dict[str, object] = {}
        self.calls = 0

    def __call__(self, texts):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            self.calls += 1
            self.memo.update(zip(missing, self.model(missing)))
        return np.stack([self.memo[t] for t in texts])


@pytest.fixture(scope="session")
def embedder() -> MemoEmbedder:
    return MemoEmbedder()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def chat_world_template(tmp_path_factory, demo_template) -> Path:
    """The demo book (tests/conftest.py's, loaded once) plus Nimbus Analytics, imported with the
    tests' start time (see `coach`)."""
    return demo_with_accounts(demo_template, tmp_path_factory.mktemp("chat-world") / "data", (NIMBUS_ANALYTICS,),
                              clock=Clock())


@pytest.fixture
def coach(tmp_path, clock, chat_world_template) -> Coach:
    """A Coach over a private copy of the chat world (a real SQLite store, opened with the test's clock)."""
    settings = Settings(data_dir=copy_demo(chat_world_template, tmp_path))
    store = open_store(settings, clock=clock)
    return Coach(settings, store=store)


@pytest.fixture
def chat(coach, embedder):
    """chat(session_id=None, user="jordan", **options) -> a Conversation on the demo book."""

    def make(session_id: str | None = None, user: str | None = "Jordan Blake", **options) -> Conversation:
        options.setdefault("today", TODAY)
        options.setdefault("knowledge", NoKnowledge())
        options.setdefault("embed", embedder)
        return Conversation(coach, session_id, user, **options)

    return make


def transcript(conversation: Conversation, script: str) -> list:
    """Play a script of `user:` lines; each following `coach:` line must appear in the answer.

    A `coach:` line is matched as a substring of the answer text; `coach(first):` must be the
    answer's first line's start (where the verdict is stated). Returns the answers.
    """
    answers, answer = [], None
    for raw in textwrap.dedent(script).strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        speaker, _, said = line.partition(":")
        said = said.strip()
        if speaker == "user":
            answer = conversation.ask(said)
            answers.append(answer)
        elif speaker == "coach":
            assert answer is not None, "a coach line needs a user line before it"
            assert said in answer.text, f"after {answer.question!r} expected {said!r} in:\n{answer.text}"
        elif speaker == "coach(first)":
            first = answer.text.splitlines()[0]
            assert first.startswith(said), f"after {answer.question!r} expected the answer to open with {said!r}:\n{first}"
        else:
            raise AssertionError(f"transcript line must start with user: or coach: ({line!r})")
    return answers
