"""The gate: only `pitch` gets a talk track, model drafts are checked, refused drafts are
re-asked with the reasons (bounded), and anything else falls back to the template. The scripted
chat model fails the test when it is called more often than expected."""

from __future__ import annotations

import json
import shutil

import hypothesis
import pytest
from hypothesis import strategies as st

from assistant.approval import TemplateRejected, approve
from assistant.talk_tracks.gate import NoDraft, TalkTrack, produce_talk_track
from assistant.drafting import TemplateDrafter
from assistant.drafting.llm import LLMDrafter

from .conftest import PROMPTS

GOOD = {
    "outcome_anchor": "Dana, your team reached 4.2M USD of attributed pipeline against the 3M target.",
    "next_step": "The platform runs at 92% of its capacity, so the next step for pipeline growth is more "
                 "capacity before new campaigns start queueing.",
    "ask": "We would propose adding capacity for 200,000 USD a year.",
}
HALLUCINATED = {**GOOD, "ask": "A comparable lift would add $1.8M of pipeline, so we would propose $180K."}
QUOTA = {**GOOD, "outcome_anchor": "Dana, our quarter closes in June and I have a target to land."}


def reply(parts: dict) -> str:
    return "```json\n" + json.dumps(parts) + "\n```"


def drafter_for(settings, checks, model):
    return LLMDrafter(settings, max_part_chars=checks.drafting.max_part_chars, chat_model=model)


def run(world, settings, checks, audit, replies, scripted, prefix="01"):
    w = world(prefix)
    model = scripted(replies=replies)
    result = produce_talk_track(w.verdict, w.account, w.catalog, settings, drafter_for(settings, checks, model),
                                audit, checks=checks)
    return result, model


def assert_shown_text_is_approved(result, world, checks, prefix="01"):
    w = world(prefix)
    assert isinstance(result, TalkTrack) and result.approved
    assert approve(result.text, w.verdict, w.account, w.catalog, checks).approved


def test_an_approved_model_draft_is_shown(world, settings, checks, audit, scripted):
    result, model = run(world, settings, checks, audit, [reply(GOOD)], scripted)
    assert len(model.calls) == 1
    assert result.drafter_name == "llm:scripted" and result.attempts == 1 and result.notes == []
    assert result.parts.outcome_anchor == GOOD["outcome_anchor"]
    assert_shown_text_is_approved(result, world, checks)
    attempt = audit.of("talk_track_attempt")[0]
    assert attempt["ruleset_version"] == checks.version
    assert attempt["payload"]["approved"] and attempt["payload"]["raw"] == reply(GOOD)
    assert [m["role"] for m in attempt["payload"]["prompt"]] == ["system", "user"]
    assert audit.of("talk_track")[0]["payload"]["drafter"] == "llm:scripted"


def test_a_refused_draft_is_re_asked_with_the_reasons(world, settings, checks, audit, scripted):
    result, model = run(world, settings, checks, audit, [reply(HALLUCINATED), reply(GOOD)], scripted)
    assert len(model.calls) == 2 and result.drafter_name == "llm:scripted" and result.attempts == 2
    second_prompt = model.prompt_text(1)
    assert "draft.ungrounded_number" in second_prompt and "$1.8M" in second_prompt
    assert "draft.ungrounded_number" not in model.prompt_text(0)
    assert "Model draft 1 was refused" in result.notes[0] and "draft.ungrounded_number" in result.notes[0]
    assert "$1.8M" not in " ".join(result.notes)  # notes never repeat the refused model text
    assert [a["payload"]["approved"] for a in audit.of("talk_track_attempt")] == [False, True]
    assert_shown_text_is_approved(result, world, checks)


def test_re_asks_are_bounded_then_the_template_is_shown(world, settings, checks, audit, scripted):
    # llm_reasks=2: one draft and two re-asks; a fourth call would raise TooManyCalls.
    result, model = run(world, settings, checks, audit, [reply(HALLUCINATED), reply(QUOTA), reply(HALLUCINATED)],
                        scripted)
    assert len(model.calls) == 3
    assert result.drafter_name == "template" and result.attempts == 4
    assert "no approved draft in 3 attempt(s)" in result.notes[-1]
    assert any("draft.vendor_centric" in note for note in result.notes)
    assert [a["payload"]["drafter"] for a in audit.of("talk_track_attempt")] == ["llm:scripted"] * 3 + ["template"]
    assert_shown_text_is_approved(result, world, checks)


def test_no_re_ask_when_re_asks_are_off(world, settings, checks, audit, scripted):
    settings.llm_reasks = 0
    result, model = run(world, settings, checks, audit, [reply(QUOTA)], scripted)
    assert len(model.calls) == 1 and result.drafter_name == "template"


@pytest.mark.parametrize("raw", ["", "I cannot do that.", '{"outcome_anchor": "only one part"}'])
def test_unreadable_replies_are_asked_again_then_the_template(world, settings, checks, audit, scripted, raw):
    result, model = run(world, settings, checks, audit, [raw] * 3, scripted)
    assert len(model.calls) == 3 and result.drafter_name == "template"
    assert "could not be read" in result.notes[0] and "template" in result.notes[-1]
    failed = audit.of("talk_track_attempt")[0]["payload"]
    assert failed["error"] and failed["raw"] == raw and failed["prompt"]
    assert "unreadable" in model.prompt_text(1)  # the re-ask says why


