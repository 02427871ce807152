"""`coach policy test DIR` runs scenario files and reports each with what differed."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assistant.yaml_io import read_yaml

from tests.cli.conftest import SHARED_SCENARIOS

pytestmark = pytest.mark.skipif(not SHARED_SCENARIOS.is_dir(), reason="shared/scenarios is not beside the project")


def test_all_shared_scenarios_pass(coach):
    result = coach("policy", "test", str(SHARED_SCENARIOS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("passed, 0 failed")


def test_a_wrong_expectation_fails_and_says_what_differed(coach, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    scenario = read_yaml(SHARED_SCENARIOS / "03-adoption-gap-seats.yaml")
    scenario["expect"]["verdict"] = "pitch"
    scenario.pop("drafts", None)
    (folder / "wrong.yaml").write_text(yaml.safe_dump(scenario))
    shutil.copy(SHARED_SCENARIOS / "01-acme-capacity-upsell.yaml", folder)
    result = coach("policy", "test", str(folder))
    assert result.returncode == 1
    assert "FAIL adoption-gap-seats" in result.stdout
    assert "verdict: expected pitch, got intervene" in result.stdout
    assert "PASS acme-capacity-upsell" in result.stdout


def test_a_malformed_scenario_is_a_clear_failure(coach, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    scenario = read_yaml(SHARED_SCENARIOS / "01-acme-capacity-upsell.yaml")
    scenario["account"]["owns"][0]["capacity"] = "lots"
    (folder / "bad.yaml").write_text(yaml.safe_dump(scenario))
    result = coach("policy", "test", str(folder))
    assert result.returncode == 1
    assert "account.owns[0].capacity" in result.stdout and "'lots'" in result.stdout


def test_missing_folder_is_an_error(coach, tmp_path):
    result = coach("policy", "test", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such folder of scenario files" in result.stderr
