"""rules/drafts is validated at load: every problem names the file and the check."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assistant.approval import DraftRulesError, load_draft_checks
from assistant.policy.rules import load_ruleset
from assistant.yaml_io import read_yaml

from .conftest import KNOWLEDGE, RULES

DRAFT_CODES = ["draft.ungrounded_number", "draft.unreadable", "draft.unknown_entity", "draft.not_outcome_first",
               "draft.missing_part", "draft.vendor_centric", "draft.renewal_coupling", "draft.pressure",
               "draft.missing_alignment", "draft.contradicts_verdict"]


@pytest.fixture
def rules(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    return copy


def edit(path, change):
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_shipped_rules_cover_every_draft_code(checks):
    assert sorted({c.code for c in checks.checks}) == sorted(DRAFT_CODES)
    assert all(c.spec.cites for c in checks.checks)


def test_reason_codes_file_lists_the_draft_codes_and_policy_rules_still_load():
    codes = read_yaml(RULES / "reason_codes.yaml")
    assert all(codes[c]["kind"] == "draft" for c in DRAFT_CODES)
    assert load_ruleset(RULES, KNOWLEDGE).rules


def test_version_is_the_rule_set_content_hash(checks, ruleset):
    assert checks.version == ruleset.version


def test_unknown_reason_code(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][0].update(code="draft.rude"))
    with pytest.raises(DraftRulesError, match=r"tone\.yaml, check 'vendor-centric': unknown draft reason code 'draft.rude'"):
        load_draft_checks(rules)


def test_policy_code_is_not_a_draft_code(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][0].update(code="adoption.gap"))
    with pytest.raises(DraftRulesError, match="unknown draft reason code 'adoption.gap'"):
        load_draft_checks(rules)


def test_bad_regular_expression(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][6]["patterns"].append("(unclosed"))
    with pytest.raises(DraftRulesError, match=r"tone\.yaml, check 'pressure': bad regular expression '\(unclosed'"):
        load_draft_checks(rules)


def test_bad_part_pattern(rules):
    edit(rules / "drafts" / "structure.yaml", lambda d: d["checks"][4]["ask"].append("[a-"))
    with pytest.raises(DraftRulesError, match="check 'three-parts': bad regular expression"):
        load_draft_checks(rules)


def test_unknown_check_kind(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][5].update(check="vibes"))
    with pytest.raises(DraftRulesError, match="check 'renewal-coupling': unknown check kind 'vibes'"):
        load_draft_checks(rules)


def test_misspelt_option(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][5].update(patern=["x"]))
    with pytest.raises(DraftRulesError, match="check 'renewal-coupling'.*patern"):
        load_draft_checks(rules)


def test_unknown_knowledge_section(rules):
    edit(rules / "drafts" / "grounding.yaml", lambda d: d["checks"][0].update(cites=["no-such-section"]))
    with pytest.raises(DraftRulesError, match="check 'numbers-grounded': cites unknown knowledge section"):
        load_draft_checks(rules, KNOWLEDGE)


def test_a_draft_code_without_a_check(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"].pop(6))
    with pytest.raises(DraftRulesError, match=r"no check for draft reason code\(s\) \['draft.pressure'\]"):
        load_draft_checks(rules)


def test_duplicate_check_id(rules):
    edit(rules / "drafts" / "tone.yaml", lambda d: d["checks"][5].update(id="vendor-centric"))
    with pytest.raises(DraftRulesError, match="duplicate check id"):
        load_draft_checks(rules)


def test_missing_vocabulary(rules):
    (rules / "drafts" / "vocabulary.yaml").unlink()
    with pytest.raises(DraftRulesError, match="no 'vocabulary:' section"):
        load_draft_checks(rules)


def test_tolerances_come_from_the_rule_file(rules, world):
    from assistant.approval import approve

    w = world("01")
    text = ("Dana, your team reached 4.3M USD of attributed pipeline against the 3M target.\n"
            "The Data Platform is the next step for pipeline growth.\nWe would propose 200,000 USD a year.")
    assert "draft.ungrounded_number" in approve(text, w.verdict, w.account, w.catalog, load_draft_checks(rules)).codes
    edit(rules / "drafts" / "vocabulary.yaml",
         lambda d: d["vocabulary"].update(number_tolerance={"relative": 0.03, "rounding": 0.05}))
    assert approve(text, w.verdict, w.account, w.catalog, load_draft_checks(rules)).approved


def test_the_slot_word_list_is_read_and_checked_at_load(rules):
    words = rules / "drafts" / "slot_words.txt"
    checks = load_draft_checks(rules)
    listed = checks.drafting.slots.words
    assert len(listed.listed) > 10000 and "team" in listed.listed
    assert {"the", "to", "they", "don't"} <= listed.never_last  # the readability check's hanging endings
    assert "team" not in listed.never_last
    words.write_text("# a comment\nteam\nDataLayses\n")
    with pytest.raises(DraftRulesError, match=r"slot_words.txt.*not lowercase words .*'DataLayses'"):
        load_draft_checks(rules)
    words.unlink()
    with pytest.raises(DraftRulesError, match=r"slot_words.txt.*does not exist: write it with scripts/write_slot_words.py"):
        load_draft_checks(rules)


def test_the_slot_word_list_is_checked_once_per_text_and_a_bad_one_at_every_load(rules, monkeypatch):
    """Every Coach loads its draft checks (the test suite once per test): the 15,000 words of the
    list are checked once per file text and process, and a list with a bad word is refused every time."""
    from assistant.approval import loader

    load_draft_checks(rules)

    class Counting:
        def __init__(self, pattern):
            self.pattern, self.calls = pattern, 0

        def fullmatch(self, word):
            self.calls += 1
            return self.pattern.fullmatch(word)

    counting = Counting(loader._SLOT_WORD)
    monkeypatch.setattr(loader, "_SLOT_WORD", counting)
    again = load_draft_checks(rules)
    assert counting.calls == 0 and "team" in again.drafting.slots.words.listed
    (rules / "drafts" / "slot_words.txt").write_text("team\nDataLayses\n")
    for _ in range(2):
        with pytest.raises(DraftRulesError, match=r"not lowercase words .*'DataLayses'"):
            load_draft_checks(rules)
