"""rules/portfolio.yaml is validated at load, naming the file and what is wrong."""

from __future__ import annotations


import pytest
import yaml

from assistant.config import PROJECT_ROOT
from assistant.policy.errors import RuleLoadError
from assistant.portfolio.parameters import load_portfolio_params
from assistant.yaml_io import read_yaml


def _write(tmp_path, change) -> object:
    raw = read_yaml(PROJECT_ROOT / "rules" / "portfolio.yaml")
    change(raw)
    path = tmp_path / "portfolio.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


def test_shipped_parameters_load(params):
    assert params.layer_names == ("usage", "outcome", "strategy", "customer")
    assert params.focus_share == 0.20 and params.focus_min == 10
    assert params.followup.window_days == 180


def test_a_negative_weight_is_rejected(ruleset, tmp_path):
    path = _write(tmp_path, lambda raw: raw["density"]["layers"][0].update(weight=-1))
    with pytest.raises(RuleLoadError, match="portfolio.yaml.*weight"):
        load_portfolio_params(ruleset, path)


def test_every_signal_code_needs_a_layer(ruleset, tmp_path):
    path = _write(tmp_path, lambda raw: raw["density"]["layers"].pop())  # drops customer. and timing.
    with pytest.raises(RuleLoadError, match="customer.expressed_need.*no layer"):
        load_portfolio_params(ruleset, path)


def test_a_code_in_two_layers_is_rejected(ruleset, tmp_path):
    path = _write(tmp_path, lambda raw: raw["density"]["layers"][1]["prefixes"].append("usage.saturation"))
    with pytest.raises(RuleLoadError, match="usage.saturation"):
        load_portfolio_params(ruleset, path)


def test_a_missing_file_is_named(ruleset, tmp_path):
    with pytest.raises(RuleLoadError, match="not found"):
        load_portfolio_params(ruleset, tmp_path / "nope.yaml")


def test_unknown_keys_are_rejected(ruleset, tmp_path):
    path = _write(tmp_path, lambda raw: raw["followup"].update(window_dayz=90))
    with pytest.raises(RuleLoadError, match="window_dayz"):
        load_portfolio_params(ruleset, path)


@pytest.mark.parametrize("content, problem", [(None, "file not found; the rules folder must contain it"),
                                              ("density: [unclosed\n", "not valid YAML")])
def test_a_missing_or_broken_file_is_reported_like_any_rules_file(ruleset, tmp_path, content, problem):
    from assistant.policy.rules import read_rules_file

    path = tmp_path / "portfolio.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleLoadError) as portfolio:
        load_portfolio_params(ruleset, path)
    with pytest.raises(RuleLoadError) as rules:
        read_rules_file(path)
    assert str(portfolio.value) == str(rules.value) and problem in str(portfolio.value)
