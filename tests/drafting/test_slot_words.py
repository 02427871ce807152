"""Whole words in slot mode's grammar: the word automaton spells exactly its words, a clause's
last possible word and a word of the play are whole listed words (no glued or made-up word, no
clause left hanging at the word limit), and the word list is what its script writes."""

from __future__ import annotations

import pytest

from assistant.approval import load_draft_checks
from assistant.drafting import build_context
from assistant.drafting.slots import slot_grammar, slot_stems, slot_topics, topic_forms
from assistant.drafting.word_rules import word_rules

from .conftest import PROMPTS, RULES
from .gbnf import parsed

WORDS = ["the", "them", "then", "to", "team", "teams", "data", "don't", "growth", "grow"]


def test_the_word_automaton_spells_exactly_its_words():
    grammar = parsed("\n".join(["root ::= w", *word_rules("w", WORDS)]))
    assert all(grammar.fullmatch(w) for w in WORDS)
    assert not any(grammar.fullmatch(w) for w in ("themto", "th", "tea", "teamss", "dont", "datalayses", "gro", ""))
    # shared endings are one state: fewer rules than letters
    assert len(word_rules("w", WORDS)) < sum(map(len, WORDS))


def test_llama_cpp_parses_the_word_automaton():
    llama_cpp = pytest.importorskip("llama_cpp")
    grammar = "\n".join(["root ::= w", *word_rules("w", WORDS)])
    assert llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) is not None


@pytest.mark.parametrize("bad", ["Team", "two words", "4x", "tab\t"])
def test_the_word_automaton_takes_lowercase_words_only(bad):
    with pytest.raises(ValueError, match="not a lowercase word"):
        word_rules("w", [bad])


@pytest.fixture
def play(world, checks):
    w = world("01")
    context = build_context(w.verdict, w.account, w.catalog, checks.vocabulary)
    limits = checks.drafting.slots
    return limits, slot_stems(limits, context), slot_topics(context, limits)


def _reply(stems, first_words: list[str], second_words: list[str]) -> str:
    return f"{stems['why'][0]} {' '.join(first_words)}\n{stems['purpose'][0]} {' '.join(second_words)}\n"


def test_the_last_word_a_clause_may_have_is_a_whole_word_that_ends_it(play):
    # At the word limit the model wanted to go on; under any letters it glued the next words on
    # ("whichisimportant") or stopped mid-phrase ("... rate of your"). Now the last word is a
    # listed word a clause may end on.
    limits, stems, topics = play
    word = min(set(topics) & set(limits.words.listed))
    filler = ["teams"] * (limits.max_words - 2)
    ok = _reply(stems, [word, "grow"], filler + ["can", "grow"])
    glued = _reply(stems, [word, "grow"], filler + ["can", "whichisimportant"])
    hanging = _reply(stems, [word, "grow"], filler + ["of", "your"])
    grammar = parsed(slot_grammar(PROMPTS, limits, stems, topics))
    assert grammar.fullmatch(ok)
    assert not grammar.fullmatch(glued) and not grammar.fullmatch(hanging)
    any_letters = parsed(slot_grammar(PROMPTS, limits.model_copy(update={"words": None}), stems, topics))
    assert any_letters.fullmatch(glued) and any_letters.fullmatch(hanging)  # what the model wrote before


def test_before_a_word_of_the_play_it_must_write_the_word_is_whole(play):
    # When the first line held no word of the play, the second must, at the latest at its last
    # place; the model, made to write the play's word next, glued its own words onto the one
    # before ("whichisimportant, marketing"). That word is a whole word.
    limits, stems, topics = play
    word = min(set(topics) & set(limits.words.listed))
    off = ["more", "things"]  # no word of the play in the first line
    filler = ["teams"] * (limits.max_words - 2)
    grammar = parsed(slot_grammar(PROMPTS, limits, stems, topics))
    assert grammar.fullmatch(_reply(stems, off, filler + ["important,", word]))
    assert grammar.fullmatch(_reply(stems, off, filler + ["for", word]))
    assert not grammar.fullmatch(_reply(stems, off, filler + ["whichisimportant,", word]))


def test_a_word_of_the_play_is_a_whole_word(world, checks):
    # A topic word's first letters or its tail of any letters made words up ("marke" of
    # "marketing", "datalayses" of "data"); now the play's words are its real forms only.
    w = world("01")
    context = build_context(w.verdict, w.account, w.catalog, checks.vocabulary)
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    forms = topic_forms(topics, limits)
    assert set(topics) <= set(forms)
    assert all(any(f.startswith(t) or t.startswith(f) for t in topics) for f in forms)
    made_up = [t[:limits.topic_min_chars + 1] for t in topics if len(t) > limits.topic_min_chars + 1
               and t[:limits.topic_min_chars + 1] not in forms] + [t + "layses" for t in topics]
    assert made_up
    grammar = parsed(slot_grammar(PROMPTS, limits, stems, topics))
    plain = ["we", "plan", "ahead"]
    for word in made_up:
        assert not grammar.fullmatch(_reply(stems, [word, "today"], plain)), word
    assert all(grammar.fullmatch(_reply(stems, [form, "today"], plain)) for form in forms)


def test_a_common_word_is_not_made_a_word_of_the_play(checks):
    # "work" touches "workflows", but says nothing about them: the grammar does not offer it
    # as the play's word (the check would take it; the grammar asks for less).
    limits = checks.drafting.slots
    forms = topic_forms({"workflows"}, limits)
    assert "workflows" in forms and "work" not in forms


@pytest.mark.slow
def test_the_word_list_is_what_its_script_writes(tmp_path):
    # Every listed word is one the gate's readability check takes as English; the list is
    # rebuilt from wordfreq and rules/drafts and compared, as scripts/write_slot_words.py does.
    import runpy
    import shutil

    listed = load_draft_checks(RULES).drafting.slots.words.listed
    assert "themto" not in listed and "datalayses" not in listed
    assert {"team", "data", "grow", "the"} <= set(listed) and not {"dont", "youre", "pero"} & set(listed)
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "drafts" / "slot_words.txt").write_text("team\n")
    script = runpy.run_path(str(RULES.parent / "scripts" / "write_slot_words.py"))
    # (building the list takes seconds: the write is given the list the check built from the same rules)
    build, built = script["slot_words"], []

    def built_once(checks):
        if not built:
            built.append(build(checks))
        return built[0]

    script["main"].__globals__["slot_words"] = built_once
    assert script["main"](["--rules", str(rules), "--check"]) == 1
    assert script["main"](["--rules", str(rules)]) == 0
    assert load_draft_checks(rules).drafting.slots.words.listed == listed  # the shipped list is what it writes
    assert (rules / "drafts" / "slot_words.txt").read_text() == (RULES / "drafts" / "slot_words.txt").read_text()
