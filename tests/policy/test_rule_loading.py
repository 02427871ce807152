"""Loading validates everything and names the file, the rule and the problem."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assistant.config import PROJECT_ROOT
from assistant.policy.errors import RuleLoadError
from assistant.policy.rules import load_ruleset, referenced_names


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(PROJECT_ROOT / "rules", target)
    return target


def _edit_first_rule(rules_dir, **changes):
    path = rules_dir / "policy" / "signals.yaml"
    rules = yaml.safe_load(path.read_text())
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
    params = yaml.safe_load((rules_copy / "parameters.yaml").read_text())
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
