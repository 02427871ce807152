"""The readability check reads only what a model wrote: English words (the record's own words
always count), no stutter, not left hanging. Its lists and thresholds are rules/drafts data."""

from __future__ import annotations

import pytest

from assistant.approval import approve
from assistant.drafting import TemplateDrafter, build_context

from .conftest import PROMPTS


def clauses(world, checks, why, purpose, prefix="01"):
    w = world(prefix)
    context = build_context(w.verdict, w.account, w.catalog, checks.vocabulary)
    text = TemplateDrafter(PROMPTS).draft(context, slots={"why": why, "purpose": purpose}).text
    return approve(text, w.verdict, w.account, w.catalog, checks, model_text=[why, purpose])


def details(approval) -> str:
    return " ".join(f.detail for f in approval.failures if f.code == "draft.unreadable")


OK_PURPOSE = "so that new campaigns do not wait"


def test_a_plain_clause_passes(world, checks):
    assert clauses(world, checks, "because it lets the team run more campaigns at once", OK_PURPOSE).approved


@pytest.mark.parametrize("why, problem", [
    ("because it lets the team of acm's operations run campaigns", "not English: \"acm's\""),
    ("because it lets the team blorf more campaigns", "not English: 'blorf'"),
    ("because youre running more campaigns than before", "not English: 'youre'"),
    ("because it lets the the team run campaigns", "'the' back to back"),
    ("because it lets the team, while also", "left hanging"),
    ("because it lets the team run campaigns they can't", "left hanging"),
    ("because it lets the team do more with", "left hanging"),
    ("because it helps pipeline growth at the pipeline growth team", "repeats the phrase 'pipeline growth'"),
    # Common words of other languages, which wordfreq's English list knows from quotations.
    ("because it lets the team run campaigns sehr schnell", "not English: 'sehr', 'schnell'"),
    ("because it lets the equipo run campaigns mejor", "not English: 'equipo', 'mejor'"),
    ("because it lets the team run campaigns avec confidence", "not English: 'avec'"),
    # Sound-alikes: every word is English, the phrase is not.
    ("because it lets the team be sure of the data they use in there work", "'there work' ('there' where 'their' belongs)"),
    ("because their is more room for campaigns", "'their is' ('their' where 'there' belongs)"),
    ("because its a better fit for the campaigns", "'its a' ('its' where \"it's\" belongs)"),
    ("because it lets the team run campaigns faster then before", "'faster then' ('then' where 'than' belongs)"),
    # A word of the play alone after the last comma: put there to be there ("capacity units").
    ("because it lets the team plan in the best way possible, unit", "tacks a word of the play on at its end (', unit')"),
    ("because it lets the team plan in the best way possible, pipeline", "(', pipeline')"),
    # Pieces that are not a clause: a verb's slot left empty, a noun with no article as subject.
    ("because it lets more capacity units", "has no verb after 'lets more capacity units'"),
    ("because it lets your team more capacity units, so they plan", "has no verb after 'lets your team more'"),
    ("because it lets more capacity units than already offered by others", "has no verb after 'lets more"),
    ("because it lets data quality and trustworthiness through", "has no verb after 'lets data quality and'"),
    ("because it lets the team plan, team will be able to grow", "a noun with no article as its subject (team 'will')"),
])
def test_unreadable_model_clauses_are_refused(world, checks, why, problem):
    approval = clauses(world, checks, why, OK_PURPOSE)
    assert problem in details(approval), approval.reasons()


@pytest.mark.parametrize("why", [
    "because Acme Corp's campaigns fill the Data Platform",  # the record's own words, capitals and all
    "because it lets the team finish the reports it depends on",  # a preposition after a verb
    "because the team can't wait for a free slot",
    "because it builds rapport with the team on par with the genre leaders",  # borrowed words are English
    "because it lets the team run what they need to do",
    "because it lets the team get there faster",  # "there" before an adverb
    "because there is more room, and their reports run in there too",
    "because it lets the team grow more, then expand",  # a comma breaks "more then"
    "because it lets the team plan ahead, together",  # a lone word after a comma, not the play's
    "because it lets the team add capacity, then grow the pipeline",  # more than a word after it
    "because it lets your team trust their data",  # a verb after the object
    "because it lets you access more capacity units",  # a bare verb ending in s
    "because it lets the team bring more campaigns in",  # ... or in ing
    "because it lets the team focus, and data will be cleaner",  # a mass noun needs no article
    "because it lets the team plan, so the team will grow",  # a singular noun with its article
    "because it lets the teams plan, and teams will grow",  # a plural noun needs none
])
def test_readable_clauses_pass(world, checks, why):
    approval = clauses(world, checks, why, OK_PURPOSE)
    assert "draft.unreadable" not in approval.codes, approval.reasons()


def test_template_text_is_not_read_for_readability(world, checks):
    w = world("01")
    context = build_context(w.verdict, w.account, w.catalog, checks.vocabulary)
    junk = {"why": "because blorf blorf blorf", "purpose": "so that the"}
    text = TemplateDrafter(PROMPTS).draft(context, slots=junk).text
    assert "draft.unreadable" not in approve(text, w.verdict, w.account, w.catalog, checks).codes
    assert "draft.unreadable" in approve(text, w.verdict, w.account, w.catalog, checks,
                                         model_text=list(junk.values())).codes


@pytest.mark.parametrize("purpose, problem", [
    ("so that your marketing operations team can more capacity units now", "has no verb after 'can more capacity units'"),
    ("so that your marketing operations team can also more campaigns", "has no verb after 'can also more campaigns'"),
])
def test_a_purpose_with_no_verb_after_can_is_refused(world, checks, purpose, problem):
    approval = clauses(world, checks, "because it lets the team run more campaigns at once", purpose)
    assert problem in details(approval), approval.reasons()


def test_the_purpose_stem_and_a_verb_pass(world, checks):
    purpose = "so that your marketing operations team can more easily plan its campaigns"
    assert clauses(world, checks, "because it lets the team run more campaigns at once", purpose).approved
