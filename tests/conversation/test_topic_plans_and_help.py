"""Off topic or not: plans with colleagues and requests to the team ("who fancies a beer after the kickoff?",
"kindly advise on the dress code for the awards dinner") are about something else than accounts and plays; a
new hire's "what can you actually do for me?" after introducing themselves is a call for help, nearer the help
examples than any off-topic one (topic.py), and a remark that asks nothing stays unclear. Phrasings of this
test's own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, intent", [
    ("who fancies a quick beer after the kickoff tomorrow?", "off_topic"),
    ("fancy grabbing a bite after work on Friday?", "off_topic"),
    ("Hi all, kindly advise on the dress code for the awards dinner.", "off_topic"),
    ("hello, new to the team. what can you actually do for me?", "help"),
    ("hi, I'm Tomas, just started this week. so what can you actually do for me?", "help"),
    ("popping out for lunch, back in 20", "unclear"),
])
def test_plans_requests_and_help_are_read_apart(chat, question, intent):
    assert chat().ask(question).intent == intent
