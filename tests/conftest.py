"""Settings for the whole test session (see tests/support/ for the shared helpers)."""

from __future__ import annotations

import pytest

from tests.support.cli_command import built_once
from tests.support.demo_copies import LOADED_AT, build_demo_template


@pytest.fixture(scope="session", autouse=True)
def typer_commands_built_once():
    """Typer's CliRunner turns the Typer app into its click command on every invoke (0.3-0.5 s of
    signature and annotation reading for `coach`'s 40-odd commands); the console script does it
    once per process. The in-process CLI tests (hundreds of Hypothesis examples) reuse one build."""
    with pytest.MonkeyPatch.context() as patch:
        built_once(patch)
        yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A data directory with the demo loaded, once per test session; tests open copies of it
    (tests/support/demo_copies.py), and worlds with more accounts start from a copy."""
    return build_demo_template(tmp_path_factory.mktemp("demo-template") / "data", clock=lambda: LOADED_AT)


@pytest.fixture(scope="session")
def meaning_vectors(tmp_path_factory):
    """The conversation's example vectors, embedded once per session (tests/support/meaning_vectors.py):
    copied into a world before a server warms up there, instead of each server embedding them again."""
    from tests.support.meaning_vectors import make_meaning_vectors

    return make_meaning_vectors(tmp_path_factory.mktemp("meaning-vectors"))
