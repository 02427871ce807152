"""Blockers told inside a feared condition or in other words for the renewal's end are still seen:

- a negation a condition opens ("if I don't land it this quarter I miss quota", "if it doesn't book in
  Q4 my bonus is gone") denies nothing: the cue words after it still state the blocker (meaning.yaml
  `condition_opens`), while a plain negation still does ("it doesn't matter for my quarter");
- the renewal said as the contract's end ("their contract ends in Feb and they're exploring options"),
  leaving said as going away at it, and not going on with us in other verbs ("won't extend", "will not
  continue with us") put the renewal at risk; a price of ours going away ("the renewal discount goes away
  unless ...") does not, and a threat to the renewal is no tie of the play to it;
- another vendor in our place ("considering Salesforce instead of us", "could move to a cheaper provider"),
  other vendors weighed in any verb ("reviewing alternatives", "exploring other providers"; not "how we
  compare to competitors")
  and doubt about going on after the contract ("not sure they want to continue after this contract") put
  the renewal at risk;
- non-native English: "not prolong the contract", "stop the contract" (the renewal at risk), "in a pack with
  reduction" (a bundle); the contract's end said beside the renewal ties nothing to it;
- idiom: "off the PIP" is our number, patience "wearing thin" an unhappy customer, "one foot out the
  door" and "far from a done deal" a renewal at risk;
- our quarter said not to be the reason in other words ("quota has zero to do with it", "irrelevant here",
  "I know it looks like I'm chasing my number but ...", "the push is from Harbor's side") is not applied;
- the target in non-native English ("to reach my objective"), the club the number earns and the boss "on my neck" are our quota; ours said done ("I have my quota done") is not;
- the seller's standing said as "I'm at 55%" is attainment below plan (not "I'm at 130%", nor the account's
  "at 55% of their capacity");
- a point or comma between digits is no clause boundary: "CSAT went from 4.5 to 2.2" is a CSAT of 2.2 (not
  "CSAT went from 4", nor a deadline in "2 in two months"), "150,000 short" one figure;
- one total for two products is a bundle ("DQ + Governance for 150k total"); the owned product named in a
  follow-up telling of an executive without a view ("never saw the DP results") is the first deal, the play in
  focus stays.

Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes

pytestmark = pytest.mark.slow  # read by meaning: the embedding model


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("if Acme DQ doesn't close by the 31st my number is toast. draft it?", "timing.quota_driven"),
    ("Delta MA - if it doesn't book in Q4 my bonus is gone", "timing.quota_driven"),
    ("my boss says if I don't bring Harbor Studio in before year end I'm in trouble. who to sponsor?",
     "timing.quota_driven"),
    ("if they don't see value soon they'll churn at renewal. Lumen MA?", "renewal.at_risk"),
    ("i must to close this in december for reach my objective, Acme DQ good?", "timing.quota_driven"),
    ("there is real chance Lumen is going away at renewal time. MA?", "renewal.at_risk"),
    ("Delta will probably go away when the contract ends, list plays anyway", "renewal.at_risk"),
    ("I think Juniper won't extend in spring. Governance?", "renewal.at_risk"),
    ("Kestrel told me they will not continue with us after the term. draft seats email", "renewal.at_risk"),
    ('Harbor contract ends in feb and they said they are "exploring options". Studio?', "renewal.at_risk"),
    ("Delta is considering Salesforce instead of us when the contract is up. MA?", "renewal.at_risk"),
    ("Mariner hinted they could move to a cheaper provider. list plays", "renewal.at_risk"),
    ("Acme is not sure they want to continue after this contract. DQ?", "renewal.at_risk"),
    ("this would get me to club. Harbor Studio?", "timing.quota_driven"),
    ("boss is on my neck for Q4 numbers, Juniper Governance?", "timing.quota_driven"),
    ("gap to number = 90k. Corvid DQ?", "timing.quota_driven"),
    ("Q4 is brutal, I'm at 55%. Fjord Governance?", "timing.quota_driven"),
    ("im at 40 percent w/ 2 weeks left, Acme DQ?", "timing.quota_driven"),
    ("Acme: 'we are reviewing alternatives before the renewal'. DQ?", "renewal.at_risk"),
    ("Kestrel is exploring other providers for next year. seats?", "renewal.at_risk"),
    # (idiom)
    ("closing Juniper would take me off the PIP honestly. Governance?", "timing.quota_driven"),
    ("Corvid's patience is wearing thin with our support. DQ?", "health.dissatisfied"),
    ("Acme has one foot out the door. DQ?", "renewal.at_risk"),
    ("Delta's renewal is far from a done deal. MA?", "renewal.at_risk"),
    # (non-native English)
    ("Orchid says maybe they will not prolong the contract. DQ?", "renewal.at_risk"),
    ("Fjord thinks to stop the contract at the end. Governance?", "renewal.at_risk"),
    ("I want to propose to Juniper Governance and MA in a pack with reduction", "bundle.separate"),
])
def test_a_blocker_told_in_a_condition_or_other_words_is_seen(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), answer.text


@pytest.mark.parametrize("message", [
    "CSAT went from 4.5 to 2.2 in two months. Acme DQ?",
    "Kestrel CSAT slid from 4.1 to 2.4 after the migration, more seats?",
])
def test_a_score_with_decimals_is_one_figure(chat, message):
    answer = chat().ask(message)
    assert "health.dissatisfied" in applied_rules(answer) and "timing.quota_driven" not in _seen(answer), answer.text


def test_a_score_risen_with_decimals_states_nothing(chat):
    answer = chat().ask("Kestrel CSAT went from 2.4 to 4.6 after the fix. seats?")
    assert "health.dissatisfied" not in applied_rules(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("it doesn't matter for my quarter, Kestrel seats?", "timing.quota_driven"),
    ("if I don't hear back from Acme I'll follow up next week. DQ?", "timing.quota_driven"),
    ("Kestrel: renewal discount goes away unless they take more seats, who do I send it to?", "renewal.at_risk"),
    ("there is real chance Lumen is going away at renewal time. MA?", "renewal.coupled"),
    ("if they don't see value soon they'll churn at renewal. Lumen MA?", "renewal.coupled"),
    ("Kestrel asked about renewal dates, just admin. seats?", "renewal.at_risk"),
    ("I have my quota done, so no hurry. Acme DQ?", "timing.quota_driven"),
    ("Lumen wants a cheaper product tier for their interns. MA?", "renewal.at_risk"),
    ("Delta said they would rather go with us than build in house. MA?", "renewal.at_risk"),
    ("Delta asked how we compare to competitors, they're very happy. MA?", "renewal.at_risk"),
    ("the end of the contract is in March, renewal looks solid. Lumen MA?", "renewal.coupled"),
    ("the end of the contract is in March, renewal looks solid. Lumen MA?", "renewal.at_risk"),
    ("Delta wants to end the contract early and move to a bigger 3-year deal with us. MA?", "renewal.at_risk"),
    ("I'm at 130% already, Kestrel seats just because they need them", "timing.quota_driven"),
    ("Delta is at 55% of their capacity. MA?", "timing.quota_driven"),
    # (our quarter said, but not the reason, in other words)
    ("quota has zero to do with it. Lumen MA?", "timing.quota_driven"),
    ("my Q ends in 4 weeks, irrelevant here tho, Kestrel wants seats for their new store openings. go?",
     "timing.quota_driven"),
    ("I know it looks like I'm chasing my number but Delta actually has a launch in Jan. MA?", "timing.quota_driven"),
    ("although my quarter closes soon, the push is from Harbor's side. Studio?", "timing.quota_driven"),
])
def test_not_read_where_not_told(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text


def test_the_push_said_to_be_ours_after_theirs_denied_is_seen(chat):
    answer = chat().ask("no pressure from their side at all, it's purely my quarter. Acme DQ?")
    assert "timing.quota_driven" in _seen(answer), answer.text


def test_one_total_for_two_products_is_a_bundle(chat):
    answer = chat().ask("DQ + Governance for 150k total instead of 190k separately, Acme?")
    assert "bundle.separate" in _seen(answer) and answer.entities.get("product") == "Data Quality", answer.text


@pytest.mark.parametrize("message", [
    "is there a sponsor for both DQ and MA at Acme?",  # ("both" is no price for both)
    "they have 500 seats total plus 3 admins. Kestrel more seats?",
])
def test_a_count_or_both_alone_is_no_bundle_price(chat, message):
    assert "bundle.separate" not in _seen(chat().ask(message))


def test_moving_on_to_the_renewal_is_no_leaving(chat):
    assert "renewal.at_risk" not in _seen(chat().ask("moving on to the renewal: Lumen MA, good time?"))


def test_the_first_deals_product_named_in_a_reply_about_the_executive_keeps_the_play(chat):
    session = chat()
    session.ask("should I take MA to Lumen?")
    session.ask("I'd go through their new CFO")
    answer = session.ask("she joined in september, never saw the DP results")
    assert answer.entities.get("product") == "Marketing Automation" and "stakeholder.no_view" in _seen(answer), \
        answer.text
