"""A product the account owns, named in a follow-up that tells of an executive without a view of the
first deal ("she joined in september, never saw the DP results" while MA is in focus at Lumen): the owned
product is the first deal's history, not the play asked about, so the play in focus stays (README "coach
ask and coach chat": the owned one being the first deal's history)."""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.conversation.understand import Request
from assistant.errors import CoachError

NO_VIEW = "stakeholder.no_view"


def history_of_first_deal(request: Request, account: str, focus: str | None, world: KnownNames) -> bool:
    """Whether the product the message names is the first deal's, the play in focus staying: the message
    names that product only, says no change of it, tells (or may tell) of an executive without a view of
    the first deal, and the account owns it but not the product in focus."""
    product = request.product
    if not (focus and product and product != focus and request.named("product") and request.change is None):
        return False
    if not any(NO_VIEW in (item.get("rule"), item.get("code")) for item in [*request.applied, *request.unsure]):
        return False
    try:
        owner = world.account(account)
    except CoachError:
        return False
    named, in_focus = world.catalog.find(product), world.catalog.find(focus)
    return named is not None and in_focus is not None and owner.ownership(named) is not None and \
        owner.ownership(in_focus) is None
