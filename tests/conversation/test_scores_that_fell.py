"""A satisfaction score below the policy's floor said with the way it went ("CSAT fell to 2", "NPS
dropped to -15") states a dissatisfied customer as surely as "CSAT 2" does: applied, not only asked
about, and so carried to the account's other plays. Only the words of whose score it is set a figure
aside ("their customers' NPS dropped to -10"; meaning.yaml `figures:` `none`), not another cue's
direction words. The phrasings are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules

UNHAPPY = "health.dissatisfied"


@pytest.mark.parametrize("message", [
    "Acme's CSAT fell to 2 after the invoicing mix-up, is DQ still worth it?",
    "Delta NPS dropped to -15 this month. MA?",
    "Kestrel's csat went down to 2.4, more Studio seats?",
])
def test_a_score_that_fell_below_the_floor_is_applied(chat, message):
    answer = chat().ask(message)
    assert UNHAPPY in applied_rules(answer), (answer.applied, answer.ask_back)


def test_the_fact_carries_to_another_play_there(chat):
    conversation = chat()
    conversation.ask("Acme's CSAT fell to 2 last week, can I pitch Data Quality?")
    other = conversation.ask("and more capacity there?")
    assert UNHAPPY in applied_rules(other), other.applied


def test_a_score_of_their_customers_is_not_ours(chat):
    answer = chat().ask("Delta's own customers' NPS dropped to -10 over the holidays, is MA a fit?")
    assert UNHAPPY not in applied_rules(answer), answer.applied
