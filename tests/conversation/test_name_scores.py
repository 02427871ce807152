"""How alike a typed word is to each name (Names.scores) runs for many typed words a message: each
spelling's words are worked out once per Names, every string is compared with the typed word in one
RapidFuzz call (name_scores.py), and the scores are those of the rule written out
plainly below (the whole spelling, its start as typed, its words but generic company words and, of a
product, product nouns such as the "suite" of Governance Suite; the
first word only for a company typed as one word; not the qualifying first word for `heads_only`; not a
product's word said alone, "gov" of "Gov Suite", which is typed exactly only)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from assistant.conversation.resolve import Names, account_names, product_names


def plain_scores(names: Names, key: str, heads_only: bool = False) -> list[tuple[float, str]]:
    best: dict[str, float] = {}
    for spelling, owners in names.keys.items():
        if spelling in names.heads:
            continue
        parts = [spelling]
        if len(key) >= names.params.min_length:
            generic = names.params.company_words | (names.params.product_nouns if names.kind == "product" else frozenset())
            words = [w for w in spelling.split() if w not in generic]
            words = words[1:] if heads_only and len(words) > 1 else words
            parts += [spelling[:len(key)]] if spelling.startswith(key) and not heads_only else []
            parts += words[:1] if names.first_words_only and " " not in key else words
        score = max(fuzz.ratio(key, part) for part in parts)
        for name in owners:
            best[name] = max(best.get(name, 0.0), score)
    return sorted(((s, n) for n, s in best.items()), key=lambda pair: (-pair[0], pair[1]))


TYPED = ["acme", "acem", "kestrel outdoor", "data qualty", "dq", "gov", "governance suite", "borealis frieght",
         "platform", "studio", "marketing", "automation", "nimbus", "corp", "x", "the data"]


@pytest.fixture
def kinds(coach):
    return [account_names(tuple(coach.store.account_names()), frozenset({"the", "a"})), product_names(coach.catalog())]


@pytest.mark.parametrize("heads_only", [False, True])
def test_the_scores_are_the_plain_rules(kinds, heads_only):
    for names in kinds:
        for key in TYPED:
            assert names.scores(key, heads_only) == plain_scores(names, key, heads_only), (names.kind, key)


def test_each_spellings_words_are_worked_out_once(kinds):
    names = kinds[0]
    names.scores("acme")
    table = names._spelling_words()
    names.scores("kestrel")
    assert names._spelling_words() is table and len(table) == len(names.keys)


def test_a_typed_word_is_compared_with_every_spelling_in_one_call(kinds, monkeypatch):
    from assistant.conversation import name_scores

    names = kinds[0]
    names.scores("acme")
    calls = []
    real = name_scores.process.cdist
    monkeypatch.setattr(name_scores.process, "cdist", lambda typed, *a, **k: calls.append(typed) or real(typed, *a, **k))
    assert names.scores("kestrl outdoor") == plain_scores(names, "kestrl outdoor")
    assert names.scores("borealis", heads_only=True) == plain_scores(names, "borealis", heads_only=True)
    assert calls == [["kestrl outdoor"], ["borealis"]]
