"""`coach chat` sends every line through Coach.ask (the service API), like `coach ask`, the web
chat and Slack: one session id for the whole chat, the user and the day passed along."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.coach import Coach


def test_chat_asks_the_coach_with_one_session(tmp_path, monkeypatch):
    asked = []
    real_ask = Coach.ask

    def spy(self, question, **kwargs):
        asked.append((question, kwargs))
        return real_ask(self, question, **kwargs)

    monkeypatch.setattr(Coach, "ask", spy)
    env = {"COACH_DATA_DIR": str(tmp_path), "COACH_LLM_BASE_URL": "", "COACH_LLM_MODEL": "", "HF_HUB_OFFLINE": "1"}
    lines = "should I pitch Data Quality to Acme?\nwho should sponsor it?\nquit\nnever read\n"
    result = CliRunner().invoke(app, ["chat", "--today", "2026-11-03", "--user", "jordan"], input=lines, env=env)
    assert result.exit_code == 0, result.output
    assert [q for q, _ in asked] == ["should I pitch Data Quality to Acme?", "who should sponsor it?"]
    sessions = {kwargs["session_id"] for _, kwargs in asked}
    assert len(sessions) == 1 and None not in sessions
    assert f"(session {sessions.pop()})" in result.output
    assert all(kwargs["user"] == "jordan" and str(kwargs["today"]) == "2026-11-03" for _, kwargs in asked)
    assert "Sponsor: Priya Natarajan" in result.output  # the follow-up kept the session's account
