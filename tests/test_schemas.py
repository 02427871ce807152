"""The results are the public contract: docs/schema/ matches the models, and every `--json`
output of the CLI validates against its schema (the web API and Slack return the same models)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from assistant import schemas
from assistant.cli.main import app
from assistant.config import PROJECT_ROOT

SHARED_SCENARIOS = PROJECT_ROOT.parent / "shared" / "scenarios"
TODAY = "2026-05-12"


def test_docs_schema_is_generated_from_the_models():
    assert schemas.stale() == [], "a result model changed: run .venv/bin/python scripts/write_schemas.py"


def test_a_changed_model_makes_its_schema_stale(tmp_path):
    schemas.write(tmp_path)
    assert schemas.stale(tmp_path) == []
    check = tmp_path / "check.json"
    check.write_text(check.read_text(encoding="utf-8").replace('"headline"', '"heading"'), encoding="utf-8")
    assert schemas.stale(tmp_path) == ["check"]


@pytest.fixture(scope="module")
def run_json(tmp_path_factory):
    """run_json(schema_name, *args) -> the command's JSON output, validated against its schema."""
    data_dir = tmp_path_factory.mktemp("schema-data")
    env = {"COACH_DATA_DIR": str(data_dir), "COACH_LOAD_DEMO": "true", "COACH_LLM_BASE_URL": None,
           "COACH_LLM_MODEL": None, "COACH_DATABASE_URL": None, "COACH_CHROMA_URL": None}
    runner = CliRunner()

    def run(name: str, *args: str, exit_codes: tuple[int, ...] = (0,)):
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code in exit_codes, result.output
        data = json.loads(result.stdout)
        errors = sorted(Draft202012Validator(schemas.schema(name)).iter_errors(data), key=str)
        assert not errors, f"{' '.join(args)}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        return data

    return run


def test_check_and_plays_json(run_json):
    assert run_json("check", "check", "Acme Corp", "Data Quality", "--today", TODAY, "--json")["what_if"] is None
    changed = run_json("check", "check", "Borealis Freight", "Data Platform", "--today", TODAY,
                       "--what-if", "utilization=0.9", "--json")
    assert changed["what_if"]["changes"] == ["utilization=0.9"]
    assert run_json("plays", "plays", "Acme Corp", "--today", TODAY, "--json")["plays"]


def test_draft_and_qbr_json(run_json):
    assert run_json("draft", "draft", "Acme Corp", "Data Platform", "--today", TODAY, "--json")["kind"] == "talk_track"
    assert run_json("draft", "draft", "Borealis Freight", "Data Platform", "--today", TODAY,
                    "--json")["kind"] == "no_draft"
    assert run_json("qbr", "qbr", "Acme Corp", "--format", "json", "--today", TODAY)["markdown"].startswith("# QBR")


def test_plan_and_metrics_json(run_json):
    assert run_json("plan", "plan", "--format", "json", "--today", TODAY)["focus"]
    assert run_json("metrics", "metrics", "--format", "json", "--today", TODAY)["period"]["to"] == TODAY


def test_policy_json(run_json, tmp_path):
    tested = run_json("policy_test", "policy", "test", str(SHARED_SCENARIOS), "--json", exit_codes=(0, 1))
    assert tested["passed"] + tested["failed"] == len(tested["scenarios"]) >= 10
    params = tmp_path / "params.yaml"
    params.write_text("saturation: 0.95\n", encoding="utf-8")
    assert run_json("policy_diff", "policy", "diff", "--params", str(params), "--format", "json",
                    "--today", TODAY)["plays"] > 0


def test_ask_json(run_json):
    answer = run_json("answer", "ask", "should I pitch DQ to acme?", "--today", TODAY, "--json")
    assert answer["verdict"]["verdict"] == "pitch"


def test_data_json(run_json):
    assert run_json("accounts", "accounts", "list", "--json")
    assert run_json("account", "accounts", "show", "Acme Corp", "--json")["name"] == "Acme Corp"
    assert run_json("catalog", "catalog", "show", "--json")["products"]
    assert run_json("knowledge_documents", "knowledge", "list", "--json") == []
    assert run_json("priorities", "priorities", "list", "--json")[0]["label"]
    for kind in ("contract", "outcomes", "health"):
        assert run_json(f"history_{kind}", "history", "show", "--kind", kind, "--json")


def test_the_layers_build_the_result_models_themselves():
    """One definition each: the policy diff and the knowledge index build the public result models
    (no look-alike dataclass to copy field by field, and drift from)."""
    import ast

    from assistant import results
    from assistant.policy import diff

    assert diff.PlayMove is results.PlayMove
    for path, name in (("assistant/policy/diff.py", "PlayMove"), ("assistant/knowledge/index.py", "KnowledgeDocument"),
                       ("assistant/knowledge/index.py", "DocumentInfo")):
        tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"))
        assert name not in {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}, (path, name)
    index = (PROJECT_ROOT / "assistant/knowledge/index.py").read_text(encoding="utf-8")
    assert "from assistant.results.data import KnowledgeDocument" in index


def test_knowledge_search_returns_the_result_model_itself():
    """The knowledge layer's passage is SearchPassage (no look-alike dataclass)."""
    from assistant import results
    from assistant.knowledge import search
    from assistant.knowledge.search import passages_for

    assert search.Passage is results.SearchPassage
    [passage] = passages_for(["signals-usage"], knowledge_dir=PROJECT_ROOT / "knowledge")
    assert isinstance(passage, results.SearchPassage) and passage.source == "framework"


def test_the_plan_and_the_review_share_one_blocker_model():
    # Folded: the plan's entries and a review's verdict said the same three fields twice.
    from assistant.results import Blocker, PlanEntry
    from assistant.review.models import PlayVerdict

    assert PlanEntry.model_fields["blockers"].annotation == list[Blocker]
    assert PlayVerdict.model_fields["blockers"].annotation == list[Blocker]
