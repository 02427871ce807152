"""One test group per draft check: adversarial drafts are refused with the right reason code,
good drafts pass. Upsell drafts use shared scenario 01 (Acme, capacity), cross-sell drafts
scenario 02 (Acme, Data Quality), a blocked play scenario 03 (Borealis, adoption gap)."""

from __future__ import annotations

import pytest

from assistant.approval import approve

UPSELL_GOOD = (
    "Dana, your team reached 4.2M USD of attributed pipeline against the 3M target you set at the start.\n"
    "The platform is now at 92% of the capacity in your contract, which is the point where new campaigns "
    "start queueing behind existing workloads.\n"
    "Adding capacity keeps the pipeline engine running at full speed; the addition we would propose is "
    "200,000 USD a year."
)
CROSS_GOOD = (
    "Priya, the platform helped Acme reach 4.2M USD of attributed pipeline against a 3M target.\n"
    "Data trust is one of your stated priorities; the Data Quality module is the next lift for it, and 70% of "
    "active users already run schema checks.\n"
    "We would like to run an evaluation with Tom's data engineering team and bring you a business case tied "
    "to data trust; the module is 350,000 USD a year."
)


def codes(checks, w, text):
    approval = approve(text, w.verdict, w.account, w.catalog, checks)
    return approval.codes


def with_sentence(base: str, extra: str, at: int = 2) -> str:
    lines = base.split("\n")
    lines.insert(at, extra)
    return "\n".join(lines)


@pytest.mark.parametrize("prefix, text", [("01", UPSELL_GOOD), ("02", CROSS_GOOD)])
def test_good_drafts_pass(checks, world, prefix, text):
    assert codes(checks, world(prefix), text) == []


def test_every_failure_names_code_message_detail_and_citations(checks, world):
    w = world("01")
    approval = approve(with_sentence(UPSELL_GOOD, "Act now, this is a limited time offer."), w.verdict,
                       w.account, w.catalog, checks)
    assert not approval.approved
    failure = approval.failures[0]
    assert failure.code == "draft.pressure" and failure.check == "pressure"
    assert "act now" in failure.detail.casefold() and failure.message and failure.cites
    assert approval.ruleset_version == checks.version


# -- draft.ungrounded_number ---------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    "Customers like you see a 25% lift in conversion.",
    "That would mean roughly $1.8M additional pipeline.",
    "It pays for itself within 6 months.",
])
def test_hallucinated_figures(checks, world, extra):
    assert "draft.ungrounded_number" in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


# -- draft.unknown_entity ------------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    "Teams that pair it with Snowflake see the most benefit.",
    "The Data Observability Pro add-on is the natural next step.",
    "John Smith from your finance team agreed last week.",
    "We did the same for Globex Corporation last year.",
    "Sarah, your analysts will thank you.",
])
def test_unknown_products_people_and_companies(checks, world, extra):
    assert "draft.unknown_entity" in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


@pytest.mark.parametrize("extra", [
    "However, Dana Ruiz and Priya Natarajan both saw the results in the QBR in May.",
    "Acme Corp's VP Marketing Operations owns the Data Platform budget.",
    "Together, the Standard tier and the capacity units keep the work moving.",
])
def test_names_on_record_and_ordinary_capitals_pass(checks, world, extra):
    assert "draft.unknown_entity" not in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


# -- draft.not_outcome_first ---------------------------------------------------------------
def test_opening_with_the_product_is_not_outcome_first(checks, world):
    text = "Dana, more Data Platform capacity is available now.\n" + UPSELL_GOOD
    assert "draft.not_outcome_first" in codes(checks, world("01"), text)


def test_opening_with_the_achieved_number_counts(checks, world):
    text = UPSELL_GOOD.replace("of attributed pipeline", "of pipeline", 1)
    assert "draft.not_outcome_first" not in codes(checks, world("01"), text)


# -- draft.missing_part --------------------------------------------------------------------
def test_anchor_alone_misses_the_parts(checks, world):
    assert "draft.missing_part" in codes(checks, world("01"), UPSELL_GOOD.split("\n")[0])


def test_anchor_and_framing_without_an_ask(checks, world):
    text = "\n".join(UPSELL_GOOD.split("\n")[:2])
    assert "draft.missing_part" in codes(checks, world("01"), text)


# -- draft.vendor_centric ------------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    "I need to hit my quota this quarter.",
    "Our quarter closes at the end of June.",
    "Signing now helps our fiscal year-end numbers.",
    "If you take both we can discount the bundle.",
    "There is a better price if we package it.",
])
def test_quota_quarter_discount_and_bundle_talk(checks, world, extra):
    assert "draft.vendor_centric" in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


