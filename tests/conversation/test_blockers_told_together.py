"""Blockers told together, or told in words the cues did not know, are all seen:

- a clause with a phrase of the data file read as a play fact is still read for the rest of what it
  tells ("renewal rate only if they take ... in one discounted package": the tie and the bundle);
- an aside in brackets is a clause of its own: its negation negates nothing after it ("(never saw it) before
  my quarter ends");
- Scots negations and words are folded as shorthand ("hasnae seen", "heid o' operations");
- a rep of ours, said by their manager, owns the "her number" or "his quota" said after it, where those
  words are otherwise someone's at the customer;
- a play put "together with the renewal" is tied to the renewal, not bundled with a product.

Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message, codes", [
    ("Juniper: renewal rate only if they take Governance plus MA in one discounted package?",
     {"renewal.coupled", "bundle.separate"}),
    ("Kestrel: DQ via their new COO (never saw it) before my quarter ends?",
     {"stakeholder.no_view", "timing.quota_driven"}),
    ("their new heid o' operations at Fjord hasnae seen the results. Governance tae her?", {"stakeholder.no_view"}),
    ("my AE wants to take MA to Delta so he makes his number. good idea?", {"timing.quota_driven"}),
    ("put DQ together with their renewal at Juniper, fine?", {"renewal.coupled"}),
])
def test_every_blocker_told_is_seen(chat, message, codes):
    answer = chat().ask(message)
    assert codes <= applied_rules(answer) | asked_codes(answer)


@pytest.mark.parametrize("message, code", [
    ("put DQ together with their renewal at Juniper, fine?", "bundle.separate"),  # (the renewal is no product)
    ("Priya needs it before her quarter ends, DQ at Acme?", "timing.quota_driven"),  # (her quarter: the customer's)
    ("my rep asked me whether Acme is ready for DQ", "timing.quota_driven"),
])
def test_not_read_where_not_told(chat, message, code):
    answer = chat().ask(message)
    assert code not in applied_rules(answer) | asked_codes(answer)
