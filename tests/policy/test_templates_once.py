"""Every Coach loads its rules anew (a web or Slack worker once, the test suite once per test): a
rule message's template text is parsed and compiled once per process, not once per load, and a
template with a syntax error is still refused at every load."""

from __future__ import annotations

import jinja2
import pytest

from assistant.config import PROJECT_ROOT
from assistant.policy import templates
from assistant.policy.rules import load_ruleset


def _texts(ruleset) -> list[templates.LazyTemplate]:
    out = [t for rule in ruleset.rules for t in (rule.message, rule.remedy) if t is not None]
    return out + [t for plan in ruleset.motions.values() for t in (plan.label, *plan.steps)]


def _render_all(ruleset) -> None:
    for template in _texts(ruleset):
        try:
            template.render({})  # compiles it
        except jinja2.UndefinedError:
            pass  # (compiled: the render itself needs a verdict's context)


def test_a_second_load_parses_and_compiles_no_template_again(monkeypatch):
    first = load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")
    _render_all(first)
    env, made = templates.environment(), []
    for name in ("parse", "from_string", "compile"):
        real = getattr(env, name)
        monkeypatch.setattr(env, name, lambda *a, _real=real, _name=name, **k: made.append(_name) or _real(*a, **k))

    again = load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")
    _render_all(again)
    assert made == []
    assert [t.source for t in _texts(again)] == [t.source for t in _texts(first)]


def test_a_template_with_a_syntax_error_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(jinja2.TemplateSyntaxError):
            templates.compile_template("{{ account.name ")


def test_a_second_load_walks_no_template_again(monkeypatch):
    """The names a template reads are checked at every load; they are worked out once per text."""
    load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")
    walked = []
    real = jinja2.nodes.Node.find_all
    monkeypatch.setattr(jinja2.nodes.Node, "find_all", lambda self, kind: walked.append(kind) or real(self, kind))
    load_ruleset(PROJECT_ROOT / "rules", PROJECT_ROOT / "knowledge")
    assert walked == []
    assert templates.check_names("{{ account.name }} {{ deal.size }}", {"account"}) == ["deal.size"]
