"""Retrieval quality over the evaluation set, and the behaviour of each search mode."""

from __future__ import annotations

import pytest

from assistant.knowledge.errors import KnowledgeError

pytestmark = pytest.mark.slow


def hit_at(kb, questions, mode: str, k: int) -> float:
    hits = 0
    for item in questions:
        found = [p.section_id for p in kb.search(item["q"], k=k, mode=mode)]
        hits += any(i in found for i in item["ids"])
    return hits / len(questions)


def test_eval_set_is_large_and_cites_real_sections(eval_set, shipped_kb):
    from assistant.knowledge.sections import load_sections

    ids = load_sections(shipped_kb.settings.knowledge_dir)
    assert len(eval_set["questions"]) >= 45
    assert not [i for item in eval_set["questions"] for i in item["ids"] if i not in ids]


def test_hybrid_hit_at_3_meets_the_bar(eval_set, shipped_kb):
    score = hit_at(shipped_kb, eval_set["questions"], "hybrid", 3)
    assert score >= eval_set["min_hybrid_hit_at_3"], f"hybrid hit@3 = {score:.3f}"


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_each_mode_returns_scored_passages(shipped_kb, mode):
    passages = shipped_kb.search("customer uses 40% of their seats and wants more", k=4, mode=mode)
    assert 1 <= len(passages) <= 4
    assert passages[0].section_id == "avoid-adoption-gap"
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    first = passages[0].model_dump()
    assert set(first) == {"doc", "section_id", "title", "text", "score", "source", "search_only"}
    assert first["doc"] == "pitfalls" and first["source"] == "framework" and first["search_only"] is False and "40%" in first["text"]


def test_exact_terms_reach_lexical_and_hybrid(shipped_kb):
    for mode in ("lexical", "hybrid"):
        assert shipped_kb.search("$400–450K fast bundle", k=1, mode=mode)[0].section_id == "bundle-separately"


def test_k_and_bad_input(shipped_kb):
    assert len(shipped_kb.search("expansion", k=33)) == 33
    with pytest.raises(KnowledgeError, match="unknown search mode"):
        shipped_kb.search("x", mode="fuzzy")
    with pytest.raises(KnowledgeError, match="empty"):
        shipped_kb.search("   ")


def test_passages_for_matches_indexed_text(shipped_kb):
    [grounding] = shipped_kb.passages_for(["avoid-renewal-coupling"])
    [found] = shipped_kb.search("renewal price only if they take the expansion", k=1)
    assert (found.section_id, found.text) == (grounding.section_id, grounding.text)
