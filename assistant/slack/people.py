"""Who is asking: a Slack user id mapped to a Coach user (name, role) and the access scope
(`viewer`) every Coach call gets, so Slack shows exactly what the web app would.

The mapping is the users table (`coach users link-slack USER SLACK_ID`); an unmapped Slack
user is nobody: the app tells them how to get access and shows nothing about accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Person:
    name: str  # the Coach user name: the audit log's `user`, the owner of their book
    role: str
    slack_id: str
    viewer: object = None  # what Coach methods take as `viewer` (the access scope)


class People(Protocol):
    def by_slack_id(self, slack_id: str) -> Person | None: ...

    def linked(self) -> list[Person]: ...
