"""The understanding layer: names from anywhere (RapidFuzz), the viewer's accounts, the cached
example vectors, the cheap gate in front of the model, and blockers read by meaning with a
confidence (applied, or asked about and the answer understood in the next turn)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import numpy as np
import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.meaning import Meaning, clause_pattern, clauses
from assistant.conversation.meaning_spec import load_meaning_spec
from tests.conversation.conftest import TODAY


# -- names ----------------------------------------------------------------------------------------
def test_an_unknown_company_is_asked_back_never_answered_for_another(chat):
    answer = chat().ask("should I pitch DQ to Globex Corp?")
    assert answer.verdict is None and answer.ask_back.kind == "account"
    assert "Acme Corp" not in answer.entities.values()
    other = chat().ask("pitch DQ to Acme Health")
    assert other.verdict is None and other.ask_back.kind == "account"
    assert other.ask_back.candidates == ["Acme Corp"]


@pytest.mark.parametrize("question, account, product", [
    ("shoud I pitch Data Qulaity to Acme Copr", "Acme Corp", "Data Quality"),
    ("Governanse Suite for Juniper Clincs?", "Juniper Clinics", "Governance Suite"),
    ("CAN I SELL INSIGHTS STUDIO TO HARBOR INSURANCE", "Harbor Insurance", "Insights Studio"),
])
def test_names_typed_anywhere_with_typos_and_any_case(chat, question, account, product):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("product")) == (account, product), answer.text


def test_names_resolve_only_among_the_accounts_a_viewer_may_see(chat):
    seen = chat(allowed_accounts={"Borealis Freight", "Kestrel Outdoor"})
    answer = seen.ask("should I pitch DQ to Acme?")
    assert answer.verdict is None and answer.ask_back.kind == "account"
    assert "Acme Corp" not in answer.ask_back.candidates
    assert seen.ask("what about Kestrel?").entities["account"] == "Kestrel Outdoor"


def test_the_other_one_after_a_choice(chat):
    conversation = chat()
    assert conversation.ask("pitch DQ to Nimbus?").ask_back.kind == "account"
    assert conversation.ask("Nimbus Software").entities["account"] == "Nimbus Software"
    again = conversation.ask("no, I meant the other one")
    assert (again.entities["account"], again.entities["product"]) == ("Nimbus Analytics", "Data Quality")
    assert again.verdict is not None


@pytest.mark.parametrize("question, account, person", [
    ("Dana's team wants Marketing Automation, should I pitch it?", "Acme Corp", "Dana Ruiz"),
    ("is the deal with Ingrid ready for more capacity?", "Fjord Bank", "Ingrid Solberg"),
    ("what about pitching Governance to Helen", "Orchid Pharma", "Helen Achebe"),
])
def test_a_person_named_as_the_way_to_an_account_leads_to_it(chat, question, account, person):
    answer = chat().ask(question)
    assert (answer.entities.get("account"), answer.entities.get("person")) == (account, person), answer.text
    assert f"at {account}" in answer.text  # said, not silently assumed


def test_a_person_at_another_account_is_asked_back_with_the_accounts_people(chat):
    answer = chat().ask("pitch Insights Studio to Kestrel through Dana")  # Dana is at Acme
    assert answer.verdict is None and answer.ask_back.kind == "person"
    assert answer.ask_back.candidates == ["Ben Whitaker", "Lucia Romero"]


@pytest.mark.parametrize("question, person", [
    ("could I put Marketing Automation in front of Robert Vance at Evergreen next week?", "Robert Vance"),
    ("Studio seats at Kestrel - should I run it past Lucia first?", "Lucia Romero"),
    ("Evergreen MA, via Mia instead of Robert Vance?", "Mia Chen"),
])
def test_a_phrase_of_several_words_aims_the_pitch_where_the_longer_phrase_says(chat, question, person):
    """(meaning.yaml `names.person_before` phrases: "in front of" is no "of" of "instead of")"""
    answer = chat().ask(question)
    assert answer.entities.get("person") == person, answer.text
    # (Robert Vance saw nothing of the first deal, by the record: going to him is the policy's no_view)
    assert ("stakeholder.no_view" in {a.rule for a in answer.applied}) == (person == "Robert Vance"), answer.applied


def test_a_lower_case_last_name_where_no_one_is_addressed_is_no_one_elsewhere(chat):
    """("park" is Elena Park's name, at Corvid: in lower case it names her only after `person_lower_before`)"""
    answer = chat().ask("Lumen, more platform units - green light or park it?")
    assert answer.ask_back is None or answer.ask_back.kind != "person", answer.text


def test_a_lower_case_word_that_is_also_a_name_names_nobody(chat):
    answer = chat().ask("is there a grace period before I pitch DQ to acme")
    assert answer.entities.get("account") == "Acme Corp" and "person" not in answer.entities


def test_a_first_name_at_two_accounts_is_asked_back_with_both(chat, coach):
    from assistant.domain import Account

    coach.store.import_accounts([Account.model_validate({
        "name": "Quill Labs", "owner": "Jordan Blake",
        "owns": [{"product": "Data Platform", "tier": "Standard", "capacity": 10, "used": 5}],
        "stakeholders": [{"name": "Dana Whitfield", "title": "CFO", "roles": ["executive"]}]})])
    answer = chat().ask("should I pitch Data Quality to Dana's team?")
    assert answer.ask_back is not None and answer.ask_back.kind == "account"
    assert answer.ask_back.candidates == ["Acme Corp", "Quill Labs"]


# -- the example vectors are cached on disk -----------------------------------------------------
class CountingEmbedder:
    """Deterministic stand-in vectors (a hash per word), counting the texts it embeds."""

    def __init__(self):
        self.texts = 0

    def __call__(self, texts):
        self.texts += len(texts)
        out = np.zeros((len(texts), 64), dtype="float32")
        for row, text in enumerate(texts):
            for word in text.casefold().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def test_example_vectors_are_embedded_once_and_then_read_from_the_cache(tmp_path):
    spec = load_meaning_spec(PROJECT_ROOT / "prompts")
    first = CountingEmbedder()
    Meaning(spec, first, tmp_path, "m1").vectors
    assert first.texts > 100 and len(list(tmp_path.glob("meaning-*.npy"))) == 1
    second = CountingEmbedder()
    Meaning(spec, second, tmp_path, "m1").vectors
    assert second.texts == 0  # read from disk
    third = CountingEmbedder()
    Meaning(spec, third, tmp_path, "another-model").vectors
    assert third.texts == first.texts  # another model: embedded again, cached apart


def test_a_story_is_cut_into_clauses():
    pattern = clause_pattern(load_meaning_spec(PROJECT_ROOT / "prompts").clause_words)
    assert clauses("Acme is unhappy with support, but should I pitch DQ? I need it before my quarter ends",
                   pattern) == ["Acme is unhappy with support", "should I pitch DQ", "I need it before my quarter ends"]


def test_the_words_that_start_a_clause_are_data():
    """Another word in meaning.yaml's clause_words cuts there too; nothing about them is in the code."""
    assert clauses("DQ for Acme yet my quarter ends soon", clause_pattern(["yet"])) == [
        "DQ for Acme", "my quarter ends soon"]
    assert clauses("DQ for Acme yet my quarter ends soon", clause_pattern(["but"])) == [
        "DQ for Acme yet my quarter ends soon"]


def test_a_clause_word_inside_a_phrase_of_the_data_file_does_not_cut_it():
    """"touch and go", "so long as", "if and only if" are read whole (the cue phrases that hold a clause
    word), typed with hyphens too; the same clause word elsewhere still cuts."""
    pattern = clause_pattern(["and", "so"], ["touch and go", "so long as", "sick and tired"])
    assert clauses("Corvid's renewal is touch and go right now and Elena is upset", pattern) == [
        "Corvid's renewal is touch and go right now", "Elena is upset"]
    assert clauses("it's touch-and-go whether Juniper renews", pattern) == ["it's touch-and-go whether Juniper renews"]
    assert clauses("I'll hold the rate so long as they add DQ, so should I offer it", pattern) == [
        "I'll hold the rate so long as they add DQ", "should I offer it"]
    assert clauses("they are sick and tired of outages", pattern) == ["they are sick and tired of outages"]
    assert clauses("touch base and go ahead", pattern) == ["touch base", "go ahead"]  # (not the phrase)


def test_the_shipped_cutter_keeps_the_cue_phrases_whole():
    spec = load_meaning_spec(PROJECT_ROOT / "prompts")
    assert clauses("gale renewal = touch and go tbh, so more capacity?",
                   clause_pattern(spec.clause_words, spec.cue_phrases())) == ["gale renewal = touch and go tbh",
                                                                               "more capacity"]


# -- the model is loaded only when the patterns are not certain --------------------------------
_PROBE = """
import sys
from assistant.cli.main import app
try:
    app(["ask", sys.argv[1], "--today", sys.argv[2]])
except SystemExit:
    pass
loaded = sorted({"torch", "sentence_transformers", "onnxruntime"} & set(sys.modules))
print("LOADED:" + ",".join(loaded), file=sys.stderr)
"""


def _cold_ask(tmp_path, question: str) -> str:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path), "PYTHONPATH": str(PROJECT_ROOT),
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    env.pop("COACH_LLM_BASE_URL", None)
    run = subprocess.run([sys.executable, "-c", _PROBE, question, TODAY.isoformat()], env=env,
                         capture_output=True, text=True, timeout=300)
    line = next(line for line in run.stderr.splitlines() if line.startswith("LOADED:"))
    return line.removeprefix("LOADED:")


