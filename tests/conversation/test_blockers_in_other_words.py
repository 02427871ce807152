"""Blockers stated in other words than the usual ones (meaning.yaml `blockers:` cues), and their near-misses:

- the renewal at risk: another vendor put in our place ("go with Snowflake instead of us"), halfway gone in idiom
  ("one foot out the door", "heading for the exit", "far from a done deal"), other vendors weighed in any verb
  ("evaluating two other BI tools", "trialling Looker alongside us"), going on with the contract denied, as
  non-native English says it too ("they will not prolong the contract"); not a question how we measure up, a
  weighing of the customer's own, nor a trial or a discount not extended;
- an unhappy customer: their patience said wearing thin (not the AM's own);
- our quota: the objective reached, the club the number earns, the PIP it takes the AM off, the boss "on my neck";
  not an objective for a call, nor a PIP of the customer's team;
- a bundle: "in a pack with reduction", a figure said total for the two ("150k total", "80k for the pair"); not a
  total spend, nor a total count of products.

This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


def _seen(answer) -> set[str]:
    return applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("contract is up in March and they told me they'd go with Snowflake instead of us. Kestrel seats?",
     "renewal.at_risk"),
    ("they may pick Looker rather than us next year, Acme DQ?", "renewal.at_risk"),
    ("honestly Corvid feels like one foot out the door. DQ?", "renewal.at_risk"),
    ("they're heading for the exit at renewal, Acme DQ?", "renewal.at_risk"),
    ("the renewal is far from a done deal tbh, Acme DQ?", "renewal.at_risk"),
    ("Acme is trialling Snowflake alongside us for next year. still pitch DQ?", "renewal.at_risk"),
    ("we're evaluating two other BI tools before the renewal - Kestrel seats?", "renewal.at_risk"),
    ("they're exploring other providers, Acme DQ?", "renewal.at_risk"),
    ("they won't extend the contract after March, Acme DQ?", "renewal.at_risk"),
    ("they will not prolong the contract, Corvid DQ?", "renewal.at_risk"),
    ("they don't want to continue the subscription next year, Kestrel seats?", "renewal.at_risk"),
    ("their patience is wearing thin with support, Acme DQ?", "health.dissatisfied"),
    ("they're at the end of their rope with the sync bugs, Corvid DQ?", "health.dissatisfied"),
    ("this deal would get me to club. Harbor Studio?", "timing.quota_driven"),
    ("if this closes I'm off the PIP, Kestrel seats?", "timing.quota_driven"),
    ("manager on my tail about the number, Acme DQ?", "timing.quota_driven"),
    ("my boss is on my neck for Q4, Juniper Governance?", "timing.quota_driven"),
    ("need it to reach my objective this quarter, Acme DQ", "timing.quota_driven"),
    ("DQ and Governance in a pack with reduction for Juniper", "bundle.separate"),
    ("DQ + Governance for 150k total at Juniper?", "bundle.separate"),
    ("80k for the pair, DQ and Governance at Juniper", "bundle.separate"),
])
def test_a_blocker_in_other_words_is_seen(chat, message, code):
    answer = chat().ask(message)
    assert code in _seen(answer), answer.text


@pytest.mark.parametrize("message, code", [
    ("they chose us instead of Snowflake last year, Acme DQ?", "renewal.at_risk"),
    ("Acme wants to evaluate DQ against their current rules engine, pitch?", "renewal.at_risk"),
    ("they are testing other data tools for their own customers, Acme DQ?", "renewal.at_risk"),
    ("we can't extend the discount past December, Acme DQ?", "renewal.at_risk"),
    ("I won't extend the trial, Acme DQ?", "renewal.at_risk"),
    ("my patience is wearing thin with legal, Acme DQ?", "health.dissatisfied"),
    ("budget is wearing thin on their side, Acme DQ?", "health.dissatisfied"),
    ("my objective for the call is to learn their roadmap, Acme DQ?", "timing.quota_driven"),
    ("total spend with Acme is 300k, DQ?", "bundle.separate"),
    ("they have 3 products in total with us, Acme DQ?", "bundle.separate"),
    ("data reduction is their use case, DQ at Acme?", "bundle.separate"),
])
def test_a_near_miss_applies_nothing(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer), answer.text
