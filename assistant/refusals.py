"""The answer to a question the asker may not have answered: another AM's account, another AM's
book. `Coach.ask` returns it instead of raising, so every interface (CLI, web page, API, Slack)
gets the same typed answer and the same words (prompts/wording.yaml, `refusal.*`).

A RefusedAnswer is an Answer (every renderer of answers shows its text) that carries no verdict,
no reasons and no names beyond the one the asker typed: it reveals nothing about the account.
"""

from __future__ import annotations

from typing import Literal

from assistant.access import NotAllowed, NotYourAccount
from assistant.conversation.answer import Answer
from assistant.results.base import Result

RefusalCode = Literal["not_your_account", "forbidden"]


class Refusal(Result):
    """Why the question was not answered: `code` as the API's error codes name it."""

    code: RefusalCode
    message: str
    account: str | None = None  # not_your_account: the account as the asker named it
    what: str | None = None  # forbidden: what the asker's role may not do


class RefusedAnswer(Answer):
    intent: Literal["refused"] = "refused"
    refusal: Refusal


def refusal_of(exc: NotYourAccount | NotAllowed, wording) -> Refusal:
    """The typed refusal for an access error, in the wording file's words."""
    if isinstance(exc, NotYourAccount):
        return Refusal(code="not_your_account", account=exc.name,
                       message=wording.say("refusal.not_your_account", account=exc.name))
    return Refusal(code="forbidden", what=exc.what,
                   message=wording.say("refusal.forbidden", roles=list(exc.roles), what=exc.what))