def test_cold_coach_ask_does_not_load_the_embedding_model_when_the_patterns_are_certain(tmp_path):
    assert _cold_ask(tmp_path, "should I pitch Data Quality to Acme?") == ""


@pytest.mark.slow
def test_a_cold_story_is_read_by_onnx_runtime_without_importing_torch(tmp_path):
    """The model's ONNX export (made once per machine, in the user cache) is all a process needs:
    torch and sentence-transformers, seconds to import, are not loaded."""
    from assistant.knowledge.encoder import encoder
    from assistant.knowledge.embeddings import default_model_dir

    assert encoder(default_model_dir(), threads=1, backend="onnx").backend == "onnx"  # the export exists
    # (no sure cue in it, meaning.yaml `sure:`: the story is read by meaning)
    assert _cold_ask(tmp_path, "There's been a lot of friction with us lately, but is Kestrel ready for more seats?") \
        == "onnxruntime"


# -- blockers by meaning (the shipped model) ----------------------------------------------------
@pytest.mark.slow
def test_a_blocker_in_the_ams_own_words_is_applied_and_shown(chat):
    answer = chat().ask("I need to close more seats at Kestrel before my quarter ends, should I push it now?")
    assert answer.verdict is not None and answer.verdict.verdict.value == "hold"
    assert "timing.quota_driven" in answer.verdict.codes
    assert any(a.rule == "timing.quota_driven" for a in answer.applied)
    assert 'You said "' in answer.text and "timing.quota_driven" in answer.text


