"""Blockers stated in figures (figures.py, meaning.yaml `figures:`), in a customer's quoted words
(voice.py, `customer_speech:`), in slang, and the near-misses beside each: a figure on the fine side
of the policy's limit, a supposition, the same play for another account. Phrasings here are this
test's own."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.figures import compile_figures, read_figures
from assistant.conversation.meaning_spec import load_meaning_spec
from assistant.conversation.voice import SpeechReader

SPEC = load_meaning_spec(PROJECT_ROOT / "prompts")
POLICY = {"nps_floor": 0, "csat_floor": 3}  # rules/parameters.yaml's defaults


class NoModel:
    """An embedder that fails: a figure is read without the model."""

    def __call__(self, texts):
        raise AssertionError("the model must not be loaded to read a figure")


@pytest.mark.parametrize("text, stated", [
    ("Acme's CSAT is 2.1 this quarter", {"unhappy"}),
    ("NPS -20 after the migration", {"unhappy"}),
    ("their nps came back at minus 35", {"unhappy"}),
    ("csat dropped to 2.4", {"unhappy"}),
    ("NPS went from -10 to 45", set()),  # the figure now is the last of the chain
    ("CSAT 4.6 and NPS 52", set()),
    ("a CSAT of 62%", set()),  # a percentage is another scale: not compared with 3 of 5
    ("they gave us a 1 out of 5 on the survey", {"unhappy"}),
    ("rated us 4/5", set()),
    ("I'm 40% to plan", {"quota_timing"}),
    ("attainment is at 55% with a month left", {"quota_timing"}),
    ("this gets me to 100% of plan", set()),  # at the limit the figure reads nothing (the words may)
    ("I'm at 2 of plan", set()),  # a plan's figure is a percentage
])
def test_a_figure_is_compared_with_its_limit(text, stated):
    assert set(read_figures(compile_figures(SPEC), text, POLICY)) == stated


def test_the_limit_is_the_policys_parameter():
    readers = compile_figures(SPEC)
    assert read_figures(readers, "CSAT 3.5", POLICY) == frozenset()
    assert read_figures(readers, "CSAT 3.5", {**POLICY, "csat_floor": 4}) == {"unhappy"}
    assert read_figures(readers, "CSAT 3.5", {}) == frozenset()  # no limit known: no figure read


@pytest.mark.parametrize("message, spoken", [
    ("fwd from Chloe: 'Our quarter closes on the 31st and we have budget left.' Pitch DQ?",
     "their quarter closes on the 31st and they have budget left."),
    ("email from Oskar: we're done with you. thoughts on Studio?", "they're done with us."),
    ('Pasted from Marcus: "Honestly we are very disappointed with your support." Governance?',
     "Honestly they are very disappointed with our support."),
])
def test_a_customers_quoted_words_are_read_in_their_voice(message, spoken):
    reader = SpeechReader(SPEC.customer_speech)
    voice = reader.voice(message)
    assert voice is not None
    start, end = voice.spans[0]
    assert voice.swapped(message, message[start:end], reader.swap) == spoken


@pytest.mark.parametrize("message", [
    "how does this sound? 'Hi Ingrid, your reports now land in 3 days instead of 5.'",  # the AM's own draft
    "I wrote to Dana: 'we can hold your price if you add DQ'. ok?",  # the AM's own words
    "renewal's looking 'dicey' at Lumen",  # a word quoted
])
def test_a_quotation_not_introduced_as_the_customers_is_ours(message):
    assert SpeechReader(SPEC.customer_speech).voice(message) is None


def _on_record() -> frozenset[str]:  # (the names on record, lower case, as the Reader gives them)
    return frozenset({"sam", "sam okafor", "okafor", "chloe", "chloe martin", "omar", "omar haddad"})


@pytest.mark.parametrize("message, spoken", [
    ("Sam on our call: we're not happy with the last release. MA for Delta?", "they're not happy with the last release."),
    ("Chloe's note: our fiscal year closes on the 31st. push Nimbus for more seats?",
     "their fiscal year closes on the 31st."),
    ("from the customer: we are reviewing every vendor in Q1. Ironwood upgrade?",
     "they are reviewing every vendor in Q1."),
    ("Omar (Gale): your platform has been down three times. MA?", "our platform has been down three times."),
])
def test_a_speakers_label_before_a_colon_introduces_the_customers_words(message, spoken):
    """A few words before the colon naming the customer's side (a person on record, or `speakers`)."""
    reader = SpeechReader(SPEC.customer_speech)
    voice = reader.voice(message, _on_record)
    assert voice is not None
    start, end = voice.spans[0]
    assert voice.swapped(message, message[start:end], reader.swap) == spoken


@pytest.mark.parametrize("message", [
    "I told Sam: we can hold the price if they add DQ. ok?",  # our words to them
    "my note to Chloe: our quarter ends on the 31st, happy to talk. pitch Nimbus seats?",
    "Acme update: our quarter ends soon and they're keen. DQ?",  # the account, not a speaker
    "Sam: should I pitch him MA?",  # the label's words only ask
    "Dana, Sam and the rest of the Delta marketing team: we will be in touch. MA?",  # too long for a label
])
def test_a_label_of_ours_or_of_no_speaker_introduces_nothing(message):
    assert SpeechReader(SPEC.customer_speech).voice(message, _on_record) is None


