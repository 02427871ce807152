"""Every Coach loads its rules anew (a web or Slack worker once, the test suite once per test): a
rule's condition is compiled and its names read once per text and process, not once per load; a
condition with a syntax error is still refused at every load, and the programs still decide."""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.policy import cel_runtime, rules
from assistant.policy.errors import RuleLoadError
from assistant.policy.rules import load_ruleset


def test_a_second_load_compiles_and_reads_no_condition_again(monkeypatch):
    first = load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")
    compiled, read = [], []
    real_compile, real_finditer = cel_runtime.compile, rules._DOTTED_NAME.finditer
    monkeypatch.setattr(cel_runtime, "compile", lambda source: compiled.append(source) or real_compile(source))
    monkeypatch.setattr(rules, "_DOTTED_NAME", type("Counted", (), {
        "finditer": staticmethod(lambda source: read.append(source) or real_finditer(source))}))

    again = load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")

    assert compiled == [] and read == []
    assert [r.spec.when for r in again.rules] == [r.spec.when for r in first.rules]
    assert [r.program for r in again.rules] == [r.program for r in first.rules]


def test_a_condition_with_a_syntax_error_is_refused_at_every_load(tmp_path):
    import shutil

    shutil.copytree(PROJECT_ROOT / "rules", tmp_path / "rules")
    broken = tmp_path / "rules" / "policy" / "zz_broken.yaml"
    broken.write_text("- id: broken.syntax\n  code: usage.saturation\n  motions: [upsell]\n  effect: signal\n"
                      "  when: 'account.health.nps >'\n  message: x\n  cites: [usage-saturation]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleLoadError, match="CEL syntax error"):
            load_ruleset(tmp_path / "rules")


def test_the_names_a_condition_reads_are_the_callers_own():
    names = rules.referenced_names("account.health.nps > params.nps_floor")
    names.add("changed by the caller")
    assert rules.referenced_names("account.health.nps > params.nps_floor") == {"account.health.nps", "params.nps_floor"}
