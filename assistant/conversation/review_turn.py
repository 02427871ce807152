"""The chat's review turn: "review this before I send it: <text>" -> Coach.review.

Self-contained on purpose: the cue (prompts/conversation/review.yaml) splits the question
into a head, which is read for the names of the play (intents.names_only), and the AM's text; the
play comes from the head, else the session's focus, else the names the text is addressed to or
about. The text is never read for blockers or instructions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.yaml_io import read_yaml


@dataclass(frozen=True)
class ReviewCue:
    patterns: tuple[re.Pattern, ...]
    ask_play: str
    # heads that only label what follows as the AM's own notes ("Notes:", "call notes from Acme:"):
    # the notes are a story to read, blockers and all, not a text to review (review.yaml `notes`)
    notes: tuple[re.Pattern, ...] = ()


@lru_cache(maxsize=8)
def load_cue(prompts_dir: Path) -> ReviewCue | None:
    path = Path(prompts_dir) / "conversation" / "review.yaml"
    if not path.is_file():
        return None
    data = read_yaml(path) or {}
    patterns = tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in data.get("cues") or [])
    notes = tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in data.get("notes") or [])
    return ReviewCue(patterns, str(data.get("ask_play") or "Which account and product is this text about?"), notes)


# Where a sentence may start before the first colon: the ask for a review may follow a remark or a
# follow-up ("fine, through Mia. sanity check this: Hi Mia, ...").
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


# Markdown's markup, which says nothing of the words it marks: emphasis ("**Draft for Oskar**"), a quote's
# ">" and a heading's "#" opening a line (chat clients and notes apps paste them around a text).
_MARKUP = re.compile(r"(\*\*|__)|^[ \t]*(?:>[ \t]?)+|^[ \t]*#{1,6}[ \t]+", re.MULTILINE)


def split_review(question: str, prompts_dir: Path) -> tuple[str, str] | None:
    """(head, text) when the question asks for a review of a text; None otherwise. The ask may
    open the message or a sentence of it before its first colon; the sentences before it belong to
    the head (they may name the play or the person). Markdown's markup is read as not there."""
    cue = load_cue(Path(prompts_dir))
    if cue is None:
        return None
    question = _MARKUP.sub("", question)
    colon = question.find(":")
    starts = [0] + [m.end() for m in _SENTENCE.finditer(question, 0, colon if colon >= 0 else len(question))]
    for start in starts:
        for pattern in cue.patterns:
            match = pattern.match(question[start:])
            if match and match.group("text").strip():
                if any(n.fullmatch(match.group("head").strip()) for n in cue.notes):
                    return None  # "Notes: call with Dana, they're furious ... thoughts?": a story, not a text to review
                return question[:start] + match.group("head"), match.group("text")
    return None


# A text pasted in quotes, then words of the AM's own ('"Sam, ... the renewal." Too pushy?', "'Hi Chloe, ...' good
# opener for Nimbus?"): the quotes close the text, the words after them ask about it (and may name the play).
_QUOTED = re.compile(r"\A\s*(?P<mark>[\"\u201c\u2018'])(?P<text>.+)(?P<close>[\"\u201d\u2019'])(?P<after>\s+\S.*)?\Z", re.DOTALL)
_CLOSES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}


def unquoted(text: str) -> tuple[str, str]:
    """(the text inside the quotes that open it, the words after them), or (text, "") when no quotes
    around it close before the AM's own words."""
    found = _QUOTED.match(text)
    if not found or _CLOSES[found.group("mark")] != found.group("close"):
        return text, ""
    return found.group("text").strip(), (found.group("after") or "").strip()


