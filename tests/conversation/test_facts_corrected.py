"""A fact the AM corrects later in a session is replaced, not only dropped: "she has seen the results"
after "their new CEO hasn't seen any of it" says the executive saw them (meaning.yaml `calm_what_if`),
where a new executive is otherwise taken not to have (facts_taken_back.py `drop_facts`). This file's own wordings."""

from __future__ import annotations

NO_VIEW = "stakeholder.no_view"


def test_the_executive_did_see_the_results_after_all(chat):
    conversation = chat()
    first = conversation.ask("should I pitch Governance to Lumen's new CEO? she hasn't seen any of the results "
                             "from the first rollout")
    assert NO_VIEW in first.verdict.codes
    corrected = conversation.ask("actually she has seen the results")
    assert (corrected.entities["account"], corrected.entities["product"]) == ("Lumen Energy", "Governance Suite")
    assert NO_VIEW not in corrected.verdict.codes
    assert NO_VIEW not in conversation.ask("draft it").verdict.codes  # and it stays replaced


def test_someone_else_named_is_no_word_on_the_first_executive(chat):
    conversation = chat()
    conversation.ask("should I pitch Governance to Lumen's new CEO? she hasn't seen any of the results "
                     "from the first rollout")
    state = conversation.memory.load()
    assert "saw_original_outcome=false" in state.what_ifs
    conversation.ask("what if I went through Oskar instead")
    assert "saw_original_outcome=true" not in conversation.memory.load().what_ifs
