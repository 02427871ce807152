"""A question about another AM's account is answered, not raised: Coach.ask returns a typed
RefusedAnswer in the wording file's words, reveals nothing of the account, and is audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assistant.access import Viewer
from assistant.coach import Coach
from assistant.config import Settings
from assistant.refusals import RefusedAnswer
from assistant.wording import load_replies

TODAY = dt.date(2026, 11, 16)
MAYA = Viewer("Maya Lindqvist", "am")  # Acme Corp is Jordan Blake's


@pytest.fixture(scope="module")
def coach(tmp_path_factory):
    coach = Coach(Settings(data_dir=tmp_path_factory.mktemp("refusals"), load_demo=True))
    yield coach
    coach.store.close()


@pytest.mark.parametrize("question", ["should I pitch DQ to acme?", "what can I sell to acme corp?",
                                      "prepare the QBR for Acme", "who is the sponsor at Acme?"])
def test_asking_about_another_ams_account_is_a_refused_answer(coach, question):
    answer = coach.ask(question, user="Maya Lindqvist", viewer=MAYA, today=TODAY)
    assert isinstance(answer, RefusedAnswer)
    assert answer.intent == "refused" and answer.verdict is None and not answer.reasons
    assert answer.refusal.code == "not_your_account" and answer.refusal.account == "Acme Corp"
    wording = load_replies(coach.settings.prompts_dir)
    assert answer.text == answer.refusal.message == wording.say("refusal.not_your_account", account="Acme Corp")
    shown = answer.model_dump_json()
    assert "Priya" not in shown and "Data Platform" not in shown


def test_a_refused_question_is_audited_with_who_asked_and_why(coach):
    answer = coach.ask("should I pitch Data Quality to Acme Corp?", user="Maya Lindqvist", viewer=MAYA,
                       today=TODAY, session_id="maya-refused-1")
    entries = coach.audit_log(user="Maya Lindqvist", account="Acme Corp", kinds=("refused",))
    entry = next(e for e in entries if e["session_id"] == "maya-refused-1")
    assert entry["payload"] == {"asked": "ask", "reason": "not_your_account", "role": "am",
                                "account": "Acme Corp", "question": answer.question}
    assert entry["user"] == "Maya Lindqvist"


def test_the_owner_still_gets_the_answer(coach):
    answer = coach.ask("should I pitch DQ to acme?", user="Jordan Blake", viewer=Viewer("Jordan Blake", "am"),
                       today=TODAY)
    assert not isinstance(answer, RefusedAnswer) and answer.verdict is not None
    assert json.loads(answer.model_dump_json())["verdict"]["account"] == "Acme Corp"
