"""The coach addressed by its name ("@coach", "coach," opening, ", coach" ending: intents.yaml session
words `coach_names`, addressed.py) is no word of the question: not a call for help, not a name; the answer
still shows the message as typed. This file's own wordings."""

from __future__ import annotations

from assistant.conversation.addressed import unaddressed

NAMES = frozenset({"coach", "expansion coach"})


def test_the_coach_named_where_it_is_only_addressed_is_left_out():
    assert unaddressed("@coach and studio?", NAMES) == "and studio?"
    assert unaddressed("great stuff @Expansion-Coach", NAMES) == "great stuff"
    assert unaddressed("coach: Lumen gov?", NAMES) == "Lumen gov?"
    for kept in ("coach me before the Acme call", "@coaching tips", "@coach"):  # (a verb, another handle, nothing else)
        assert unaddressed(kept, NAMES) == kept
    assert unaddressed("@coach my draft:\n> Hi Lars,\n> more room?", NAMES) == "my draft:\n> Hi Lars,\n> more room?"


def test_a_follow_up_addressed_to_the_coach_is_the_follow_up(chat):
    conversation = chat()
    conversation.ask("@coach lumen - more capacity?")
    answer = conversation.ask("@coach and studio?")
    assert (answer.intent, answer.entities.get("account"), answer.entities.get("product")) == \
        ("check_play", "Lumen Energy", "Insights Studio"), answer.text
    assert answer.question == "@coach and studio?"
    assert conversation.ask("cheers @coach").intent == "unclear"  # (a reaction, no call for help)


def test_a_greeting_before_the_name_comes_from_the_data():
    """The words that may greet the coach before its name are intents.yaml's `coach_greetings`, not code's."""
    assert unaddressed("hey coach, Lumen gov?", NAMES, frozenset({"hey"})) == "Lumen gov?"
    assert unaddressed("yo coach, Lumen gov?", NAMES, frozenset({"hey"})) == "yo coach, Lumen gov?"
    assert unaddressed("yo coach, Lumen gov?", NAMES, frozenset({"yo"})) == "Lumen gov?"


def test_the_shipped_greetings_are_read(chat):
    answer = chat().ask("hello coach, lumen - more capacity?")
    assert (answer.intent, answer.entities.get("account")) == ("check_play", "Lumen Energy"), answer.text
