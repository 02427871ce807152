"""Several products each misspelt in words of their own ("Data Quallity + Governence bundle for Lumen"): named
as several typed exactly are, the first typed the play and the bundle read for its blocker, not a question
back for the product. This file's own wordings."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, product", [
    ("Data Quallity + Governence bundle for Lumen at a discount, ok?", "Data Quality"),
    ("Governence and Data Quallity as one package for Lumen?", "Governance Suite"),
])
def test_two_misspelt_products_sold_together(chat, question, product):
    answer = chat().ask(question)
    assert (answer.intent, answer.entities["account"], answer.entities.get("product")) == \
        ("check_play", "Lumen Energy", product)
    assert answer.ask_back is None
    assert "bundle.separate" in {a.rule or a.id for a in answer.applied}
