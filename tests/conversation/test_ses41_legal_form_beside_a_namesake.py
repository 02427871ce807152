"""A company's legal form typed another way ("Acme Corporation", "acme inc") beside another company of the same
first word (Acme Robotics): the legal form says the company whose other words are only its legal form (Acme
Corp), not a question back between the two; the first word alone still asks which. This file's own wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.meaning_spec import default_name_params
from assistant.conversation.resolve import account_names


@pytest.fixture
def accounts():
    return account_names(("Acme Corp", "Acme Robotics", "Delta Retail"), frozenset(), default_name_params())


@pytest.mark.parametrize("typed", ["acme corporation", "Acme Inc.", "acme incorporated capacity"])
def test_a_legal_form_picks_the_company_of_that_form(accounts, typed):
    assert accounts.shared_first(typed).name == "Acme Corp"


@pytest.mark.parametrize("typed", ["acme", "acme capacity", "acme robo"])
def test_the_first_word_alone_or_another_word_does_not_pick_by_form(accounts, typed):
    found = accounts.shared_first(typed)
    assert found.name != "Acme Corp"
