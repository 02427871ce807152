"""Each phrasings file declares the world it is read in: every account its expectations name is in
the demo book or in the file's own `accounts`, so the test and the benchmark (which builds each
file's world from those) read it alike. Locked sets are not opened here (issue 14's rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.conversation.evaluation import load_phrasings
from assistant.yaml_io import read_yaml

HERE = Path(__file__).parent
FILES = sorted(p.name for p in HERE.glob("*phrasings*.yaml") if not p.name.startswith("locked"))


def _demo_accounts() -> set[str]:
    return {a["name"] for a in read_yaml(PROJECT_ROOT / "assistant" / "demo" / "accounts.yaml")["accounts"]}


@pytest.mark.parametrize("name", FILES)
def test_the_accounts_a_file_expects_are_in_its_world(name):
    spec = load_phrasings(HERE / name)
    world = _demo_accounts() | {a["name"] for a in spec.accounts}
    named = {(case.id, turn.expect.account) for case in spec.cases for turn in case.turns if turn.expect.account}
    named |= {(case.id, c) for case in spec.cases for turn in case.turns
              if turn.expect.ask_back == "account" for c in turn.expect.candidates}
    assert sorted((case, account) for case, account in named if account not in world) == []
