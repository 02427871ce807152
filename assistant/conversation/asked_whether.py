"""A question that asks whether to do it asks for the verdict, not for the words.

"Sam wants an MA proposal on his desk next month, should I send him one?" tells of a proposal, and the
examples of drafts are near its words, yet it asks whether to send one: a check of that play. A draft
read from the words a message tells (by meaning, or by a draft's pattern that its question does not
fit) is a check when the question opens with words of `asks_whether` (intents.yaml `session: words:`);
a question that itself asks for the words ("can I get an email for Priya?") stays a draft.
"""

from __future__ import annotations

from assistant.conversation.intents import _CLAUSE_END, match_intent, normalise, question_sentence, story_of
from assistant.conversation.phrasebook import Phrasebook


def whether_question(question: str, book: Phrasebook) -> str | None:
    """The message's question when it opens, after lead-in words, with words asking whether: its
    question sentence (a one-sentence story's last clause, question mark or not; else the whole message);
    None otherwise."""
    asked = question_sentence(question)
    if asked is not None and not question.rstrip().endswith(asked.strip()):
        return None  # a request after it ("Should I pitch DQ to Acme? Give me the words if yes.") asks last
    if asked is None:
        asked = _CLAUSE_END.split(question.strip())[-1] if story_of(question, book) is not None else question
    return asked if _whether_opening(asked, book)[1] else None


def _whether_opening(asked: str, book: Phrasebook) -> tuple[list[str], int]:
    """The words of a question after its lead-in words, and how many of them open it asking whether
    (the longest opening of `asks_whether`, up to five words; 0: none)."""
    words = normalise(asked).split()
    lead = book.words.get("lead_in", frozenset())
    while words and words[0] in lead:
        words.pop(0)
    opening = book.session_words.get("asks_whether", frozenset())
    return words, max((n for n in range(1, 6) if " ".join(words[:n]) in opening), default=0)


def _after_whether(asked: str, book: Phrasebook) -> str:
    """The words of a whether-question after its opening ("shall we draft it" -> "draft it")."""
    words, n = _whether_opening(asked, book)
    return " ".join(words[n:])


def draft_or_check(intent: str, question: str, book: Phrasebook) -> str:
    """check_play for a draft whose question asks whether to, and not for the words; else the intent.
    (Whether to write them, "shall we draft it", "can we write it now", asks for the words: the draft's
    patterns read what follows the opening; not a choice, "should I write it up now or hold off?".)"""
    if intent != "draft":
        return intent
    asked = whether_question(question, book)
    if asked is None or match_intent(normalise(asked), book, only=frozenset({"draft"}))[0] == "draft":
        return intent
    after = _after_whether(asked, book)
    if " or " not in f" {after} " and match_intent(after, book, only=frozenset({"draft"}))[0] == "draft":
        return intent
    return "check_play"
