"""Scenario files: an account, a proposed play and what the policy must conclude.

The format is a contract shared with the policy authors (see the shared scenarios README);
`coach policy test DIR` runs a folder of them. The same files serve as account snapshots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.domain import Account, Catalog, Play, Product, Vendor, Verdict
from assistant.errors import describe_validation
from assistant.importers.errors import ImportProblem, unknown_fields
from assistant.importers.yamlfile import read_documents
from assistant.strict import StrictModel


class Expect(StrictModel):
    motion: str | None = None
    verdict: str | None = None
    reasons: list[str] = Field(default_factory=list)
    not_reasons: list[str] = Field(default_factory=list)


class DraftCase(StrictModel):
    text: str
    approved: bool
    reasons: list[str] = Field(default_factory=list)


class Scenario(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    about: str | None = None
    today: dt.date
    vendor: Vendor = Field(default_factory=Vendor)
    catalog: list[Product] | None = None
    account: Account
    play: Play
    expect: Expect = Field(default_factory=Expect)
    drafts: list[DraftCase] = Field(default_factory=list)

    def resolved_catalog(self, default: Catalog | None) -> Catalog:
        if self.catalog is not None:
            base = Catalog(vendor=self.vendor, products=self.catalog)
        elif default is not None:
            base = default.model_copy(deep=True)
        else:
            raise ImportProblem(self.id, "no catalog in the scenario and no default catalog loaded")
        if self.vendor.fiscal_quarter_end:
            base.vendor = base.vendor.model_copy(update={"fiscal_quarter_end": self.vendor.fiscal_quarter_end})
        return base


def read_scenario(path: Path) -> tuple[Scenario, list[str]]:
    docs = read_documents(Path(path))
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise ImportProblem(str(path), "expected one scenario mapping (id, today, account, play, expect)")
    try:
        scenario = Scenario.model_validate(docs[0])
    except ValidationError as exc:
        raise ImportProblem(str(path), describe_validation(exc)) from None
    warnings = [f"{path}: unknown field {p} ignored" for p in unknown_fields(scenario)]
    return scenario, warnings


@dataclass
class ScenarioResult:
    path: str
    scenario_id: str
    passed: bool
    problems: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    drafts_checked: bool = False
    warnings: list[str] = field(default_factory=list)


DraftChecker = Callable[[Scenario, Verdict, Catalog], list[str]]


def compare(scenario: Scenario, verdict: Verdict) -> list[str]:
    """What differs between the verdict and the scenario's expectations."""
    problems = []
    expect = scenario.expect
    if expect.motion and verdict.motion.value != expect.motion:
        problems.append(f"motion: expected {expect.motion}, got {verdict.motion.value}")
    if expect.verdict and verdict.verdict.value != expect.verdict:
        problems.append(f"verdict: expected {expect.verdict}, got {verdict.verdict.value} "
                        f"(reasons: {', '.join(verdict.codes) or 'none'})")
    missing = [code for code in expect.reasons if code not in verdict.codes]
    if missing:
        problems.append(f"missing reasons: {', '.join(missing)} (got: {', '.join(verdict.codes) or 'none'})")
    unwanted = [code for code in expect.not_reasons if code in verdict.codes]
    if unwanted:
        problems.append(f"reasons that must not appear: {', '.join(unwanted)}")
    return problems


def run_scenario(path: Path, evaluate_play: Callable[[Account, Catalog, Play, dt.date], Verdict],
                 default_catalog: Catalog | None, draft_checker: DraftChecker | None = None) -> ScenarioResult:
    from assistant.errors import CoachError

    try:
        scenario, warnings = read_scenario(path)
        catalog = scenario.resolved_catalog(default_catalog)
        verdict = evaluate_play(scenario.account, catalog, scenario.play, scenario.today)
    except CoachError as exc:
        return ScenarioResult(str(path), Path(path).stem, False, [f"error: {exc}"])
    problems = compare(scenario, verdict)
    checked = False
    if scenario.drafts and draft_checker is not None:
        problems += draft_checker(scenario, verdict, catalog)
        checked = True
    return ScenarioResult(str(path), scenario.id, not problems, problems, verdict, checked, warnings)


def scenario_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise ImportProblem(str(directory), "no such folder of scenario files")
    files = sorted(p for p in directory.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    if not files:
        raise ImportProblem(str(directory), "contains no scenario files (*.yaml, *.yml, *.json)")
    return files
