"""What the AM said of the account's plays holds for another play checked there without naming the
account again ("would DQ make sense there?" after "what can I sell at Kestrel? I'm short of my target"),
shown as said earlier; a bundle does not, it needs the play it was said of. "I won't touch the renewal"
takes a renewal tie back. An emphatic "only" ("the
renewal is looking a bit dicey only") sets no condition on the renewal. A list of the account's plays
asked after a fact is read on it and says so ("the plays are judged on it"), without counting it as
applied from the list's own words (what most development sets expect of such a list).

Phrasings here are this test's own."""

from __future__ import annotations

from assistant.conversation.evaluation import applied_rules


def test_our_quarter_holds_for_another_play_there(chat):
    session = chat()
    session.ask("what can I sell at Kestrel? I'm short of my target")
    answer = session.ask("would DQ make sense there?")
    assert "timing.quota_driven" in {a.rule for a in answer.applied if a.how == "earlier"}


def test_a_bundle_stays_with_its_play(chat):
    session = chat()
    assert "bundle.separate" in applied_rules(session.ask("Acme: DQ and MA together at 15% off?"))
    assert "bundle.separate" not in applied_rules(session.ask("is Studio worth it there?"))


def test_an_emphatic_only_ties_nothing_to_the_renewal(chat):
    answer = chat().ask("the Juniper renewal is looking a bit dicey only, MA?")
    assert "renewal.at_risk" in applied_rules(answer)
    assert "renewal.coupled" not in applied_rules(answer)


def test_a_list_after_a_fact_says_it_rests_on_it(chat):
    session = chat()
    session.ask("Kestrel's sponsor is livid about the last outage. more seats?")
    answer = session.ask("so what else could I sell Kestrel?")
    assert answer.intent == "list_plays" and answer.plays
    assert all("health.dissatisfied" in row["blockers"] for row in answer.plays)
    assert "judged on it (health.dissatisfied)" in answer.text
    assert not answer.applied


def test_not_touching_the_renewal_takes_the_tie_back(chat):
    session = chat()
    assert "renewal.coupled" in applied_rules(session.ask("I'd hold Lumen's renewal price only if they add Governance"))
    answer = session.ask("I won't touch the renewal then. what about Studio?")
    assert "renewal.coupled" not in applied_rules(answer)
    assert "You took back what you said earlier (renewal.coupled)" in answer.text