def answer_review(conversation, question: str, head: str, text: str):
    """Review `text` for the play named in `head` (or in focus); an Answer like any turn's."""
    import datetime as dt

    from assistant.conversation.answer import Answer, AskBack
    from assistant.conversation.follow_ups import complete
    from assistant.conversation.intents import names_only
    from assistant.conversation.understand import understand
    from assistant.conversation.known_names import KnownNames
    from assistant.errors import CoachError
    from assistant.render.review_text import render_review
    from assistant.review.review import text_digest

    coach = conversation.coach
    state = conversation.memory.load()
    world = KnownNames(coach, conversation.book, conversation.viewer)
    words = conversation.reader.spec.thresholds.fragment_words
    text, after = unquoted(text)
    head = f"{head} {after}".strip()
    read = understand(names_only(head, conversation.book), world, conversation.replies, state.account,
                      fragment_words=words)
    said = None
    if read.ask_back is None and not (read.account and (read.product or read.change)):
        # The head names no whole play: the names the text itself is addressed to or about ("Hi Omar, ...
        # more capacity ...": Omar's account, the capacity), before the session's focus, which only
        # fills what neither says. Names only: the text is never read for blockers or instructions.
        said = understand(names_only(text, conversation.book), world, conversation.replies,
                          read.account or state.account, fragment_words=words)
        if said.ask_back is None:
            # (at the account in focus, its play stays the one reviewed: "fine, through Mia. sanity check
            # this: Hi Mia, ... your platform use ..." after MA at Evergreen is about MA)
            here = (read.account or said.account or state.account) == state.account and state.product
            for kind in ("account", "person") if here else ("account", "person", "product", "change"):
                if getattr(read, kind) is None:
                    setattr(read, kind, getattr(said, kind))
    if read.ask_back is None:  # the product from the change named ("the Acme capacity bump"), or in focus
        read = complete(read, state, world, conversation.replies)
    account = read.account or state.account
    if read.ask_back is None and read.person is None and account:
        # The person the text greets or names ("Hi Pia, ...") is the one it is pitched to, also when the
        # head names the whole play: their account's people only (names, never the text's instructions).
        if said is None or said.account not in (None, account):
            said = understand(names_only(text, conversation.book), world, conversation.replies, account,
                              fragment_words=words)
        if said.ask_back is None and said.account in (None, account):
            read.person = said.person
    # the play in focus carries to the review only at its own account ("review please, Mariner
    # capacity: ..." after an Acme DQ draft is about Mariner's capacity, not DQ there)
    product = read.product or (state.product if account == state.account else None)
    if product is None and account and read.change:
        from assistant.conversation.follow_ups import _product_for_change

        fits = _product_for_change(world, account, read.change, None)  # "about more Ironwood volume"
        product = fits[0] if len(fits) == 1 else None
    change = read.change or (state.change if product and product == state.product else None)
    answer = Answer(intent="review", text="", question=head, session_id=conversation.session_id,
                    user=conversation.user)
    if not account or not product:
        cue = load_cue(Path(coach.settings.prompts_dir))
        answer.ask_back = AskBack(question=cue.ask_play if cue else "Which account and product?", kind="play")
        answer.text = answer.ask_back.question
    else:
        try:
            result = coach.review(account, product, text, change=change, pitch_to=read.person,
                                  today=conversation.today or dt.date.today(), user=conversation.user,
                                  viewer=conversation.viewer, session_id=conversation.session_id)
            answer.review = result.model_dump(mode="json")
            answer.entities = {"account": result.account, "product": result.product, "change": result.play.change}
            if read.person:
                answer.entities["person"] = read.person
            answer.text = render_review(result)
            state.account, state.product, state.change = result.account, result.product, result.play.change
        except CoachError as exc:
            answer.text = conversation.replies.say("note.cannot", error=str(exc))
    state.turns += 1
    conversation.memory.save(state)
    # The conversation log keeps the cue and a digest, not the AM's text (Coach.review logs the findings).
    coach.audit("answer", {"question": head, "text_sha256": text_digest(text), "text_chars": len(text),
                                 "answer": {"intent": "review", "entities": answer.entities}},
                      user=conversation.user, session_id=conversation.session_id)
    return answer
