"""Two products offered "as set" (the article dropped, as non-native English drops it), with a set price lower
than the two apart, are a bundle: applied or asked about; a price set for one product is none. This file's own
wordings."""

from __future__ import annotations

import pytest

from assistant.conversation.evaluation import applied_rules, asked_codes


@pytest.mark.parametrize("message", [
    "can I offer DQ and Governance to Orchid as set, with set price lower than separate?",
    "offer Studio and MA to Evergreen as one set, set price below buying both apart?",
])
def test_two_products_as_set_are_a_bundle(chat, message):
    answer = chat().ask(message)
    assert "bundle.separate" in applied_rules(answer) | asked_codes(answer), answer.text


def test_a_price_set_for_one_product_is_no_bundle(chat):
    answer = chat().ask("Acme DQ: their procurement has a set price list for new modules. ok to pitch?")
    assert "bundle.separate" not in applied_rules(answer) | asked_codes(answer), answer.text