@pytest.mark.slow
def test_an_unhappy_customer_in_words_holds_the_play(chat):
    # (no sure cue in it, meaning.yaml `sure:`: "fed up" would be applied without the model)
    answer = chat().ask("the relationship with Acme is rocky right now, should I still pitch DQ?")
    assert any(a.rule == "health.dissatisfied" and a.how == "meaning" for a in answer.applied), answer.text
    assert answer.verdict.verdict.value == "hold" and "health.dissatisfied" in answer.verdict.codes


@pytest.mark.slow
def test_unsure_timing_is_asked_and_the_answer_is_understood(chat):
    conversation = chat()
    first = conversation.ask("can I pitch Governance to Orchid by Christmas?")
    assert first.verdict is None and first.ask_back.kind == "blocker"
    assert first.ask_back.codes == ["timing.quota_driven"]
    assert "quarter end" in first.text
    second = conversation.ask("ours, honestly")
    assert second.verdict is not None and "timing.quota_driven" in second.verdict.codes
    assert [a.how for a in second.applied] == ["answer"]
    other = chat()
    other.ask("can I pitch Governance to Orchid by Christmas?")
    theirs = other.ask("theirs: their audit starts in January")
    assert theirs.verdict is not None and "timing.quota_driven" not in theirs.verdict.codes


