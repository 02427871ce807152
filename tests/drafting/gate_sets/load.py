"""Read the locked gate sets (adversarial.yaml, good.yaml) and the plays they are written for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.config import PROJECT_ROOT
from assistant.domain import Account, Catalog, Play, Verdict
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts
from assistant.policy.engine import evaluate
from assistant.scenarios import read_scenario
from assistant.yaml_io import read_yaml

HERE = Path(__file__).resolve().parent
SHARED_SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"
DEMO = PROJECT_ROOT / "assistant" / "demo"


@dataclass
class Case:
    world: str
    text: str
    kind: str
    account: Account
    catalog: Catalog
    verdict: Verdict


def _patched(snapshot: dict, path: str, value: str) -> dict:
    target = snapshot
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return snapshot


def _play(ruleset, name: str, spec: dict, patch: dict | None) -> tuple[Account, Catalog, Verdict]:
    if "scenario" in spec:
        scenario = read_scenario(next(SHARED_SCENARIOS.glob(f"{spec['scenario']}*.yaml")))[0]
        account, catalog, play, today = scenario.account, scenario.resolved_catalog(None), scenario.play, scenario.today
    else:
        accounts, _ = read_accounts(DEMO / "accounts.yaml")
        account = next(a for a in accounts if a.name == spec["demo"])
        catalog = read_catalog(DEMO / "catalog.yaml")
        play, today = Play.model_validate(spec["play"]), dt.date.fromisoformat(str(spec["today"]))
    verdict = evaluate(ruleset, account, catalog, play, today)
    assert verdict.verdict.value == "pitch", f"{name}: verdict {verdict.verdict.value} {verdict.codes}"
    if patch:
        # The play was judged on the clean record; the draft quotes the record's text as it now
        # reads (injected words in a metric, priority, title or team), which the gate must catch.
        snapshot = _patched(account.model_dump(mode="json", exclude_none=True), patch["path"], patch["value"])
        account = Account.model_validate(snapshot)
    return account, catalog, verdict


def load_cases(ruleset, filename: str) -> list[Case]:
    worlds = read_yaml(HERE / "worlds.yaml")
    drafts = read_yaml(HERE / filename)["drafts"]
    cache: dict[str, tuple] = {}
    cases = []
    for entry in drafts:
        patch = entry.get("patch")
        key = (entry["world"], yaml.safe_dump(patch) if patch else "")
        if key not in cache:
            cache[key] = _play(ruleset, entry["world"], worlds[entry["world"]], patch)
        account, catalog, verdict = cache[key]
        cases.append(Case(entry["world"], entry["text"], str(entry.get("kind", "good")), account, catalog, verdict))
    return cases


@dataclass
class ClauseCase:
    world: str
    kind: str
    slots: dict[str, str]
    text: str  # the play's template with the clauses in its slots, as SlotDrafter builds it
    account: Account
    catalog: Catalog
    verdict: Verdict


def load_clause_cases(ruleset, checks, filename: str) -> list[ClauseCase]:
    """adversarial_readability.yaml / good_clauses.yaml: model clauses put in the template's slots."""
    from assistant.drafting import TemplateDrafter, build_context

    worlds = read_yaml(HERE / "worlds.yaml")
    drafts = read_yaml(HERE / filename)["drafts"]
    template = TemplateDrafter(PROJECT_ROOT / "prompts")
    cache: dict[str, tuple] = {}
    cases = []
    for entry in drafts:
        if entry["world"] not in cache:
            cache[entry["world"]] = _play(ruleset, entry["world"], worlds[entry["world"]], None)
        account, catalog, verdict = cache[entry["world"]]
        slots = {"why": entry["why"], "purpose": entry["purpose"]}
        context = build_context(verdict, account, catalog, checks.vocabulary)
        text = template.draft(context, slots=slots).text
        cases.append(ClauseCase(entry["world"], str(entry.get("kind", "good")), slots, text, account, catalog, verdict))
    return cases
