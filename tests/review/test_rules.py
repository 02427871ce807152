"""rules/review/review.yaml is data validated at load: a bad entry fails with the file and
the entry named, before any review runs."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assistant.approval.loader import load_draft_checks
from assistant.approval.spec import CHECK_KINDS
from assistant.config import PROJECT_ROOT
from assistant.knowledge.sections import load_sections
from assistant.review.loader import ReviewRulesError, load_review_rules
from assistant.yaml_io import read_yaml

RULES, KNOWLEDGE = PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="module")
def codes():
    return load_draft_checks(RULES, KNOWLEDGE).codes


def load(rules_dir, codes):
    return load_review_rules(rules_dir, codes, set(load_sections(KNOWLEDGE)))


def test_every_gate_check_kind_has_an_explicit_review_scope(codes):
    # A new kind in rules/drafts works in reviews with default_scope; say which scope it needs.
    assert set(CHECK_KINDS) <= set(load(RULES, codes).spec.gate_scopes)


def test_the_shipped_rules_load(codes):
    rules = load(RULES, codes)
    assert rules.checks and rules.version
    # one id per check, and every code a draft or blocker code of the shared vocabulary
    assert len({c.id for c in rules.checks}) == len(rules.checks)


def edited(tmp_path, edit):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / "review" / "review.yaml"
    data = read_yaml(path)
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["checks"][0].update(code="draft.made_up"), "unknown code 'draft.made_up'"),
    (lambda d: d["checks"][0].update(cites=["no-such-section"]), "unknown knowledge section"),
    (lambda d: d["checks"][0].update(patterns=["(unclosed"]), "bad regular expression"),
    (lambda d: d["checks"][0].update(colour="red"), "colour"),
    (lambda d: d["fixes"].pop("draft.pressure"), "no fix for ['draft.pressure']"),
    (lambda d: d["gate_scopes"].update(phrases="paragraph"), "gate_scopes"),
    (lambda d: d["fixes"].update({"draft.pressure": "{% if %}"}), "fixes.draft.pressure"),
])
def test_a_bad_entry_is_named(tmp_path, codes, edit, message):
    with pytest.raises(ReviewRulesError) as error:
        load(edited(tmp_path, edit), codes)
    assert "review.yaml" in str(error.value) and message in str(error.value)
