"""What the AM stated earlier and still holds is shown on the turns that rest on it:

- a doubt the AM states about the renewal ("honestly not confident they'll re-sign") and escalations
  still open ("three unresolved escalations") are facts applied for sure, so they carry to "why not?";
- a check of the same play that takes one fact back ("say my number weren't a factor?") shows what still
  holds (`how: earlier`), not the fact it takes back;
- a figure within the policy's limit says the measure states no blocker ("the NPS dropped to 5", with a
  floor of 0), whatever its words say;
- escalations said to be closed take the trouble back;
- words that only sound like a blocker state none: "Raj's team keeps asking about lineage. Their renewal
  is in March" ties nothing to the renewal (keeping asking is no price kept), and analysts who "build
  their own reports" use what we sell, they do not replace us.

Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _earlier(answer) -> set[str]:
    return {a.rule for a in answer.applied if a.how == "earlier"}


def test_a_doubt_about_the_renewal_is_a_fact_that_carries(chat):
    session = chat()
    first = session.ask("honestly not confident Harbor will re-sign next year. DQ there?")
    assert "renewal.at_risk" in {a.rule for a in first.applied if a.how == "sure"}
    assert "renewal.at_risk" in _earlier(session.ask("why not?"))


@pytest.mark.parametrize("told", [
    "Delta: three unresolved escalations right now. MA?",
    "two escalations still unresolved at Delta, MA?",
    "Delta has 3 live escalations, MA?",
])
def test_open_escalations_are_a_fact_that_carries(chat, told):
    session = chat()
    first = session.ask(told)
    assert "health.dissatisfied" in applied_rules(first)
    assert "health.dissatisfied" in _earlier(session.ask("who would sponsor it?"))


def test_closed_escalations_state_no_trouble(chat):
    answer = chat().ask("the escalations closed last week, is MA ok for Delta?")
    assert "health.dissatisfied" not in applied_rules(answer) | asked_codes(answer)


def test_a_take_back_shows_what_still_holds(chat):
    session = chat()
    first = session.ask("Kestrel has two open escalations and I need it for my number. more seats?")
    assert {"health.dissatisfied", "timing.quota_driven"} <= applied_rules(first)
    again = session.ask("say my number weren't a factor?")
    assert _earlier(again) == {"health.dissatisfied"}
    assert "timing.quota_driven" not in applied_rules(again)


def test_a_figure_within_the_limit_states_nothing(chat):
    session = chat()
    first = session.ask("Kestrel's NPS dropped to 12 this quarter, more seats?")
    assert "health.dissatisfied" not in applied_rules(first) | asked_codes(first)
    below = chat().ask("Kestrel's NPS dropped to -12 this quarter, more seats?")
    assert "health.dissatisfied" in applied_rules(below)


@pytest.mark.parametrize("message, code", [
    ("Raj's team keeps asking about lineage. Their renewal is in March. Governance at Orchid?", "renewal.coupled"),
    ("Priya wants her analysts to build their own reports without engineering. Acme, is Studio a pitch?",
     "renewal.at_risk"),
])
def test_words_that_only_sound_like_a_blocker(chat, message, code):
    assert code not in applied_rules(chat().ask(message))
