"""`coach knowledge ...` through Typer's runner, with COACH_* settings pointing at tmp_path."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.knowledge_commands import knowledge_app
from assistant.config import PROJECT_ROOT

runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch, small_knowledge):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(small_knowledge))
    monkeypatch.delenv("COACH_CHROMA_URL", raising=False)
    return tmp_path


def test_errors_go_to_stderr_with_exit_2(env):
    bad = env / "deck.docx"
    bad.write_bytes(b"PK")
    result = runner.invoke(knowledge_app, ["add", str(bad)])
    assert result.exit_code == 2
    assert "unsupported file type '.docx'" in result.stderr and result.stdout == ""
    result = runner.invoke(knowledge_app, ["remove", "nothing-here"])
    assert result.exit_code == 2 and "no added document named 'nothing-here'" in result.stderr
    result = runner.invoke(knowledge_app, ["search", "x", "--mode", "fuzzy"])
    assert result.exit_code == 2 and "unknown search mode 'fuzzy'" in result.stderr


def test_broken_knowledge_folder_is_reported(env, monkeypatch):
    broken = env / "broken"
    broken.mkdir()
    (broken / "x.md").write_text("## No id\ntext\n", encoding="utf-8")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(broken))
    result = runner.invoke(knowledge_app, ["reindex"])
    assert result.exit_code == 2 and "x.md:1" in result.stderr


@pytest.mark.slow
def test_reindex_search_add_list_remove(env, embedding_function):
    result = runner.invoke(knowledge_app, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "3 section(s) embedded" in result.stdout
    assert "0 section(s) embedded, 3 unchanged" in runner.invoke(knowledge_app, ["reindex"]).stdout

    result = runner.invoke(knowledge_app, ["search", "bundle for a discount", "--k", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "hybrid" and data["passages"][0]["section_id"] == "bundle-separately"
    text = runner.invoke(knowledge_app, ["search", "seats saturation", "--mode", "lexical", "--k", "1"]).stdout
    assert text.startswith("1. Usage signals  [alpha#signals-usage]")

    note = env / "my notes.txt"
    note.write_text("Acme's CFO wants a cost-per-report view before any expansion.", encoding="utf-8")
    result = runner.invoke(knowledge_app, ["add", str(note)])
    assert result.exit_code == 0 and "Added 'my-notes': 1 section(s) embedded" in result.stdout
    listing = runner.invoke(knowledge_app, ["list", "--json"])
    assert [d["name"] for d in json.loads(listing.stdout)] == ["my-notes"]
    assert "alpha" in runner.invoke(knowledge_app, ["list", "--all"]).stdout
    result = runner.invoke(knowledge_app, ["remove", "my-notes"])
    assert result.exit_code == 0 and "Removed 'my-notes' (1 section(s))" in result.stdout
    assert "No documents added yet" in runner.invoke(knowledge_app, ["list"]).stdout


def test_registered_in_the_coach_app():
    main = (PROJECT_ROOT / "assistant" / "cli" / "main.py").read_text(encoding="utf-8")
    if "knowledge_app" not in main:
        pytest.skip("assistant/cli/main.py does not register the knowledge sub-app yet")
    from assistant.cli.main import app

    result = runner.invoke(app, ["knowledge", "--help"])
    assert result.exit_code == 0 and "search" in result.stdout and "reindex" in result.stdout
