"""Conversations over the demo book, read as transcripts (user: what the AM types; coach: what
must be in the answer; coach(first): how the answer opens, which is where the verdict is stated)."""

from __future__ import annotations

from tests.conversation.conftest import TODAY, NoKnowledge, transcript

VERDICT_OPENINGS = {"pitch": "Pitch it:", "prepare": "Prepare first:", "intervene": "Intervene first:", "hold": "Hold:"}


def test_the_acme_conversation(chat):
    transcript(chat(), """
        user: should I pitch Data Quality to Acme?
        coach(first): Pitch it: Data Quality for Acme Corp is a cross-sell and the rules allow it now.
        coach: Sponsor: Priya Natarajan
        coach: Develop a new champion in a team that would use Data Quality
        user: who should sponsor it?
        coach(first): Pitch it: Data Quality for Acme Corp
        coach: Sponsor: Priya Natarajan, Chief Data Officer: "data trust"
        user: draft it
        coach(first): Pitch it: Data Quality for Acme Corp
        coach: Talk track (template drafter, approved by the rules):
        coach: Priya
        user: and Governance Suite?
        coach(first): Prepare first: Governance Suite for Acme Corp is a cross-sell and groundwork is missing.
        user: why not?
        coach: no executive priority (alignment.no_priority)
        coach: Next step:
        coach: What the framework says:
        user: draft it
        coach(first): Prepare first: Governance Suite for Acme Corp
        coach: No talk track: the rules do not allow pitching it now.
    """)


def test_follow_ups_carry_the_play_to_another_account_and_change(chat):
    answers = transcript(chat(), """
        user: should I pitch Data Quality to Acme?
        coach(first): Pitch it: Data Quality for Acme Corp
        user: and more seats?
        coach(first): Pitch it: Data Platform (more capacity) for Acme Corp is an upsell
        coach: Data Platform is sold in capacity units, so I read "more seats" as more capacity.
        user: what about Borealis?
        coach(first): Intervene first: Borealis Freight has an adoption or value gap
        coach: adoption gap (adoption.gap)
        user: what about Gale?
        coach(first): Hold: do not bring Data Platform (more capacity) to Gale Logistics now.
        coach: dissatisfied customer (health.dissatisfied)
    """)
    assert [a.verdict.verdict.value for a in answers] == ["pitch", "pitch", "intervene", "hold"]


def test_the_first_sentence_always_states_the_verdict(chat):
    conversation = chat()
    for question in ("should I pitch DQ to Acme", "Governance Suite for Acme?", "more capacity at Borealis?",
                     "more capacity at Corvid", "why not?", "who should sponsor it?", "draft it"):
        answer = conversation.ask(question)
        assert answer.verdict is not None, question
        assert answer.text.startswith(VERDICT_OPENINGS[answer.verdict.verdict.value]), answer.text


def test_unknown_account_is_asked_back_never_guessed(chat):
    answers = transcript(chat(), """
        user: should I pitch DQ to Acme?
        coach(first): Pitch it
        user: should I pitch DQ to Zenith
        coach: I don't know an account called "zenith".
        user: Borealis
        coach(first): Intervene first: Borealis Freight
    """)
    assert answers[1].verdict is None and answers[1].ask_back.kind == "account"
    assert (answers[2].entities["account"], answers[2].entities["product"]) == ("Borealis Freight", "Data Quality")


def test_ambiguous_names_are_asked_back_with_the_candidates(chat):
    answers = transcript(chat(), """
        user: should I pitch Data Quality to Nimbus?
        coach: Which account do you mean: Nimbus Analytics or Nimbus Software?
        user: the second one
        coach(first): Hold: do not bring Data Quality to Nimbus Software now.
        user: should I pitch Data to Acme
        coach: Which product do you mean: Data Platform or Data Quality?
        user: Data Quality
        coach(first): Pitch it: Data Quality for Acme Corp
    """)
    assert answers[0].ask_back.candidates == ["Nimbus Analytics", "Nimbus Software"]
    assert answers[0].verdict is None and answers[2].verdict is None


def test_an_unknown_product_is_never_invented(chat):
    answer = chat().ask("should I pitch Quantum Widgets to Acme")
    assert answer.verdict is None and answer.ask_back.kind == "product"
    assert "Quantum" not in str(answer.entities)


def test_misspellings_and_aliases_are_resolved_and_said(chat):
    answers = transcript(chat(), """
        user: shoud I pich DQ to Acmee
        coach(first): Pitch it: Data Quality for Acme Corp
        coach: I took "acmee" to mean Acme Corp.
        user: what about Borealsi?
        coach(first): Intervene first: Borealis Freight
    """)
    assert answers[0].entities["product"] == "Data Quality"


def test_the_quarter_end_in_the_ams_words_brings_in_the_quota_timing_rule(chat):
    answer = transcript(chat(), """
        user: I need to close this before quarter end, should I pitch DQ to Acme?
        coach(first): Hold: do not bring Data Quality to Acme Corp now.
        coach: You said "before quarter end": the timing comes from our quarter end, that is vendor-driven timing, so rule timing.quota_driven applied.
        coach: vendor-driven timing (timing.quota_driven)
    """)[0]
    assert answer.applied[0].fired and answer.verdict.verdict.value == "hold"
    assert answer.verdict.facts["play"]["timing_reason"] == "quarter_end"


