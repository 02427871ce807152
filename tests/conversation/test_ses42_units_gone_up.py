"""A count of units said as going up ("only if they go up 150 units", "going up by 300 units") is more of what the
account owns in units: its capacity (intents.yaml changes `more_capacity`). This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message", [
    "borealis going up by 300 units next quarter, sound ok?",
    "Ironwood holds the current price only if they go up 150 units. ok?",
])
def test_units_gone_up_are_more_capacity(chat, message):
    answer = chat().ask(message)
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Data Platform", "more_capacity")
