"""The Slack app's people come from the service API (Coach.slack_user / slack_users), not from
the store's users table directly."""

from __future__ import annotations

from assistant.coach import Coach
from assistant.slack.directory import StorePeople


def test_people_are_read_through_the_coach(coach, monkeypatch):
    coach.store.users.add("Dana Linked", "am")
    coach.store.users.link_slack("Dana Linked", "UDANA0001")
    asked = []
    for name in ("slack_user", "slack_users"):
        real = getattr(Coach, name)
        monkeypatch.setattr(Coach, name, lambda self, *a, _real=real, _name=name: (asked.append(_name),
                                                                                 _real(self, *a))[1])
    people = StorePeople(coach)
    dana = people.by_slack_id("UDANA0001")
    assert (dana.name, dana.role, dana.viewer.name) == ("Dana Linked", "am", "Dana Linked")
    assert people.by_slack_id("UNOBODY01") is None
    assert "UDANA0001" in {p.slack_id for p in people.linked()}
    assert asked == ["slack_user", "slack_user", "slack_users"]