@pytest.mark.slow
def test_the_intent_by_meaning_when_no_pattern_fits(chat):
    answer = chat().ask("where is the most expansion potential in my patch")
    assert answer.intent == "focus" and answer.parser == "meaning"


# -- this session's mechanisms (phrasings of this test's own) ------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("question, entities", [
    # a tier named anywhere, capitalised: that product, upgraded
    ("could Borealis Freight step up to Enterprise next year", {"account": "Borealis Freight", "product": "Data Platform",
                                                                "change": "higher_tier"}),
    # the account written out wins over a long slot's close spellings
    ("Mariner's analytics team beat every target and Pia asked about quality checks. Is Data Quality a fit?",
     {"account": "Mariner Shipping", "product": "Data Quality"}),
    # a full stop ends a name: "Corvid. Elena ..." is not another company
    ("about Corvid. Elena wants better audit trails. Governance Suite?", {"account": "Corvid Health",
                                                                         "product": "Governance Suite"}),
])
def test_names_in_stories(chat, question, entities):
    answer = chat().ask(question)
    assert answer.ask_back is None, answer.text
    assert {k: answer.entities.get(k) for k in entities} == entities


@pytest.mark.slow
def test_two_products_in_one_offer_are_a_bundle_of_the_first_with_the_rest(chat):
    answer = chat().ask("I'd put Governance and Data Quality together for Orchid at one discounted price")
    assert answer.entities.get("product") == "Governance Suite", answer.text
    assert "bundle.separate" in {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else [])


def test_a_change_of_the_other_product_of_a_bundle_is_not_the_plays(chat):
    """(Kestrel owns Insights Studio, not MA: the seats are Studio's, MA is a new product in the bundle)"""
    answer = chat().ask("kestrel: can I bundle Marketing Automation with 20 more Studio seats at a discount?")
    assert answer.verdict is not None, answer.text
    assert (answer.entities.get("product"), answer.entities.get("change")) == ("Marketing Automation", "new_product")


@pytest.mark.slow
def test_a_product_named_only_where_a_blocker_is_told_is_not_the_play(chat):
    answer = chat().ask("can I take Insights Studio straight to Fjord's COO? he never saw what the platform did")
    assert answer.entities.get("product") == "Insights Studio", answer.text
    assert answer.entities.get("person") == "Henrik Dahl"


@pytest.mark.slow
def test_a_bundle_said_in_a_follow_up_goes_with_the_play_in_focus(chat):
    conversation = chat()
    conversation.ask("more capacity for Juniper?")
    answer = conversation.ask("and sell Governance with it as one package")
    assert answer.entities.get("product") == "Data Platform", answer.text
    assert "bundle.separate" in {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else [])


@pytest.mark.slow
def test_the_question_at_the_end_of_a_story_is_read_alone(chat):
    answer = chat().ask("Busy month, lots of travel. Which part of my book deserves the most attention now?")
    assert answer.intent == "focus", answer.text


@pytest.mark.slow
def test_an_answer_to_the_timing_question_is_read_even_when_it_looks_like_a_question(chat):
    conversation = chat()
    first = conversation.ask("can I land the Gale upgrade before New Year?")
    assert first.ask_back is not None and first.ask_back.kind == "blocker"
    second = conversation.ask("it's my quarter really")
    assert second.verdict is not None and "timing.quota_driven" in second.verdict.codes, second.text
