"""Rule templates run in Jinja's sandbox; bad templates, parameters and conditions fail at load."""

from __future__ import annotations

import shutil

import jinja2.exceptions
import pytest

from assistant.config import PROJECT_ROOT
from assistant.policy.errors import RuleLoadError
from assistant.policy.rules import TEMPLATE_INFO_KEYS, load_ruleset
from assistant.policy.templates import compile_template, template_names

RULES = PROJECT_ROOT / "rules"
ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch /tmp/owned-by-template') }}",
    "{{ info.__class__.__init__.__globals__ }}",
    "{{ info.update({'x': 1}) }}",
    "{{ info.pop('account') }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_escape_attempts_fail(source):
    template = compile_template(source)
    with pytest.raises((jinja2.exceptions.SecurityError, jinja2.exceptions.UndefinedError)):
        template.render({"info": {"account": "Acme"}})


def test_template_names():
    assert template_names("{{ account.min_utilization | num }} {{ info.sponsor }} {% for x in y %}{{ x.a }}{% endfor %}") \
        == {"account.min_utilization", "info.sponsor", "y"}


def _rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _edit_first_rule(rules, old: str, new: str):
    path = rules / "policy" / "signals.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_escape_in_a_rule_message_fails_at_load(tmp_path):
    rules = _rules_copy(tmp_path)
    path = rules / "policy" / "signals.yaml"
    text = path.read_text()
    first_message = next(line for line in text.splitlines() if line.strip().startswith("message:"))
    indent = first_message[: len(first_message) - len(first_message.lstrip())]
    path.write_text(text.replace(first_message, indent + 'message: "{{ cycler.__init__.__globals__.os.system(\'id\') }}"', 1))
    with pytest.raises(RuleLoadError, match="undefined name 'cycler"):
        load_ruleset(rules)


def test_an_undefined_name_fails_at_load_naming_file_and_rule(tmp_path):
    rules = _rules_copy(tmp_path)
    path = rules / "policy" / "signals.yaml"
    text = path.read_text()
    first_message = next(line for line in text.splitlines() if line.strip().startswith("message:"))
    path.write_text(text.replace(first_message, first_message + " {{ info.no_such_thing }}", 1))
    with pytest.raises(RuleLoadError, match=r"signals.yaml, rule '.*': message template reads undefined name "
                                            r"'info.no_such_thing'"):
        load_ruleset(rules)


def test_the_info_keys_are_what_the_engine_gives():
    from assistant.domain import Account, Play, Product
    from assistant.policy.alignment import Alignment
    from assistant.policy.engine import template_info

    fields = Alignment.__dataclass_fields__ if hasattr(Alignment, "__dataclass_fields__") else Alignment.model_fields
    alignment = Alignment(**{name: None for name in fields})
    info = template_info(Account(name="A"), Product(name="P"), Play(product="P"), alignment)
    assert set(info) == TEMPLATE_INFO_KEYS


@pytest.mark.parametrize("value", ["[0.85]", ".nan", ".inf", "true", "{a: 1}"])
def test_parameter_values_are_checked(tmp_path, value):
    rules = _rules_copy(tmp_path)
    params = rules / "parameters.yaml"
    params.write_text(params.read_text().replace("saturation: 0.85", f"saturation: {value}", 1))
    with pytest.raises(RuleLoadError, match="parameters.yaml: parameter 'saturation'"):
        load_ruleset(rules)


def test_a_params_override_keeps_the_type(tmp_path):
    override = tmp_path / "p.yaml"
    override.write_text('saturation: "yes"\n')
    with pytest.raises(RuleLoadError, match="p.yaml: parameter 'saturation'"):
        load_ruleset(RULES, params_file=override)


@pytest.mark.parametrize("condition,problem", [('"yes"', "gives str"), ("1 / 0", "cannot be evaluated"),
                                               ("42", "gives int")])
def test_a_condition_must_be_a_boolean(tmp_path, condition, problem):
    rules = _rules_copy(tmp_path)
    path = rules / "policy" / "signals.yaml"
    text = path.read_text()
    first_when = next(line for line in text.splitlines() if line.strip().startswith("when:"))
    indent = first_when[: len(first_when) - len(first_when.lstrip())]
    path.write_text(text.replace(first_when, indent + f"when: '{condition}'", 1))
    with pytest.raises(RuleLoadError, match=rf"signals.yaml, rule '.*': condition 'when' {problem}"):
        load_ruleset(rules)


def test_an_empty_rules_file_is_an_error(tmp_path):
    rules = _rules_copy(tmp_path)
    (rules / "policy" / "extra.yaml").write_text("# nothing yet\n")
    with pytest.raises(RuleLoadError, match="extra.yaml: the rules file is empty"):
        load_ruleset(rules)


def test_a_division_by_zero_at_run_time_names_the_rule(tmp_path):
    """A condition dividing by a fact that is zero for one account: a clear error, not a traceback."""
    import datetime as dt

    from assistant.domain import Account, Catalog, Play, Product
    from assistant.policy.engine import evaluate
    from assistant.policy.errors import CoachError

    rules = _rules_copy(tmp_path)
    path = rules / "policy" / "signals.yaml"
    text = path.read_text()
    first_when = next(line for line in text.splitlines() if line.strip().startswith("when:"))
    indent = first_when[: len(first_when) - len(first_when.lstrip())]
    path.write_text(text.replace(first_when, indent + "when: 'int(account.min_utilization * 10.0) / 0 > 1'", 1))
    ruleset = load_ruleset(rules)
    account = Account(name="A", owns=[{"product": "P", "capacity": 10, "used": 5}])
    catalog = Catalog(products=[Product(name="P", kind="platform")])
    with pytest.raises(CoachError, match=r"signals.yaml, rule '[\w-]+': condition failed"):
        evaluate(ruleset, account, catalog, Play(product="P", change="more_capacity"), dt.date(2026, 5, 1))