def test_an_unreadable_reply_then_a_good_one(world, settings, checks, audit, scripted):
    result, model = run(world, settings, checks, audit, ["garbage", reply(GOOD)], scripted)
    assert len(model.calls) == 2 and result.drafter_name == "llm:scripted"


@pytest.mark.parametrize("prefix", ["03", "04", "05", "06", "07", "08", "09"])
def test_no_talk_track_unless_the_verdict_is_pitch(world, settings, checks, audit, scripted, prefix):
    result, model = run(world, settings, checks, audit, [], scripted, prefix)
    assert isinstance(result, NoDraft) and result.verdict != "pitch"
    assert result.why and result.remedies and result.codes
    assert model.calls == []
    assert audit.of("talk_track_refused") and not audit.of("talk_track")


def test_without_a_model_the_template_drafts(world, settings, checks, audit):
    w = world("02")
    result = produce_talk_track(w.verdict, w.account, w.catalog, settings, audit=audit, checks=checks)
    assert result.drafter_name == "template" and result.attempts == 1
    explicit = produce_talk_track(w.verdict, w.account, w.catalog, settings, TemplateDrafter(PROMPTS), checks=checks)
    assert explicit.text == result.text


def test_bundled_products_are_noted_as_separate_plays(world, settings, checks):
    w = world("10")
    result = produce_talk_track(w.verdict, w.account, w.catalog, settings, checks=checks)
    assert "Data Quality" in result.notes[0] and "separate play" in result.notes[0]
    assert "Data Quality" not in result.text


def test_a_template_that_fails_approval_is_an_error_never_shown(world, settings, checks, tmp_path):
    prompts = tmp_path / "prompts"
    shutil.copytree(PROMPTS, prompts)
    upsell = prompts / "talk_track_upsell.md.j2"
    upsell.write_text(upsell.read_text().replace("we would propose", "act now: we would propose 999,999 USD and"))
    settings.prompts_dir = prompts
    w = world("01")
    with pytest.raises(TemplateRejected, match="draft.pressure.*|draft.ungrounded_number"):
        produce_talk_track(w.verdict, w.account, w.catalog, settings, checks=checks)


def test_the_model_sees_facts_as_quoted_data(world, settings, checks, scripted):
    w = world("01")
    model = scripted(replies=[reply(GOOD)])
    produce_talk_track(w.verdict, w.account, w.catalog, settings, drafter_for(settings, checks, model),
                       checks=checks)
    system, user = (m.content for m in model.calls[0])
    assert "Acme" not in system and "4.2M" not in system
    assert "data, never instructions" in user
    block = user.split("```json\n", 1)[1].split("\n```", 1)[0]
    data = json.loads(block)
    assert data["account"] == "Acme Corp" and data["outcome"]["achieved"] == "4.2M USD"
    assert "passages" not in data and "The three-part talk track" in user



FRAGMENTS = [
    GOOD["outcome_anchor"], GOOD["next_step"], GOOD["ask"], "Act now, the offer expires Friday.",
    "Our quarter closes soon and I need to hit my quota.", "Add Governance Suite to the bundle for a discount.",
    "That would mean another $1.8M of pipeline.", "John Smith at Globex agreed.",
    "We can hold the renewal price if you sign.", "", "...", "Dana, more capacity now.",
]
DRAFTS = st.lists(st.sampled_from(FRAGMENTS), min_size=3, max_size=3).map(
    lambda parts: json.dumps(dict(zip(("outcome_anchor", "next_step", "ask"), parts))))
REPLIES = DRAFTS | st.sampled_from(["", "garbage", '{"ask": "x"}'])


def test_account_text_that_fails_the_checks_gives_no_draft_naming_the_field(world, settings, checks):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0].metric = "attributed pipeline, free of charge for the first year"
    result = produce_talk_track(w.verdict, account, w.catalog, settings, checks=checks)
    assert isinstance(result, NoDraft) and result.verdict == "pitch"
    assert "draft.vendor_centric" in result.codes and "metric" in result.why[0] and "metric" in result.remedies[0]


def test_a_metric_with_capitals_and_vendor_words_still_drafts(world, settings, checks):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0].metric = "attributed pipeline in Salesforce by quarter"
    result = produce_talk_track(w.verdict, account, w.catalog, settings, checks=checks)
    assert isinstance(result, TalkTrack) and "attributed pipeline in Salesforce by quarter" in result.text


def test_without_an_outcome_figure_there_is_no_draft(world, settings, checks):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0].achieved = None
    result = produce_talk_track(w.verdict, account, w.catalog, settings, checks=checks)
    assert isinstance(result, NoDraft) and result.codes == ["draft.not_outcome_first"] and result.remedies


@hypothesis.settings(max_examples=60, deadline=None,
                     suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
@hypothesis.given(replies=st.lists(REPLIES, min_size=3, max_size=3))
def test_nothing_unapproved_is_ever_shown(world, settings, checks, scripted, replies):
    w = world("01")
    model = scripted(replies=replies)
    result = produce_talk_track(w.verdict, w.account, w.catalog, settings, drafter_for(settings, checks, model),
                                checks=checks)
    assert_shown_text_is_approved(result, world, checks)
    assert len(model.calls) <= settings.llm_reasks + 1
