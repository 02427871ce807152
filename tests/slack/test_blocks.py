"""Rendering and Block Kit limits: long answers are split or cut with a link, never rejected."""

from __future__ import annotations

from assistant.config import Settings
from assistant.conversation.answer import Answer
from assistant.slack import blocks as kit
from assistant.slack.limits import MAX_SECTION_TEXT, fit, problems, split_text
from assistant.slack.texts import load_texts
from tests.slack.conftest import block_text, valid

TEXTS = load_texts(Settings().prompts_dir)
LINKS = kit.Links("https://coach.example.com")


def test_split_text_keeps_every_word_within_the_limit():
    text = "\n\n".join(f"Paragraph {i}: " + "word " * 300 for i in range(12))
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_SECTION_TEXT for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_a_long_answer_is_split_into_sections_not_rejected():
    answer = Answer(intent="help", text="x " * 9000, question="help", session_id="s1")
    blocks = valid(kit.answer_blocks(answer, TEXTS, LINKS))
    assert sum(len(b["text"]["text"]) for b in blocks if b["type"] == "section") >= 17000


def test_too_many_blocks_are_cut_with_a_link_to_the_web_page():
    many = [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {i}"}} for i in range(80)]
    more = kit.more_block(TEXTS, "https://coach.example.com/accounts/Acme%20Corp")
    blocks = valid(fit(many, more))
    assert len(blocks) == 50 and "coach.example.com/accounts/Acme%20Corp" in block_text(blocks[-1:])


def test_a_long_qbr_goes_into_a_few_messages_then_a_link():
    markdown = "\n\n".join(f"## Section {i}\n" + "Outcome line. " * 250 for i in range(150))
    pages = kit.qbr_pages("Acme Corp", markdown, TEXTS, LINKS)
    assert len(pages) == TEXTS.qbr_max_messages
    for page in pages:
        valid(page)
    assert "coach.example.com/accounts/Acme%20Corp/qbr" in block_text(pages[-1][-1:])
    assert pages[0][0]["type"] == "header" and "*Section 0*" in block_text(pages[0])


def test_data_is_escaped_so_it_cannot_become_slack_markup():
    answer = Answer(intent="help", text="utilization 0.40 < floor 0.60 & <!channel>", question="q",
                    session_id="s2")
    text = block_text(kit.answer_blocks(answer, TEXTS, LINKS))
    assert "&lt;!channel&gt;" in text and "0.40 &lt; floor" in text and "<!channel>" not in text


def test_the_limit_checker_finds_what_slack_would_reject():
    bad = [{"type": "section", "text": {"type": "mrkdwn", "text": "y" * 3001}},
           {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}},
           {"type": "actions", "elements": [{"type": "button", "action_id": "a",
                                             "text": {"type": "plain_text", "text": "b" * 76}}]}]
    assert len(problems(bad)) == 3
    assert problems([{"type": "divider"}] * 51)


def test_old_event_marks_are_swept_and_fresh_ones_kept(tmp_path):
    import datetime as dt

    from assistant.store import Store
    from assistant.store.once import claim, forget_before

    store = Store(Settings(data_dir=tmp_path, load_demo=False))
    assert claim(store, "event", "Ev1") and not claim(store, "event", "Ev1")
    assert forget_before(store, "event", dt.datetime(2000, 1, 1)) == 0
    assert forget_before(store, "event", dt.datetime.now() + dt.timedelta(days=2)) == 1
    assert claim(store, "event", "Ev1")  # forgotten: a new delivery may claim it
    store.close()


def test_socket_mode_needs_an_app_level_token():
    import pytest

    from assistant.errors import CoachError
    from assistant.slack.socket import check_socket_settings

    with pytest.raises(CoachError, match="COACH_SLACK_APP_TOKEN=xapp-"):
        check_socket_settings(Settings(slack_bot_token="xoxb-1", slack_app_token="xoxb-wrong"))
    check_socket_settings(Settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1-A-1-abc"))