def test_a_renewal_tie_said_in_a_follow_up_applies_to_the_play_in_focus(chat):
    answers = transcript(chat(), """
        user: should I pitch more capacity to Acme?
        coach(first): Pitch it: Data Platform (more capacity) for Acme Corp
        user: tell them the renewal price only holds if they take it
        coach(first): Hold: do not bring Data Platform (more capacity) to Acme Corp now.
        coach: so rule renewal.coupled applied.
        coach: Next step: Sell the renewal and the expansion separately
    """)
    assert answers[1].verdict.facts["play"]["tied_to_renewal"] is True


def test_bundling_in_the_ams_words_splits_the_plays(chat):
    answer = transcript(chat(), """
        user: should I upsell Acme on more capacity and bundle it with Governance?
        coach: You said "bundle it with governance": it goes out as one bundle with Governance Suite, that is run bundled plays separately, so rule bundle.separate applied.
        coach: - Governance Suite (new product) is a separate play: PREPARE on its own
    """)[0]
    assert [p.product for p in answer.verdict.separate_plays] == ["Governance Suite"]


def test_a_customer_trigger_in_the_words_is_taken_into_account(chat):
    answer = chat().ask("should I offer Juniper more capacity? they asked for it")
    assert answer.verdict.facts["play"]["timing_reason"] == "customer_request"
    assert "I took that into account" in answer.text


def test_talk_tracks_are_shown_only_for_pitch_and_only_approved(chat):
    conversation = chat()
    conversation.ask("should I pitch DQ to Acme")
    drafted = conversation.ask("draft it")
    assert drafted.talk_track["approved"] is True and drafted.talk_track["approval"]["approved"] is True
    assert drafted.talk_track["text"] in drafted.text
    conversation.ask("what about Corvid?")
    refused = conversation.ask("draft it")
    assert refused.verdict.verdict.value == "hold" and refused.talk_track is None
    assert "No talk track" in refused.text


def test_list_plays_then_follow_up_on_the_best_one(chat):
    answers = transcript(chat(), """
        user: what can I sell to Kestrel?
        coach(first): For Kestrel Outdoor,
        coach: - PITCH Insights Studio (more seats), an upsell
        user: why?
        coach(first): Pitch it:
    """)
    assert answers[0].plays and answers[0].plays[0]["verdict"] == "pitch"
    assert answers[1].entities["account"] == "Kestrel Outdoor"


def test_nothing_in_focus_asks_back(chat):
    transcript(chat(), """
        user: why not?
        coach: Which play do you mean?
        user: draft it
        coach: Which play do you mean?
    """)


def test_qbr_talk_track(chat):
    answers = transcript(chat(), """
        user: give me the QBR talk track for Acme
        coach(first): QBR talk track for Acme Corp:
        coach: # QBR: Acme Corp
        user: what about Corvid?
        coach(first): QBR talk track for Corvid Health: no expansion this quarter
    """)
    assert answers[0].talk_track["kind"] == "qbr" and answers[0].talk_track["expansions"]


def test_focus_for_the_quarter_uses_the_users_book(chat):
    answer = chat(user="Jordan Blake").ask("what should I focus on this quarter?")
    assert answer.intent == "focus" and answer.portfolio["owner"] == "Jordan Blake"
    assert answer.text.startswith("Focus this quarter on")
    whole = chat(user="someone-new").ask("which accounts should I focus on?")
    assert whole.portfolio["owner"] is None and "whole book" in whole.text


def test_framework_questions_cite_the_passages(chat):
    passage = type("P", (), {"doc": "worked-example", "section_id": "bundle-separately", "score": 1.0,
                             "title": "Run upsell and cross-sell as separate plays", "text": "Run them apart."})()
    knowledge = NoKnowledge([passage])
    answer = chat(knowledge=knowledge).ask("what does the framework say about bundling?")
    assert knowledge.queries == ["bundling"]
    assert answer.passages[0]["section"] == "bundle-separately"
    assert "Run upsell and cross-sell as separate plays (worked-example#bundle-separately)" in answer.text


def test_help_off_topic_and_unclear(chat):
    conversation = chat()
    assert conversation.ask("help").text.startswith("I coach account expansion")
    refused = conversation.ask("what's the weather in Oslo?")
    assert refused.intent == "off_topic" and refused.verdict is None and "outside what I do" in refused.text
    unclear = conversation.ask("asdfgh")
    assert unclear.intent == "unclear" and unclear.ask_back.kind == "question"


def test_the_answer_as_json_has_the_verdict_without_the_fact_tree(chat):
    data = chat().ask("should I pitch DQ to Acme").model_dump(mode="json")
    assert set(data) >= {"intent", "text", "verdict", "reasons", "passages", "plan", "talk_track", "ask_back",
                         "session_id", "entities", "applied"}
    assert data["verdict"]["verdict"] == "pitch" and "facts" not in data["verdict"]
    assert data["verdict"]["today"] == TODAY.isoformat()
