"""The sure tier of blockers in words (meaning.yaml `sure:`): a cue unambiguous on its own is
applied, quoting the AM's words, without the model; what is unsure stays a question, and the
near-misses (a disclaimer of our quarter, a competitor for another category, a past trouble that
is over, an executive who saw the results) get nothing. Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.conversation.cues import CueRule, Said, fires, group


class NoModel:
    """An embedder that fails: a sure cue is read without the model."""

    def __call__(self, texts):
        raise AssertionError("the model must not be loaded to apply a sure cue")


@pytest.mark.parametrize("message, code", [
    ("they've escalated twice, should I pitch DQ to Acme?", "health.dissatisfied"),
    ("Kestrel threatened to churn, should I pitch Studio seats?", "renewal.at_risk"),
    ("my VP wants it booked this quarter, can I pitch DQ to Acme?", "timing.quota_driven"),
    ("Harbor Insurance has a new COO who's never heard of us. should I pitch him the tier upgrade?",
     "stakeholder.no_view"),
    ("their ops team is mad at us over the invoices, should I pitch DQ to Acme?", "health.dissatisfied"),
])
def test_a_sure_cue_is_applied_quoting_the_words_without_the_model(chat, message, code):
    answer = chat(embed=NoModel()).ask(message)
    applied = [a for a in answer.applied if a.rule == code]
    assert answer.ask_back is None and applied and applied[0].how == "sure"
    assert applied[0].phrase in message and f'"{applied[0].phrase}"' in answer.text


@pytest.mark.parametrize("message, code, phrase", [
    ("Corvid's renewal is touch and go right now. still worth pitching DQ?", "renewal.at_risk", "touch and go"),
    ("honestly it's touch-and-go whether Juniper renews. Studio?", "renewal.at_risk", "touch-and-go"),
    ("I'll honour Kestrel's current rate so long as they move to more Studio seats. sensible?", "renewal.coupled",
     "so long as"),
])
def test_a_cue_phrase_with_a_clause_word_inside_is_read_whole(chat, message, code, phrase):
    """Cut at its "and" or "so", "renewal is touch | go" names nothing: the phrase is one clause."""
    answer = chat().ask(message)
    applied = [a for a in answer.applied if a.rule == code]
    assert applied and applied[0].how == "sure" and phrase in applied[0].phrase


def test_a_bundle_with_the_capacity_they_own_is_bundled_with_its_product(chat):
    answer = chat().ask("throw MA in with delta's capacity upgrade, same contract, 10% off")
    bundle = next(a for a in answer.applied if a.rule == "bundle.separate")
    assert bundle.how == "sure" and bundle.sets["bundled_with"] == ["Data Platform"]
    # the play is the product they do not own yet, not "more capacity of Marketing Automation"
    assert answer.entities["product"] == "Marketing Automation" and answer.entities.get("change") == "new_product"
    assert answer.verdict is not None


@pytest.mark.parametrize("message, code", [
    ("is Acme unhappy? DQ?", "health.dissatisfied"),  # a fact asked about is not told
    ("are they shopping around? DQ for Acme?", "renewal.at_risk"),  # nor by meaning
])
def test_an_unsure_reading_is_still_asked(chat, message, code):
    answer = chat().ask(message)
    assert code not in {a.rule for a in answer.applied}
    assert answer.ask_back is not None and code in answer.ask_back.codes


@pytest.mark.parametrize("message", [
    "not because of my quota at all, should I pitch DQ to Acme?",
    "my quarter's already done, DQ at Acme now?",
    "Honestly my number has nothing to do with it, Acme needs DQ. pitch it?",
    "They use a competitor for email, we're not replacing that. MA for Evergreen?",
    "a rival vendor cold-emailed Orchid, Helen forwarded it to me as a joke. DQ capacity for Orchid?",
    "Henrik saw the reporting-cycle results at the exec review. Governance to Fjord?",
    "demand at Gale has been mad since spring, more capacity?",  # ("mad" is angry only of people)
    "mad growth at Kestrel this season, more Studio seats?",
    # (a trouble said to be over)
    "Harbor's team was annoyed about the slow tickets for a bit, all sorted now. tier upgrade?",
    "they were upset about the billing mix-up but they're happy again now, DQ for Acme?",
])
def test_near_misses_get_no_blocker(chat, message):
    answer = chat().ask(message)
    assert not [a for a in answer.applied if a.rule], answer.applied
    assert answer.ask_back is None or answer.ask_back.kind != "blocker", answer.ask_back


def test_a_negation_inside_a_cue_does_not_turn_the_cue_off():
    rule = CueRule(all=(group(["never heard", "hasn't seen"]), group(["of us", "anything"])))
    assert fires(rule, Said.of("their new COO who's never heard of us"), frozenset({"never"}), 5)
    assert fires(rule, Said.of("she hasn't seen anything"), frozenset({"never"}), 5)
    # a negation before the cue still does
    assert not fires(rule, Said.of("it's not that he has never heard of us"), frozenset({"never", "not"}), 5)


def test_a_pasted_text_under_review_is_not_read_for_the_ams_blockers(chat):
    answer = chat().ask("review this before I send it: Hi Dana, our quarter ends on the 31st so if you sign "
                        "the extra capacity by then I can get you a great price.")
    assert answer.intent == "review" and not answer.applied
    assert answer.ask_back is None or answer.ask_back.kind != "blocker"


def test_a_cold_ask_with_a_sure_cue_does_not_load_the_embedding_model(tmp_path):
    from tests.conversation.test_understanding import _cold_ask

    assert _cold_ask(tmp_path, "they've escalated twice, should I pitch Data Quality to Acme?") == ""


def test_a_trouble_the_message_says_is_over_is_not_applied(chat):
    answer = chat().ask("Acme grumbled about a sync bug two years ago, fixed within a day, no issues since. DQ?")
    assert not [a for a in answer.applied if a.rule], answer.applied


@pytest.mark.parametrize("message", [
    "take MA to Delta's CFO?",
    "should I pitch Corvid's CRO on Governance?",
    "can I get in front of Gale's CEO with MA?",
])
def test_an_executive_pitched_by_a_title_no_one_on_record_has_is_asked_about(chat, message):
    """By the record they saw nothing of the first deal, but the record may only lack them: asked."""
    answer = chat().ask(message)
    assert "stakeholder.no_view" not in {a.rule for a in answer.applied}
    assert answer.ask_back is not None and answer.ask_back.kind == "blocker"
    assert "stakeholder.no_view" in answer.ask_back.codes


@pytest.mark.parametrize("message", [
    "take DQ to Acme's CDO?",  # Priya, on record, saw the first deal's outcome
    "Delta's CFO signed off the budget last year and loves the dashboards. MA through Sam?",  # not pitched
])
def test_an_executive_on_record_or_not_pitched_is_not_asked_about(chat, message):
    answer = chat().ask(message)
    assert answer.ask_back is None or "stakeholder.no_view" not in answer.ask_back.codes
