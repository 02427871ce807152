"""`coach accounts show` shows each strategic event's link, or that it is not on record."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli.main import app


def test_accounts_show_names_the_link(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_LOAD_DEMO", "true")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    acme = runner.invoke(app, ["accounts", "show", "Acme Corp"])
    assert acme.exit_code == 0, acme.output
    assert "initiative: board-level data trust program for FY27 (relates to: data trust)" in acme.stdout
    ironwood = runner.invoke(app, ["accounts", "show", "Ironwood Telecom"])
    assert "(link to a use case not on record)" in ironwood.stdout
    shown = runner.invoke(app, ["accounts", "show", "Acme Corp", "--json"])
    assert '"relates_to"' in shown.stdout
