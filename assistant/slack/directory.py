"""People from the users table: a Slack user id is a Coach user once an admin ran
`coach users link-slack USER SLACK_ID`; their role scopes every answer (assistant/access.py).
Read through the service API (Coach), like every interface's data."""

from __future__ import annotations

from assistant.slack.people import Person


class StorePeople:
    def __init__(self, coach):
        self.coach = coach

    @staticmethod
    def _person(user) -> Person:
        from assistant.access import Viewer

        return Person(name=user.name, role=user.role, slack_id=user.slack_user_id, viewer=Viewer.of(user))

    def by_slack_id(self, slack_id: str) -> Person | None:
        user = self.coach.slack_user(slack_id)
        return None if user is None else self._person(user)

    def linked(self) -> list[Person]:
        return [self._person(user) for user in self.coach.slack_users()]
