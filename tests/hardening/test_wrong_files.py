"""The wrong file changes nothing; CSV export cannot carry spreadsheet formulas."""

from __future__ import annotations

import csv
import io

from assistant.config import PROJECT_ROOT
from tests.hardening.conftest import store_counts

DEMO = PROJECT_ROOT / "assistant" / "demo"


def test_an_accounts_file_as_a_catalog_changes_nothing(demo_cli):
    before = store_counts(demo_cli.data_dir)
    catalog_before = demo_cli("catalog", "show", "--json").stdout
    result = demo_cli("catalog", "import", str(DEMO / "accounts.yaml"))
    assert result.exit_code == 2 and "looks like an accounts file" in result.output
    assert store_counts(demo_cli.data_dir) == before
    assert demo_cli("catalog", "show", "--json").stdout == catalog_before


def test_a_list_of_accounts_as_a_catalog_is_refused(demo_cli, tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- name: Acme Corp\n  owns: [{product: Data Platform}]\n")
    result = demo_cli("catalog", "import", str(path))
    assert result.exit_code == 2 and "accounts file" in result.output


def test_an_empty_catalog_is_refused(demo_cli, tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("vendor: {name: X}\nproducts: []\n")
    result = demo_cli("catalog", "import", str(path))
    assert result.exit_code == 2 and "no products" in result.output


def test_a_catalog_as_accounts_changes_nothing(demo_cli):
    before = store_counts(demo_cli.data_dir)
    result = demo_cli("accounts", "import", str(DEMO / "catalog.yaml"))
    assert result.exit_code == 2 and "looks like a catalog file" in result.output
    assert store_counts(demo_cli.data_dir) == before


def test_a_folder_given_as_a_file(demo_cli, tmp_path):
    folder = tmp_path / "x.csv"
    folder.mkdir()
    for args in (["accounts", "import", str(folder)], ["history", "import", str(folder), "--kind", "health"],
                 ["catalog", "import", str(folder)]):
        result = demo_cli(*args)
        assert result.exit_code == 2 and "is a folder, not a file" in result.output, result.output


def test_csv_export_escapes_formulas(demo_cli, tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("accounts:\n"
                    "  - name: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\n    owner: \"+cmd\"\n"
                    "  - name: \"@SUM(A1)\"\n    owner: \"-2+3\"\n")
    assert demo_cli("accounts", "import", str(path)).exit_code == 0
    result = demo_cli("plan", "--format", "csv", "--today", "2026-11-16")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    cells = [value for row in rows for value in row.values() if isinstance(value, str)]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "'@SUM(A1)" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
