"""How far the words of a blocker reach: a comparison ("cheaper than buying them separately") is
no denial, a condition is only a condition for the blockers a condition can state, a form of a
known word is no misspelt cue ("quoting" is not "quota"), a clause about another account tells
nothing of this play, and a cued clause is still read when a likelier clause of the same blocker
is set aside. Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.cues import Said, Spelling, compared_only, group


def test_an_excluding_word_after_a_comparison_excludes_nothing():
    compared = group(["than", "rather than", "compared to"])
    separately = group(["separately", "on its own"])
    assert compared_only(separately, Said.of("cheaper than buying them separately"), compared)
    assert compared_only(separately, Said.of("less compared to each on its own"), compared)
    assert not compared_only(separately, Said.of("I'll quote them separately"), compared)
    # (one phrase compared, another said plainly: the plain one still excludes)
    assert not compared_only(separately, Said.of("cheaper than separately, but billed on its own"), compared)


def test_a_form_of_a_known_word_is_not_folded_to_a_cue_word():
    spelling = Spelling({}, ["quota", "renewal"], frozenset({"quote", "tie"}), 80, 5)
    assert spelling.fold(["quoting", "quoted", "quotes"]) == ("quoting", "quoted", "quotes")
    assert spelling.fold(["qouta", "renwal"]) == ("quota", "renewal")  # misspellings still are


def test_every_clause_of_a_blocker_is_returned_best_first(tmp_path):
    """Not only each blocker's best clause: the reader takes the first it keeps."""
    from assistant.conversation.meaning import Meaning
    from assistant.conversation.meaning_spec import load_meaning_spec
    from tests.conversation.test_understanding import CountingEmbedder

    meaning = Meaning(load_meaning_spec(PROJECT_ROOT / "prompts"), CountingEmbedder(), tmp_path, "m")
    parts = ["governance plus more capacity for one price", "cheaper than buying them separately"]
    readings = meaning.blockers(parts, [frozenset({"bundle_discount"}), frozenset()])
    clauses = [r.clause for r in readings if r.code == "bundle.separate"]
    assert parts[0] in clauses  # (the cued clause, always at least asked about)
    scores = [(r.confident, r.score) for r in readings]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.slow
@pytest.mark.parametrize("message, code", [
    # one price in one clause, the comparison in the next: a bundle (the comparison denies nothing)
    ("Orchid: Governance plus more capacity for one price, cheaper than buying them separately. pitch?",
     "bundle.separate"),
    # a condition of the renewal still is one
    ("no DQ, no renewal discount for Acme. that's my plan, ok?", "renewal.coupled"),
    # a calm or past word about one thing does not hold back another
    ("the sync issue is fixed now, but my VP wants it booked this quarter. DQ for Acme?", "timing.quota_driven"),
    ("the outage got resolved, but they are still shopping around for a cheaper vendor. Gale DQ?",
     "renewal.at_risk"),
    ("my number is already made, but Ingrid is upset about the dashboards. Insights for Fjord?",
     "health.dissatisfied"),
    ("not tied to the renewal at all. they are threatening to churn though. Governance for Lumen?",
     "renewal.at_risk"),
    # a negation of another verb does not take back the trouble it names
    ("Omar still hasn't forgiven us for the outage. DQ for Gale?", "health.dissatisfied"),
    # a phrase negated in one clause takes its blocker back there only, not from the next clause
    ("My manager asked me in our pipeline review why Ironwood isn't in my commit and told me to get a "
     "multi-year signed before the 31st. Is that a play?", "timing.quota_driven"),
    # a manager without "my", attainment as a share of plan, competing quotes, a product dropped at renewal
    ("acme dq - mgr wants it in q4, i'm at 60% of plan", "timing.quota_driven"),
    ("harbor tier upgrade - they told procurement to get 3 competing quotes for the renewal", "renewal.at_risk"),
    ("Kestrel's finance director is considering dropping Studio at renewal. more seats?", "renewal.at_risk"),
    ("Evergreen: Mia says the team feels ignored by us. MA?", "health.dissatisfied"),
])
def test_a_blocker_told_beside_other_words_is_applied_or_asked(chat, message, code):
    answer = chat().ask(message)
    seen = {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else ())
    assert code in seen, (answer.applied, answer.ask_back)


@pytest.mark.slow
@pytest.mark.parametrize("message", [
    "no escalations, no complaints, usage is up. more capacity for Ironwood?",  # absences, no condition
    "I'm quoting DQ and Governance as two quotes for Juniper, each on its own merits. ok?",  # not "quota"
    "Gale's team has been furious all week. Anyway, is Harbor ready for more capacity?",  # another account
    "they're migrating off their old spreadsheets onto our platform, Governance for Lumen?",  # towards us
    "Harbor's team complained about their old vendor's tool before they moved to us. Enterprise tier?",
    "Orchid is running an RFP for a CRM. Governance still ok for them?",
    "Fjord's churn rate among their own customers is up, they want Insights to analyse it. pitch?",
    "Ironwood cancelled the meeting on Tuesday, rescheduled to next week. multi-year?",
    "Delta's marketing team has their own quota for leads and MA would help them hit it. pitch?",
    "Harbor is at risk of missing their regulatory deadline without better lineage. Governance for Harbor?",
    "the quarter just started for me so no rush. DQ for Acme?",
    "they compared us to a competitor two years ago and stayed, MA for Delta?",
    "Elena is happy with the platform and keeps asking about compliance. Governance for Corvid?",
    "Borealis renewal is settled and the risk is low. more capacity?",
    "I'll take it to Priya through Dana, not around her. DQ for Acme?",
    "no open tickets, Lucia's pleased. more Studio seats for Kestrel?",  # a negation kept in its own clause
])
def test_near_misses_get_no_blocker_applied_nor_asked(chat, message):
    answer = chat().ask(message)
    assert not [a for a in answer.applied if a.rule], answer.applied
    assert answer.ask_back is None or answer.ask_back.kind != "blocker", answer.ask_back.question


@pytest.mark.slow
@pytest.mark.parametrize("message, phrase", [
    ("draft the MA email to Robert at Evergreen", "Robert"),
    ("evergreen MA, can I take it to robert vance?", "robert vance"),
])
def test_an_executive_named_with_no_view_by_the_record_is_recorded_with_the_words(chat, message, phrase):
    answer = chat().ask(message)
    [told] = [a for a in answer.applied if a.rule == "stakeholder.no_view"]
    assert (told.phrase, told.how, told.fired) == (phrase, "record", True)


@pytest.mark.slow
def test_an_executive_who_saw_the_outcome_brings_no_rule_in(chat):
    assert not [a for a in chat().ask("pitch DQ to Priya at Acme").applied if a.rule]