def test_a_labels_words_are_its_first_sentence():
    message = "Dana: loves the DQ demo. my quarter ends on the 31st. pitch?"
    voice = SpeechReader(SPEC.customer_speech).voice(message, _on_record_too("dana"))
    start, end = voice.spans[0]
    assert message[start:end] == "loves the DQ demo."


def _on_record_too(name: str):
    return lambda: _on_record() | {name}


@pytest.mark.parametrize("message, code", [
    ("should I pitch DQ to Acme? their CSAT is 2.1", "health.dissatisfied"),
    ("should I pitch Studio to Lumen? their NPS is at -20", "health.dissatisfied"),
    ("should I push DQ at Acme? I'm 40% to plan", "timing.quota_driven"),
])
def test_a_figure_past_the_policys_limit_is_applied_without_the_model(chat, message, code):
    answer = chat(embed=NoModel()).ask(message)
    applied = [a for a in answer.applied if a.rule == code]
    assert answer.ask_back is None and applied and applied[0].how == "sure"
    assert applied[0].phrase in message


@pytest.mark.parametrize("message", [
    "Acme's CSAT is 4.6 and NPS 52, pitch DQ?",
    "hypothetically, if I were behind on quota, would pitching DQ to Acme now be wrong?",
    "I'm pitching Governance to Juniper. Fjord would be the same deal, right?",
])
def test_near_misses_get_nothing_applied(chat, message):
    answer = chat().ask(message)
    assert not [a for a in answer.applied if a.rule], answer.applied
    assert answer.ask_back is None or answer.ask_back.kind != "blocker" or \
        "bundle.separate" not in answer.ask_back.codes


@pytest.mark.parametrize("message, code", [
    ("renewal's looking dicey at Lumen, still pitch Studio?", "renewal.at_risk"),
    ("50/50 whether Acme renews. DQ pitch ok?", "renewal.at_risk"),
    ("Fjord's renewal is hanging by a thread, is Governance still a go?", "renewal.at_risk"),
    ("Orchid is absolutely raging about the invoice errors, governance?", "health.dissatisfied"),
    ("Fjord are quite cross about the delays, kindly advise if Governance is fine to pitch", "health.dissatisfied"),
    ("still need 150k to hit, Delta MA upgrade worth pushing?", "timing.quota_driven"),
    ("they logged 3 P1s this month at Ironwood, pitch more seats?", "health.dissatisfied"),
])
def test_blockers_in_everyday_words_are_applied_or_asked(chat, message, code):
    answer = chat().ask(message)
    seen = {a.rule for a in answer.applied} | set(answer.ask_back.codes if answer.ask_back else ())
    assert code in seen


def test_the_customers_quarter_in_their_email_is_theirs_inside_the_window(chat):
    in_window = dt.date(2026, 12, 15)  # the vendor's quarter ends 2026-12-31; the window is its last 21 days
    theirs = chat(today=in_window).ask("fwd from Chloe: 'Our quarter closes on the 31st and we have budget "
                                       "left to use.' Pitch DQ to Nimbus Software?")
    assert "timing.quota_driven" not in {a.rule for a in theirs.applied}
    ours = chat(today=in_window).ask("Our quarter closes on the 31st. Pitch DQ to Nimbus Software?")
    assert "timing.quota_driven" in {a.rule for a in ours.applied}


def test_an_executive_on_record_who_saw_the_outcome_is_not_asked_about(chat):
    saw = chat().ask("should the Acme CDO hear about DQ from me directly?")  # Priya saw the first deal's outcome
    assert not saw.applied and (saw.ask_back is None or "stakeholder.no_view" not in saw.ask_back.codes)


def test_a_supposition_states_no_fact_of_the_customer(chat):
    answer = chat().ask("hypothetically, if Lumen were unhappy I'd wait, but they aren't. Governance?")
    assert not [a for a in answer.applied if a.rule]
    assert answer.ask_back is None or answer.ask_back.kind != "blocker"


def test_a_figure_never_says_a_blocker_is_not_so():
    """A figure on the fine side of its limit reads nothing ("this gets me to 100% of plan" may still be
    pressure, said in words): a measure has no option to calm a blocker."""
    from pydantic import ValidationError

    from assistant.conversation.meaning_spec import FigureSpec

    with pytest.raises(ValidationError):
        FigureSpec(blocker="quota_timing", words=["of quota"], limit=100, unit="percent", calms=True)


def test_the_customers_quarter_after_a_speakers_label_is_not_ours(chat):
    """"Chloe's note: our fiscal year closes ..." is Chloe's fiscal year: no quota timing, in the window too."""
    answer = chat(today=dt.date(2026, 12, 15)).ask(
        "Chloe's note: our fiscal year closes on the 31st and we'd like the seats live before then. "
        "push Nimbus Software for more capacity?")
    assert "timing.quota_driven" not in {a.rule for a in answer.applied}
    ours = chat(today=dt.date(2026, 12, 15)).ask(
        "my note: our fiscal year closes on the 31st and I'd like it signed before then. push Nimbus Software for "
        "more capacity?")
    assert "timing.quota_driven" in {a.rule for a in ours.applied}
