"""The one scoping rule: an AM sees their own accounts, managers and admins see every account."""

from __future__ import annotations

import pytest

from assistant.access import (IMPORT_DATA, SEE_POLICY, NotAllowed, NotYourAccount, Viewer, owner_scope, require,
                              scoped_store)
from assistant.config import Settings
from assistant.demo.loader import open_store

JORDAN = Viewer("Jordan Blake", "am")
MAYA = Viewer("maya  LINDQVIST", "am")  # names compare like account names do
MANAGER = Viewer("Morgan", "manager")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = open_store(Settings(data_dir=tmp_path_factory.mktemp("access"), load_demo=True))
    yield store
    store.close()


def test_an_am_reads_only_their_own_accounts(demo_store):
    view = scoped_store(demo_store, JORDAN)
    assert view.account("acme corp").owner == "Jordan Blake"
    with pytest.raises(NotYourAccount, match="'Evergreen Media' is not your account"):
        view.account("Evergreen Media")
    own = [a.name for a in view.accounts()]
    assert own and all(demo_store.account(n).owner == "Jordan Blake" for n in own)
    assert view.count_accounts() == len(own) < demo_store.count_accounts()
    with pytest.raises(NotAllowed):
        list(view.accounts(owner="Maya Lindqvist"))


def test_an_am_gets_only_their_own_history(demo_store):
    view = scoped_store(demo_store, MAYA)
    mine = {a.name for a in view.accounts()}
    rows = view.contract_events()
    assert rows and {r["account"] for r in rows} <= mine
    assert len(rows) < len(demo_store.contract_events())
    with pytest.raises(NotYourAccount):
        view.health_history("Acme Corp")


def test_managers_and_the_local_operator_see_everything(demo_store):
    assert scoped_store(demo_store, MANAGER) is demo_store
    assert scoped_store(demo_store, None) is demo_store
    assert owner_scope(MANAGER, "Jordan Blake") == "Jordan Blake"
    assert owner_scope(MANAGER, None) is None
    assert owner_scope(JORDAN, None) == "Jordan Blake"


def test_roles_gate_policy_imports_and_users():
    require(MANAGER, SEE_POLICY, "see the policy")
    require(None, IMPORT_DATA, "import data")
    with pytest.raises(NotAllowed, match="Only manager or admin users may see the policy"):
        require(JORDAN, SEE_POLICY, "see the policy")
    with pytest.raises(NotAllowed, match="Only admin users may import data"):
        require(MANAGER, IMPORT_DATA, "import data")
