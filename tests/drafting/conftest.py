"""Small worlds for draft approval and drafting: the shipped rules, the shared scenarios, a
scripted chat model that fails when called more often than expected, and an audit recorder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from assistant.approval import load_draft_checks
from assistant.config import PROJECT_ROOT, Settings
from assistant.domain import Account, Catalog, Verdict
from assistant.policy.engine import evaluate
from assistant.policy.rules import load_ruleset
from assistant.scenarios import Scenario, read_scenario

SHARED_SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"
RULES = PROJECT_ROOT / "rules"
KNOWLEDGE = PROJECT_ROOT / "knowledge"
PROMPTS = PROJECT_ROOT / "prompts"


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset(RULES, KNOWLEDGE)


@pytest.fixture(scope="session")
def checks():
    return load_draft_checks(RULES, KNOWLEDGE)


@dataclass
class World:
    scenario: Scenario
    account: Account
    catalog: Catalog
    verdict: Verdict


def scenario_path(prefix: str) -> Path:
    matches = sorted(SHARED_SCENARIOS.glob(f"{prefix}*.yaml"))
    assert matches, f"no shared scenario {prefix}* in {SHARED_SCENARIOS}"
    return matches[0]


def world_from(scenario: Scenario, ruleset) -> World:
    catalog = scenario.resolved_catalog(None)
    verdict = evaluate(ruleset, scenario.account, catalog, scenario.play, scenario.today)
    return World(scenario, scenario.account, catalog, verdict)


@pytest.fixture(scope="session")
def world(ruleset):
    """world("01") -> the shared scenario's account, catalog and verdict."""
    cache: dict[str, World] = {}

    def load(prefix: str) -> World:
        if prefix not in cache:
            cache[prefix] = world_from(read_scenario(scenario_path(prefix))[0], ruleset)
        return cache[prefix]

    return load


@pytest.fixture
def settings(tmp_path) -> Settings:
    # Explicit values override any COACH_* variables of the developer's shell.
    return Settings(data_dir=tmp_path / "data", llm_base_url=None, llm_model=None, llm_reasks=2,
                    rules_dir=RULES, knowledge_dir=KNOWLEDGE, prompts_dir=PROMPTS, load_demo=False)


class TooManyCalls(BaseException):
    """A BaseException so that no `except Exception` in the code under test can swallow it."""


class ScriptedChatModel(BaseChatModel):
    """Replies from a script, in order; one call more than scripted fails the test."""

    replies: list[str]
    calls: list = Field(default_factory=list)
    model_name: str = "scripted"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        if len(self.calls) >= len(self.replies):
            raise TooManyCalls(f"chat model called {len(self.calls) + 1} times; expected at most {len(self.replies)}")
        self.calls.append(messages)
        reply = self.replies[len(self.calls) - 1]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def prompt_text(self, call: int) -> str:
        return "\n".join(str(m.content) for m in self.calls[call])


@pytest.fixture
def scripted():
    return ScriptedChatModel


class AuditLog(list):
    def __call__(self, kind: str, payload: dict, **kwargs):
        self.append({"kind": kind, "payload": payload, **kwargs})

    def of(self, kind: str) -> list[dict]:
        return [entry for entry in self if entry["kind"] == kind]


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()
