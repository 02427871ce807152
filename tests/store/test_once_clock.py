"""Once-marks and the digest's state are stamped by the store's clock (injected here), so their
expiry is tested by moving the clock, not by sleeping."""

from __future__ import annotations

import datetime as dt

from assistant.coach import Coach
from assistant.store import once

DAY = dt.timedelta(days=1)


def test_an_event_mark_expires_by_the_stores_clock(store, clock):
    assert once.claim(store, "event", "Ev1") and not once.claim(store, "event", "Ev1")
    clock.advance(DAY.total_seconds() - 60)
    assert once.forget_older_than(store, "event", DAY) == 0  # a re-delivery within the day is still caught
    assert not once.claim(store, "event", "Ev1")
    clock.advance(120)
    assert once.forget_older_than(store, "event", DAY) == 1
    assert not once.claimed(store, "event", "Ev1") and once.claim(store, "event", "Ev1")


def test_the_coach_sweeps_marks_by_the_stores_clock(settings, store, clock):
    coach = Coach(settings, store=store)
    assert coach.claim_once("event", "Ev2")
    clock.advance(2 * DAY.total_seconds())
    assert coach.claim_once("thread", "C1:1.0")  # a fresh mark of another kind
    assert coach.forget_once_older_than("event", DAY) == 1
    assert coach.forget_once_older_than("thread", DAY) == 0 and coach.claimed_once("thread", "C1:1.0")


def test_the_digest_state_is_stamped_by_the_stores_clock(store, clock):
    once.save_digest_state(store, "Jordan Blake", {"seen": 1})
    assert once.digest_state(store, "jordan blake") == ({"seen": 1}, clock.now)
