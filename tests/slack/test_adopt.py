"""What a forked answer process does with the Coach it inherits (workers._adopt), through the
Coach's own methods: the parent's pooled connections are left to the parent, and a Coach whose
store was never opened is not made to open it."""

from __future__ import annotations

import sqlalchemy as sa

from assistant.coach import Coach
from assistant.config import Settings


def test_after_fork_and_close_leave_an_unopened_store_unopened(tmp_path):
    coach = Coach(Settings(data_dir=tmp_path, load_demo=False))
    coach.after_fork()
    coach.close()
    assert "store" not in coach.__dict__ and not (tmp_path / "coach.sqlite").exists()


def test_after_fork_drops_the_inherited_pool_without_closing_the_parents_connections(tmp_path):
    coach = Coach(Settings(data_dir=tmp_path, load_demo=False))
    coach.open()
    engine = coach.store.engine
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    inherited = engine.pool
    assert inherited.checkedin() == 1
    coach.after_fork()
    assert engine.pool is not inherited and engine.pool.checkedin() == 0
    assert inherited.checkedin() == 1  # not closed: in a real fork they are the parent's
    assert coach.store.count_accounts() == 0  # the child opens connections of its own
    coach.close()
