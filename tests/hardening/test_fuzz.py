"""Property-based fuzzing of the importers and the CLI (Hypothesis).

Whatever the input, no traceback reaches the user: a command exits 0, or 2 with a message that
names the input, and a command that failed changed nothing in the store. The CLI runs in
process (Typer's CliRunner) over one copy of the demo store; the larger runs are marked slow.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import CoachError
from assistant.importers.catalog import read_catalog
from assistant.importers.csv_accounts import read_accounts_csv
from assistant.importers.history import read_history_csv
from assistant.importers.snapshot import read_accounts
from tests.hardening.conftest import ALIAS_BOMB, store_counts

FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

ACCOUNTS, PRODUCTS = ["Acme Corp", "Evergreen Media", "Borealis Freight"], ["Data Platform", "DQ", "Data Quality"]
NASTY_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-inf", "1e309", "-1", "0", "9" * 40, "=cmd|' /C calc'!A0",
                     "2026-02-30", "9999-12-31", "0001-01-01", "../../etc/passwd", "Robert Vence", "DQ",
                     "\x00", "é" * 300, "{{ 7*7 }}", "'; DROP TABLE accounts; --"]),
)
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.integers(-10**12, 10**12).map(str), NASTY_TEXT)
DATES = st.one_of(st.dates().map(str), NASTY_TEXT)

# Structured-ish documents: the shapes importers expect, with hostile leaves.
LEAF = st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=10), st.just([]))
DOCS = st.recursive(LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["name", "owns", "health", "nps", "csat", "product", "capacity", "used",
                                     "products", "vendor", "accounts", "account", "stakeholders", "date",
                                     "renewal", "tiers", "kind", "aliases", "x"]), inner, max_size=5)),
    max_leaves=20)


def _yaml_text(doc) -> str:
    import json

    return json.dumps(doc, allow_nan=True).replace("NaN", ".nan").replace("Infinity", ".inf")


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory, demo_template):
    """One copy of the demo store for the module, the environment pointing at it."""
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(demo_template, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACH_DATA_DIR", str(data))
        for key in ("COACH_LLM_BASE_URL", "COACH_LLM_MODEL", "COACH_DATABASE_URL", "COACH_CHROMA_URL"):
            patch.delenv(key, raising=False)
        yield data


def _invoke(args: list[str]):
    from typer.testing import CliRunner

    from assistant.cli.main import app

    return CliRunner().invoke(app, args, catch_exceptions=True)


def _no_traceback(result, args) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, (args, result.output)
    if result.exit_code == 2:
        assert result.output.strip(), args  # a message says what was wrong


def _run_and_check(fuzz_store, args: list[str]) -> None:
    before = store_counts(fuzz_store)
    result = _invoke(args)
    _no_traceback(result, args)
    if result.exit_code != 0:
        assert store_counts(fuzz_store) == before, args


CHECK_ARGS = st.tuples(
    st.one_of(st.sampled_from(ACCOUNTS), NASTY_TEXT), st.one_of(st.sampled_from(PRODUCTS), NASTY_TEXT),
    st.lists(st.one_of(
        st.tuples(st.just("--amount"), NUMBERS), st.tuples(st.just("--to"), NASTY_TEXT),
        st.tuples(st.just("--sponsor"), NASTY_TEXT), st.tuples(st.just("--priority"), NASTY_TEXT),
        st.tuples(st.just("--date"), DATES), st.tuples(st.just("--today"), DATES),
        st.tuples(st.just("--change"), NASTY_TEXT), st.tuples(st.just("--reason"), NASTY_TEXT),
        st.tuples(st.just("--what-if"), NASTY_TEXT), st.tuples(st.just("--bundle"), NASTY_TEXT)), max_size=3),
)


def _flatten(options) -> list[str]:
    return [part for pair in options for part in pair]


DRAFT_OPTIONS = st.lists(st.one_of(
    st.tuples(st.just("--amount"), NUMBERS), st.tuples(st.just("--to"), NASTY_TEXT),
    st.tuples(st.just("--today"), DATES), st.tuples(st.just("--change"), NASTY_TEXT)), max_size=3)


@FAST
@given(CHECK_ARGS)
def test_check_never_traces(fuzz_store, case):
    account, product, options = case
    _run_and_check(fuzz_store, ["check", account, product, *_flatten(options)])


@FAST
@given(CHECK_ARGS, DRAFT_OPTIONS)
def test_draft_never_traces(fuzz_store, case, options):
    account, product, _ = case
    _run_and_check(fuzz_store, ["draft", account, product, *_flatten(options)])


PORTFOLIO_ARGS = st.one_of(
    st.tuples(st.just("plan"), st.lists(st.one_of(st.tuples(st.just("--owner"), NASTY_TEXT),
                                                  st.tuples(st.just("--today"), DATES),
                                                  st.tuples(st.just("--format"), st.sampled_from(["csv", "json", "x"]))),
                                        max_size=2)),
    st.tuples(st.just("metrics"), st.lists(st.one_of(st.tuples(st.just("--from"), DATES),
                                                     st.tuples(st.just("--to"), DATES),
                                                     st.tuples(st.just("--limit"), NUMBERS)), max_size=2)),
    st.tuples(st.just("audit list"), st.lists(st.one_of(st.tuples(st.just("--user"), NASTY_TEXT),
                                                        st.tuples(st.just("--kind"), NASTY_TEXT),
                                                        st.tuples(st.just("--from"), DATES)), max_size=2)),
    st.tuples(st.just("accounts show"), st.lists(st.tuples(st.just("--json"), st.just("")), max_size=1)),
)


@FAST
@given(PORTFOLIO_ARGS, NASTY_TEXT)
def test_reading_commands_never_trace(fuzz_store, case, name):
    command, options = case
    args = command.split() + ([name] if command == "accounts show" else []) + [p for p in _flatten(options) if p]
    _run_and_check(fuzz_store, args)


@FAST
@given(DOCS, st.sampled_from(["accounts import", "catalog import"]), st.sampled_from([".yaml", ".json"]))
def test_imports_never_trace_and_failures_change_nothing(fuzz_store, tmp_path_factory, doc, command, suffix):
    path = tmp_path_factory.mktemp("in") / f"file{suffix}"
    path.write_text(_yaml_text(doc))
    _run_and_check(fuzz_store, [*command.split(), str(path)])


CSV_CELLS = st.lists(st.lists(st.one_of(NUMBERS, DATES, st.sampled_from(ACCOUNTS)), min_size=1, max_size=6),
                     max_size=5)
CSV_HEADERS = st.lists(st.sampled_from(["account", "date", "kind", "product", "amount", "nps", "csat",
                                        "open_escalations", "outcome", "change", "name", "capacity", "used"]),
                       min_size=1, max_size=6)


def _csv(header, rows) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@FAST
@given(CSV_HEADERS, CSV_CELLS, st.sampled_from(["contract", "outcomes", "health", "accounts"]))
def test_csv_imports_never_trace(fuzz_store, tmp_path_factory, header, rows, kind):
    path = tmp_path_factory.mktemp("csv") / "file.csv"
    path.write_text(_csv(header, rows))
    args = ["accounts", "import", str(path)] if kind == "accounts" else ["history", "import", str(path), "--kind", kind]
    _run_and_check(fuzz_store, args)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=300).map(lambda b: b.decode("latin-1")), st.text(max_size=300),
                 DOCS.map(_yaml_text), st.just(ALIAS_BOMB), st.just("[" * 5000)))
def test_readers_raise_only_coach_errors(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("r")
    for name, reader in (("a.yaml", read_accounts), ("a.json", read_accounts), ("c.yaml", read_catalog),
                         ("a.csv", read_accounts_csv), ("h.csv", lambda p: read_history_csv(p, "contract"))):
        path = folder / name
        path.write_bytes(text.encode("utf-8", errors="replace"))
        try:
            reader(path)
        except CoachError as exc:
            assert str(path) in str(exc) or name in str(exc)


@pytest.mark.slow
@SLOW
@given(CHECK_ARGS)
def test_check_never_traces_many_examples(fuzz_store, case):
    account, product, options = case
    _run_and_check(fuzz_store, ["check", account, product, *_flatten(options)])


@pytest.mark.slow
@SLOW
@given(DOCS, st.sampled_from(["accounts import", "catalog import"]))
def test_imports_never_trace_many_examples(fuzz_store, tmp_path_factory, doc, command):
    path = tmp_path_factory.mktemp("in") / "file.yaml"
    path.write_text(_yaml_text(doc))
    _run_and_check(fuzz_store, [*command.split(), str(path)])