@pytest.mark.parametrize("opening", [
    "Dana, the new module on our roadmap is a great fit for you.",
    "Dana, we can offer a discount on more capacity if you sign this month.",
    "Dana, our new SKU is out.",
])
def test_discount_and_roadmap_led_openings(checks, world, opening):
    found = codes(checks, world("01"), opening + "\n" + UPSELL_GOOD)
    assert "draft.vendor_centric" in found and "draft.not_outcome_first" in found


def test_roadmap_later_in_the_conversation_is_allowed(checks, world):
    text = with_sentence(UPSELL_GOOD, "The roadmap can wait for another meeting.", 3)
    assert "draft.vendor_centric" not in codes(checks, world("01"), text)


def test_the_accounts_own_words_never_read_as_vendor_talk(checks, world):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0].metric = "campaign launch bundle discount rate"
    text = UPSELL_GOOD.replace("attributed pipeline", "campaign launch bundle discount rate").replace(
        "pipeline engine", "pipeline growth work")
    assert approve(text, w.verdict, account, w.catalog, checks).codes == []


# -- draft.renewal_coupling ----------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    "We can hold your renewal price if you add the capacity now.",
    "The renewal stays at this price only if you also take the expansion.",
    "Let's co-term the addition with your renewal.",
    "Unless you add capacity, the renewal terms will change.",
])
def test_renewal_coupling(checks, world, extra):
    assert "draft.renewal_coupling" in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


# -- draft.pressure ------------------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    "Act now, this is a limited time offer.",
    "The offer expires on Friday.",
    "We need your signature by the end of the month.",
    "Don't miss this window, it won't last.",
    # "Act now" in other words.
    "Take action now to keep the pipeline growing.",
    "Now is the time to add capacity, so please decide today.",
    "You can't afford to wait on this.",
    "Time is running out for this capacity.",
    "The sooner the better for your campaigns.",
    "This is a rare opportunity your competitors are already taking.",
    "We need your decision this week.",
])
def test_pressure_language(checks, world, extra):
    assert "draft.pressure" in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


@pytest.mark.parametrize("extra", [
    "New campaigns would start without waiting behind existing workloads.",
    "Your team could launch campaigns sooner and act on the pipeline data it already trusts.",
    "We would size it together with you, whenever suits your team.",
    "The time your team spends on launches is now lower, so campaigns don't wait in the queue.",
])
def test_the_customers_own_speed_is_not_pressure(checks, world, extra):
    assert "draft.pressure" not in codes(checks, world("01"), with_sentence(UPSELL_GOOD, extra))


# -- draft.missing_alignment ---------------------------------------------------------------
def test_cross_sell_must_name_the_priority(checks, world):
    text = CROSS_GOOD.replace("Data trust is one of your stated priorities; the", "The").replace(
        "tied to data trust", "for the team")
    assert "draft.missing_alignment" in codes(checks, world("02"), text)


def test_upsell_needs_no_named_priority(checks, world):
    assert "draft.missing_alignment" not in codes(checks, world("01"), UPSELL_GOOD)


# -- draft.contradicts_verdict -------------------------------------------------------------
def test_any_draft_contradicts_a_blocked_verdict(checks, world):
    w = world("03")  # adoption gap: intervene
    text = ("Lars, your team cut reporting cycle time by 12% against the 30% goal.\n"
            "The next step is more capacity for more analysts.\n"
            "We would propose 120,000 USD a year.")
    approval = approve(text, w.verdict, w.account, w.catalog, checks)
    assert "draft.contradicts_verdict" in approval.codes
    assert "intervene" in next(f.detail for f in approval.failures if f.code == "draft.contradicts_verdict")


def test_pitching_another_product_contradicts_the_play(checks, world):
    text = with_sentence(UPSELL_GOOD, "Governance Suite would make the next step even easier.")
    assert "draft.contradicts_verdict" in codes(checks, world("01"), text)


def test_owned_products_are_context_not_a_pitch(checks, world):
    text = CROSS_GOOD.replace("the platform helped", "Data Platform helped")
    assert "draft.contradicts_verdict" not in codes(checks, world("02"), text)


def test_a_round_figure_near_the_target_reads_as_the_closer_fact(checks, world):
    w = world("01")
    account = w.account.model_copy(deep=True)
    account.outcomes[0] = type(account.outcomes[0]).model_validate(
        {"metric": "regulatory reports filed on time", "unit": "percent", "target": 98, "achieved": 100, "met": True})
    text = UPSELL_GOOD.replace("reached 4.2M USD of attributed pipeline against the 3M target",
                               "filed 100% of regulatory reports on time against a 98% target").replace(
        "pipeline engine", "pipeline growth work")
    assert "draft.not_outcome_first" not in approve(text, w.verdict, account, w.catalog, checks).codes
