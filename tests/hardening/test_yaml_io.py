"""The one YAML reader: alias bombs, size limits, bad dates, deep nesting, folders, JSON NaN."""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from assistant.importers.errors import ImportProblem
from assistant.importers.snapshot import read_accounts
from assistant.yaml_io import DataFileError, load_json, load_yaml, read_yaml
from tests.hardening.conftest import ALIAS_BOMB, PYTHON, subprocess_env


def test_the_bomb_is_small():
    assert len(ALIAS_BOMB.encode()) < 500


def test_alias_bomb_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB)
    with pytest.raises(DataFileError, match=r"bomb.yaml: refused: the document expands to more than"):
        read_yaml(path)


def test_alias_bomb_import_stays_under_500_mb_and_exits_2(tmp_path):
    """In a child process, so its peak memory is measured alone (its own high-water mark, VmHWM)."""
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB)
    script = textwrap.dedent(f"""
        from typer.testing import CliRunner
        from tests.hardening.conftest import peak_rss_mb
        from assistant.cli.main import app
        result = CliRunner().invoke(app, ["accounts", "import", {str(path)!r}])
        peak_mb = peak_rss_mb()
        print(result.exit_code, int(peak_mb))
        print(result.output)
    """)
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=120,
                          env=subprocess_env(tmp_path))
    assert done.returncode == 0, done.stderr
    code, peak_mb = done.stdout.split("\n", 1)[0].split()
    assert code == "2", done.stdout
    assert int(peak_mb) < 500
    assert "refused" in done.stdout and "bomb.yaml" in done.stdout


def test_a_few_aliases_still_work():
    data = load_yaml("base: &b {tier: Standard}\nother: *b\nlist: [*b, *b]\n")
    assert data["other"] == {"tier": "Standard"} and len(data["list"]) == 2


def test_recursive_alias_is_refused():
    with pytest.raises(DataFileError, match="own ancestor"):
        load_yaml("a: &a [*a]\n", "loop.yaml")


def test_invalid_date_names_the_file_and_line(tmp_path):
    path = tmp_path / "acct.yaml"
    path.write_text("name: Acme\nrenewal:\n  date: 2026-02-30\n")
    with pytest.raises(ImportProblem, match=r"acct.yaml: '2026-02-30' is not a valid date .* at line 3"):
        read_accounts(path)


def test_size_limit_is_a_clear_error(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("name: Acme\nnote: " + "x" * 3000 + "\n")
    with pytest.raises(ImportProblem, match=r"big.yaml: is 0.0 MB, over the 0.0 MB limit \(COACH_MAX_FILE_MB"):
        read_accounts(path, max_bytes=1000)


def test_size_limit_is_a_setting(tmp_path, cli, monkeypatch):
    path = tmp_path / "accounts.yaml"
    path.write_text("name: Acme\nnote: " + "x" * 20000 + "\n")
    monkeypatch.setenv("COACH_MAX_FILE_MB", "0.01")
    result = cli("accounts", "import", str(path))
    assert result.exit_code == 2 and "over the 0.0 MB limit" in result.output


def test_a_folder_given_as_a_file(tmp_path):
    with pytest.raises(ImportProblem, match="is a folder, not a file"):
        read_accounts(tmp_path)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_json_is_refused(text):
    with pytest.raises(DataFileError, match="nested more than"):
        load_json(text, "deep.json")


def test_deeply_nested_yaml_is_refused():
    with pytest.raises(DataFileError, match="nest"):
        load_yaml("[" * 5000 + "]" * 5000, "deep.yaml")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_without_nan_or_infinity(constant):
    with pytest.raises(DataFileError, match="not a number JSON allows"):
        load_json('{"health": {"nps": %s}}' % constant, "a.json")


def test_python_tags_are_not_constructed():
    with pytest.raises(DataFileError, match="not valid YAML"):
        load_yaml("!!python/object/apply:os.system ['echo owned']", "evil.yaml")


# Every way to parse YAML with PyYAML directly; the project reads YAML through assistant/yaml_io.py only.
_YAML_LOADERS = {"load", "safe_load", "load_all", "safe_load_all", "full_load", "full_load_all", "unsafe_load",
                 "unsafe_load_all", "compose", "compose_all", "parse"}


def _direct_yaml_loads(path) -> list[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {"yaml"} | {alias.asname for node in ast.walk(tree) if isinstance(node, ast.Import)
                        for alias in node.names if alias.name == "yaml" and alias.asname}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in _YAML_LOADERS and isinstance(node.value, ast.Name)
                and node.value.id in names):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "yaml":
            found += [f"{node.lineno}: from yaml import {a.name}" for a in node.names if a.name in _YAML_LOADERS]
    return found


def test_no_yaml_is_parsed_outside_the_one_reader():
    """assistant/, tests/, benchmarks/ and scripts/ read YAML with assistant.yaml_io (bounded, safe,
    errors naming the file); a direct yaml.safe_load or yaml.load anywhere else fails here."""
    from assistant.config import PROJECT_ROOT

    reader = PROJECT_ROOT / "assistant" / "yaml_io.py"
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{where}"
                 for folder in ("assistant", "tests", "benchmarks", "scripts")
                 for path in sorted((PROJECT_ROOT / folder).rglob("*.py")) if path != reader
                 for where in _direct_yaml_loads(path)]
    assert not offenders, "parse YAML with assistant.yaml_io (read_yaml / load_yaml):\n" + "\n".join(offenders)


def test_the_tree_check_sees_every_spelling(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import yaml\nimport yaml as y\nfrom yaml import safe_load\nyaml.safe_load('a')\n"
                      "y.load('a', Loader=None)\nyaml.safe_dump({})\n", encoding="utf-8")
    assert _direct_yaml_loads(sample) == ["3: from yaml import safe_load", "4: yaml.safe_load", "5: y.load"]
