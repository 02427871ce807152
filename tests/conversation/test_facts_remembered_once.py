"""A fact said earlier at an account and shown again on each follow-up on its play ("why not?" ... ) is
kept once in the session (stored with it between turns): carrying it does not store it again, while a
fact said again in a turn's own words is kept as said then, and a take-back still removes it."""

FURIOUS_AT_KESTREL = "Kestrel is furious about support lately. should I pitch them DQ?"
RULE = "health.dissatisfied"


def _kept(conversation) -> list[dict]:
    """The session's stored facts of the rule (what the next turn loads)."""
    return [said for said in conversation.memory.load().stated if said["item"]["rule"] == RULE]


def test_five_follow_ups_show_the_fact_each_time_and_keep_one_copy(chat):
    conversation = chat()
    conversation.ask(FURIOUS_AT_KESTREL)
    for _ in range(5):
        answer = conversation.ask("why not?")
        assert [(a.rule, a.how) for a in answer.applied] == [(RULE, "earlier")]
    assert len(_kept(conversation)) == 1


def test_a_fact_said_again_in_a_turns_own_words_is_kept_as_said_then(chat):
    conversation = chat()
    conversation.ask(FURIOUS_AT_KESTREL)
    conversation.ask("why not?")
    conversation.ask("they are still furious about support. DQ for Kestrel?")
    kept = [said["item"]["how"] for said in _kept(conversation)]
    assert len(kept) == 2 and "earlier" not in kept  # (the first turn's and this one's)


def test_a_fact_taken_back_after_follow_ups_is_not_shown_again(chat):
    conversation = chat()
    conversation.ask(FURIOUS_AT_KESTREL)
    for _ in range(3):
        conversation.ask("why not?")
    taken_back = conversation.ask("actually scratch that, they're not unhappy")
    assert RULE not in {a.rule for a in taken_back.applied}
    assert RULE not in {a.rule for a in conversation.ask("why not?").applied}
