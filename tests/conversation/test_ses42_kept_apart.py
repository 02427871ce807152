"""A tie or a bundle taken back by keeping the two apart ("ok keeping them apart", "fine, keep them separate"
after the renewal discount was made to depend on the play, or two products offered as one package): the play in
focus checked again without it (meaning.yaml `calm`). This file's own wordings."""

from __future__ import annotations

import pytest


def _codes(answer):
    return {a.rule or a.id for a in answer.applied}


@pytest.mark.parametrize("kept", ["ok keeping them apart", "fine fine, keep them separate then"])
def test_a_renewal_tie_kept_apart_is_taken_back(chat, kept):
    conversation = chat()
    first = conversation.ask("more volume for Ironwood? I'd have the renewal discount depend on it")
    assert "renewal.coupled" in _codes(first)
    conversation.ask("why not?")
    answer = conversation.ask(kept)
    assert (answer.intent, answer.entities["account"]) == ("check_play", "Ironwood Telecom")
    assert "renewal.coupled" not in _codes(answer)


def test_a_bundle_kept_apart_is_taken_back(chat):
    conversation = chat()
    first = conversation.ask("Acme: DQ and MA as one package for a better price?")
    assert "bundle.separate" in _codes(first)
    answer = conversation.ask("ok keeping the two apart")
    assert (answer.intent, answer.entities["product"]) == ("check_play", "Data Quality")
    assert "bundle.separate" not in _codes(answer)
