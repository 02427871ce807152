"""JSON Schemas of the public results (assistant/results.py), kept in docs/schema/.

    .venv/bin/python scripts/write_schemas.py            # write docs/schema/*.json
    .venv/bin/python scripts/write_schemas.py --check    # exit 1 if a file is missing or out of date

The schemas describe the JSON every interface returns (`--json`, the web API, Slack payloads);
a test fails when a model changed and its schema was not regenerated.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from assistant import results
from assistant.config import PROJECT_ROOT
from assistant.domain import Account, Catalog
from assistant.importers.history import ContractEvent, HealthReading, PlayOutcome

SCHEMA_DIR = PROJECT_ROOT / "docs" / "schema"


def _types() -> dict[str, object]:
    """Schema name -> the type whose JSON it describes (what each command's --json prints)."""
    return {
        "check": results.CheckResult,
        "plays": results.PlaysResult,
        "draft": results.DraftResult,
        "qbr": results.QbrResult,
        "review": results.ReviewResult,
        "plan": results.PlanResult,
        "metrics": results.MetricsResult,
        "policy_test": results.PolicyTestResult,
        "policy_diff": results.PolicyDiffResult,
        "search": results.SearchResult,
        "answer": results.Answer,
        "refused_answer": results.RefusedAnswer,
        "digest": results.DigestResult,
        "import": results.ImportResult,
        "knowledge_documents": list[results.KnowledgeDocument],
        "account": Account,
        "accounts": list[Account],
        "catalog": Catalog,
        "priorities": list[results.PriorityRecord],
        "users": list[results.UserRecord],
        "history_contract": list[ContractEvent],
        "history_outcomes": list[PlayOutcome],
        "history_health": list[HealthReading],
    }


def schema(name: str) -> dict:
    generated = TypeAdapter(_types()[name]).json_schema(mode="serialization")
    generated.setdefault("title", name)
    return generated


def render(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def names() -> list[str]:
    return list(_types())


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """The schema files that are missing or differ from the models."""
    return [name for name in names()
            if not (directory / f"{name}.json").is_file()
            or (directory / f"{name}.json").read_text(encoding="utf-8") != render(name)]


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names():
        path = directory / f"{name}.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
