"""The question back when the intent is unsure, and the reply to it.

When no pattern reads a message and the reading by meaning finds two or three intents about as
near (meaning.py's k-nearest vote), the coach asks "Do you want me to (1) check whether to pitch
the play now, or (2) draft a talk track for it?" instead of guessing or saying it did not
understand. The reply is read in the next turn: a place ("2", "the second"), the words of one
choice ("the email"), or a pattern that reads one of the offered intents ("draft it"); the
original message is then read as that intent. Thresholds, labels and words are data:
prompts/conversation/intent_choice.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pydantic import Field

from assistant.conversation.answer import AskBack
from assistant.conversation.meaning import IntentReading, words
from assistant.conversation.phrasebook import PhrasebookError, load_when_changed, read_spec
from assistant.strict import StrictModel
from assistant.wording import Replies

CHOICE_FILE = "intent_choice.yaml"


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class AskParams(_Strict):
    accept: float = Field(ge=0, le=1)  # the vote an intent needs to be offered
    margin: float = Field(ge=0, le=1)  # ... within this of the best intent's vote
    most: int = Field(ge=2)  # at most this many offered
    reply_words: int = Field(ge=1)  # a longer reply is a question of its own, never a pick


class Choice(_Strict):
    label: str  # how the question back names the intent
    words: list[str] = Field(default_factory=list)  # words of a reply that pick it


class OffTopicParams(_Strict):
    """When a message nothing read for sure is off topic rather than unclear (topic.py)."""

    nearest: float = Field(ge=0, le=1)  # its nearest example of all is an off_topic one, this alike
    domain_below: float = Field(ge=0, le=1)  # ... or a question whose nearest domain example is less alike
    min_words: int = Field(ge=1)  # fewer words: a fragment, unclear
    asking: list[str] = Field(default_factory=list)  # words that ask without a question word ("anyone know")


class ChoiceSpec(_Strict):
    version: int
    ask: AskParams
    off_topic: OffTopicParams
    intents: dict[str, Choice]


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> ChoiceSpec:
    return read_spec(path, ChoiceSpec, "intent choice file")


def load_choices(prompts_dir: Path) -> ChoiceSpec:
    return load_when_changed(Path(prompts_dir) / "conversation" / CHOICE_FILE, _load,
                             "the intent choice file is missing")


def closest(rankings: Sequence[list[IntentReading]], spec: ChoiceSpec, exclude: Sequence[str] = ()) -> list[str]:
    """The intents to offer: from the first text read (a story's question first) whose best
    intents are about as near, those within the margin of the best, best first; else none."""
    params = spec.ask
    for ranked in rankings:
        offered = [r for r in ranked if r.intent in spec.intents and r.intent not in exclude]
        if not offered or offered[0].vote < params.accept:
            continue
        top = offered[0].vote
        near = [r.intent for r in offered[:params.most] if r.vote >= params.accept and top - r.vote <= params.margin]
        if len(near) >= 2:
            return near
        return []  # one intent clearly nearest, yet the reading was not sure: nothing to choose between
    return []


def ask_back(replies: Replies, spec: ChoiceSpec, intents: list[str]) -> AskBack:
    labels = [spec.intents[i].label for i in intents]
    return AskBack(question=replies.say("ask.which_intent", labels=labels), kind="intent",
                   candidates=labels, intents=list(intents))


def picked(reply_text: str, reply_intent: str | None, place: int | None, offered: list[str],
           spec: ChoiceSpec) -> str | None:
    """Which offered intent a reply picks: by place; or, in a short reply, by the intent its own
    patterns read, by the whole label (a button pressed), or by the words of exactly one choice;
    else None (the reply is a question of its own)."""
    if place is not None and 1 <= place <= len(offered):
        return offered[place - 1]
    said = " ".join(words(reply_text))
    for intent in offered:
        if said == " ".join(words(spec.intents[intent].label)):
            return intent
    if len(said.split()) > spec.ask.reply_words:
        return None  # more than a pick: its own facts and question are read
    if reply_intent in offered:
        return reply_intent
    padded = f" {said} "
    hits = [i for i in offered if any(f" {' '.join(words(w))} " in padded for w in spec.intents[i].words)]
    return hits[0] if len(hits) == 1 else None
