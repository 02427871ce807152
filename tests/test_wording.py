"""One wording file (prompts/wording.yaml) for every interface: check's headlines and the chat's replies."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.config import PROJECT_ROOT
from assistant.wording import WordingError, load_replies

PROMPTS = PROJECT_ROOT / "prompts"


def test_every_sentence_parses_and_every_verdict_has_a_headline():
    wording = load_replies(PROMPTS)
    wording.check_all()
    for verdict in ("pitch", "prepare", "intervene", "hold"):
        assert wording.say(f"headline.{verdict}") and wording.has(f"verdict.{verdict}")


def test_a_broken_sentence_is_named(tmp_path):
    (tmp_path / "wording.yaml").write_text("headline:\n  pitch: run {{ it\n  hold: fine\n", encoding="utf-8")
    wording = load_replies(tmp_path)
    assert wording.say("headline.hold") == "fine"
    with pytest.raises(WordingError, match="reply 'headline.pitch'"):
        wording.check_all()
    with pytest.raises(WordingError, match="no reply 'headline.maybe'"):
        wording.say("headline.maybe")


def test_check_and_ask_head_a_verdict_from_the_same_file(tmp_path):
    from assistant.coach import Coach
    from assistant.config import Settings

    prompts = tmp_path / "prompts"
    prompts.mkdir()
    for path in PROMPTS.rglob("*"):
        if path.is_file():
            (prompts / path.relative_to(PROMPTS)).parent.mkdir(parents=True, exist_ok=True)
            (prompts / path.relative_to(PROMPTS)).write_bytes(path.read_bytes())
    text = (prompts / "wording.yaml").read_text(encoding="utf-8")
    text = text.replace("pitch: run the play now", "pitch: go for it").replace("Pitch it:", "Go for it:")
    (prompts / "wording.yaml").write_text(text, encoding="utf-8")
    coach = Coach(Settings(data_dir=tmp_path / "data", prompts_dir=prompts, llm_base_url=None, llm_model=None))
    today = dt.date(2026, 5, 12)
    assert coach.check("Acme Corp", "Data Quality", today=today).headline == "go for it"
    answer = coach.ask("should I pitch DQ to acme?", today=today, user="Jordan Blake")
    assert answer.text.startswith("Go for it:")
