"""Loading validates everything and names the file, the rule and the problem."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assistant.config import PROJECT_ROOT
from assistant.policy.errors import RuleLoadError
from assistant.policy.rules import load_ruleset, referenced_names
from assistant.yaml_io import read_yaml


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(PROJECT_ROOT / "rules", target)
    return target


def _edit_first_rule(rules_dir, **changes):
    path = rules_dir / "policy" / "signals.yaml"
    rules = read_yaml(path)
    rules[0].update(changes)
    path.write_text(yaml.safe_dump(rules, sort_keys=False))
    return rules[0]["id"]


def _load(rules_dir):
    return load_ruleset(rules_dir, PROJECT_ROOT / "knowledge")


def test_shipped_rules_load(rules_copy):
    ruleset = _load(rules_copy)
    assert len(ruleset.rules) > 20 and ruleset.phases == [1, 2, 3]


@pytest.mark.parametrize("changes, problem", [
    ({"when": "product.utilisation >= params.saturation"}, "unknown fact 'product.utilisation'"),
    ({"when": "product.utilization >= params.saturaton"}, "unknown parameter 'params.saturaton'"),
    ({"when": "product.utilization >= "}, "CEL syntax error"),
    ({"code": "usage.sturation"}, "unknown reason code 'usage.sturation'"),
    ({"cites": ["no-such-section"]}, "cites unknown knowledge section"),
    ({"effect": "hold"}, "is a signal, but effect 'hold'"),
    ({"colour": "red"}, "colour"),
])
def test_bad_rules_fail_with_file_rule_and_problem(rules_copy, changes, problem):
    rule_id = _edit_first_rule(rules_copy, **changes)
    with pytest.raises(RuleLoadError) as caught:
        _load(rules_copy)
    message = str(caught.value)
    assert "signals.yaml" in message and rule_id in message and problem in message


def test_a_threshold_change_needs_no_python(rules_copy):
    params = read_yaml(rules_copy / "parameters.yaml")
    before = _load(rules_copy).version
    params["saturation"] = 0.95
    (rules_copy / "parameters.yaml").write_text(yaml.safe_dump(params))
    ruleset = _load(rules_copy)
    assert ruleset.params["saturation"] == 0.95 and ruleset.version != before


def test_a_new_rule_file_is_picked_up(rules_copy):
    (rules_copy / "policy" / "extra.yaml").write_text(yaml.safe_dump([{
        "id": "big-deal-needs-sponsor", "code": "alignment.no_sponsor", "motions": ["upsell"],
        "effect": "prepare", "when": "has(play.amount) && play.amount > 1000000.0 && !alignment.sponsor_found",
        "message": "large upsell without a sponsor", "remedy": "find a sponsor",
        "cites": ["alignment-priority-sponsor"]}]))
    assert "big-deal-needs-sponsor" in {rule.id for rule in _load(rules_copy).rules}


def test_referenced_names_ignore_strings_macros_and_methods():
    names = referenced_names('fired.exists(c, c.startsWith("usage.")) && "x.y" in account.strategy_kinds')
    assert names == {"fired", "account.strategy_kinds"}


def test_a_params_file_overrides_a_subset(rules_copy, tmp_path):
    proposal = tmp_path / "proposal.yaml"
    proposal.write_text("saturation: 0.9\n")
    ruleset = load_ruleset(rules_copy, PROJECT_ROOT / "knowledge", params_file=proposal)
    assert ruleset.params["saturation"] == 0.9 and ruleset.params["adoption_floor"] == 0.60
    assert ruleset.version != _load(rules_copy).version


def test_a_params_file_with_an_unknown_parameter_is_refused(rules_copy, tmp_path):
    proposal = tmp_path / "proposal.yaml"
    proposal.write_text("saturaton: 0.9\n")
    with pytest.raises(RuleLoadError, match="unknown parameter.*saturaton"):
        load_ruleset(rules_copy, PROJECT_ROOT / "knowledge", params_file=proposal)


def test_parameters_are_compiled_in_and_read_by_name(rules_copy):
    ruleset = _load(rules_copy)
    saturation = next(r for r in ruleset.rules if r.id == "saturation-of-played-product")
    assert "params" not in saturation.program.variables()
    rule_id = _edit_first_rule(rules_copy, when="size(params) > 0")
    with pytest.raises(RuleLoadError, match=f"{rule_id}.*params.NAME"):
        _load(rules_copy)


def test_the_interpreter_loads_without_the_cel_command_line():
    import subprocess
    import sys

    probe = ("import sys; from assistant.policy import cel_runtime as cel; "
             "assert cel.compile('x > 1').execute(cel.Context({'x': 2})) is True; "
             "print('cel.cli' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_reason_code_label_split_by_an_unquoted_comma_is_refused(rules_copy):
    path = rules_copy / "reason_codes.yaml"
    path.write_text(path.read_text().replace(
        'label: "a product, person or company not on record"', "label: a product, person or company not on record"))
    with pytest.raises(RuleLoadError) as caught:
        _load(rules_copy)
    assert "reason_codes.yaml" in str(caught.value) and "draft.unknown_entity" in str(caught.value)


def test_every_shipped_reason_code_has_its_whole_label(rules_copy):
    labels = {code: entry["label"] for code, entry in _load(rules_copy).reason_codes.items()}
    assert labels["draft.vendor_centric"] == "leads with the vendor's product, price or quota"


@pytest.mark.parametrize("line, expected", [
    ('saturation: "high"', r"parameters.yaml: parameter 'saturation': 'high' is not a number from 0 to 1"),
    ("saturation: 1.5", r"parameter 'saturation': 1.5 is not a number from 0 to 1"),
    ("saturation: -0.1", r"parameter 'saturation': -0.1 is not a number from 0 to 1"),
    ("quota_window_days: -3", r"parameter 'quota_window_days': -3 is not a whole number of at least 0"),
    ("quota_window_days: 2.5", r"parameter 'quota_window_days': 2.5 is not a whole number"),
    ("nps_floor: 150", r"parameter 'nps_floor': 150 is not a number from -100 to 100"),
    ("vendor_timing_reasons: quota", r"parameter 'vendor_timing_reasons': 'quota' is not a list of texts"),
])
def test_parameter_values_are_checked_against_their_declared_type(rules_copy, line, expected):
    path = rules_copy / "parameters.yaml"
    name = line.split(":")[0]
    text = "\n".join(line if row.startswith(f"{name}:") else row for row in path.read_text().splitlines())
    path.write_text(text + "\n")
    with pytest.raises(RuleLoadError, match=expected):
        load_ruleset(rules_copy, PROJECT_ROOT / "knowledge")


@pytest.mark.parametrize("line, expected", [
    ("saturation: 1.2", r"high.yaml: parameter 'saturation': 1.2 is not a number from 0 to 1"),
    ("quota_window_days: -1", r"high.yaml: parameter 'quota_window_days': -1 is not a whole number of at least 0"),
])
def test_a_params_file_is_checked_against_the_declared_ranges(rules_copy, tmp_path, line, expected):
    proposal = tmp_path / "high.yaml"
    proposal.write_text(line + "\n")
    with pytest.raises(RuleLoadError, match=expected):
        load_ruleset(rules_copy, PROJECT_ROOT / "knowledge", params_file=proposal)


def test_every_shipped_parameter_has_a_declared_type():
    params = read_yaml(PROJECT_ROOT / "rules" / "parameters.yaml")
    declared = read_yaml(PROJECT_ROOT / "rules" / "parameter_types.yaml")
    assert set(params) == set(declared)


def test_an_undeclared_parameter_is_refused_with_where_to_declare_it(rules_copy):
    path = rules_copy / "parameters.yaml"
    path.write_text(path.read_text() + "new_threshold: 0.4\n")
    with pytest.raises(RuleLoadError, match=r"parameter 'new_threshold' has no declared type; add it to rules/parameter_types.yaml"):
        load_ruleset(rules_copy, PROJECT_ROOT / "knowledge")


def test_a_bad_type_declaration_is_refused(rules_copy):
    path = rules_copy / "parameter_types.yaml"
    path.write_text(path.read_text().replace("saturation: {type: number", "saturation: {type: percent", 1))
    with pytest.raises(RuleLoadError, match=r"parameter_types.yaml: parameter 'saturation'"):
        load_ruleset(rules_copy, PROJECT_ROOT / "knowledge")
