"""Slot mode's constraint: stems from rules/drafts with the play's team, a grammar with no
digits and no junk words, a length cap above the grammar's longest reply, and the model's
words counted after the stem."""

from __future__ import annotations

import json
import random
import re

import pytest

from assistant.approval.spec import SlotLimits
from assistant.drafting import build_context
from assistant.drafting.errors import DraftFailure
from assistant.drafting.slots import (parse_slots, slot_grammar, slot_schema, slot_stems, slot_token_bound, slot_topics,
                                      team_words, topic_word_rule, touches)

from .conftest import PROMPTS
from .gbnf import parsed as Gbnf


@pytest.fixture
def context(world, checks):
    w = world("01")
    return build_context(w.verdict, w.account, w.catalog, checks.vocabulary)


def test_stems_carry_the_team_on_record(context, checks):
    stems = slot_stems(checks.drafting.slots, context)
    assert stems["purpose"] == ["so that your marketing operations team can"]
    assert all(s.startswith("because it ") for s in stems["why"])


@pytest.mark.parametrize("team, words", [("Marketing Operations", "marketing operations"),
                                         ("Data team", "data"), (None, ""),
                                         ('ops" ::= [0-9]', ""), ("R&D", "")])
def test_only_plain_words_of_a_team_reach_the_grammar(context, checks, team, words):
    odd = context.model_copy(update={"team": team})
    assert team_words(odd) == words
    grammar = slot_grammar(PROMPTS, checks.drafting.slots, slot_stems(checks.drafting.slots, odd))
    assert "[0-9]" not in grammar and "::= [0-9]" not in grammar
    assert f'"so that your {words + " " if words else ""}team can "' in grammar


def test_the_length_cap_is_above_the_longest_reply_the_grammar_allows(context, checks):
    limits = checks.drafting.slots
    stems = slot_stems(limits, context)
    longest = "\n".join(f"{max(choices, key=len)} " + ", ".join(["w" * limits.max_word_chars + "n't"] * limits.max_words)
                        + "." for choices in stems.values()) + "\n"
    assert slot_token_bound(limits, stems) >= len(longest)  # a token is at least one character


def test_words_are_counted_after_the_stem(context, checks):
    limits = SlotLimits(min_words=2, max_words=4, max_chars=100,
                        stems={"why": ["because it lets"], "purpose": ["so that your {team} team can"]})
    stems = slot_stems(limits, context)
    raw = ("because it lets new campaigns start\n"
           "so that your marketing operations team can launch campaigns sooner\n")
    slots = parse_slots(raw, limits, set(), stems=stems)
    assert slots["purpose"] == "so that your marketing operations team can launch campaigns sooner"
    too_long = raw.replace("start", "start without waiting at all")
    with pytest.raises(DraftFailure, match="2-4 words .* after 'because it lets'"):
        parse_slots(too_long, limits, set(), stems=stems)


@pytest.mark.parametrize("bad", [{"why": ["since it lets"]}, {"purpose": ["so that Your team can"]},
                                 {"why": ["because it 2x"]}])
def test_stems_must_start_with_the_opener_and_be_plain_words(bad):
    with pytest.raises(ValueError):
        SlotLimits(min_words=2, max_words=4, max_chars=100, stems=bad)


def test_the_models_own_words_must_touch_the_play(context, checks):
    # The purpose stem names the play's team, so the whole clause always touches the play: only
    # the words the model wrote after the stems show whether it kept to it.
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    assert "team" not in topics and "lets" not in topics  # the stems' own words say nothing
    off = "because it lets the team do more with less\nso that your marketing operations team can be a lot of things\n"
    with pytest.raises(DraftFailure, match="do not touch the play"):
        parse_slots(off, limits, topics, stems=stems)
    on = "because it lets new campaigns start sooner\nso that your marketing operations team can grow the pipeline\n"
    assert parse_slots(on, limits, topics, stems=stems)["why"] == "because it lets new campaigns start sooner"


OFF_PLAY = ("because it lets the team do more with less\n"
            "so that your marketing operations team can be a lot of things, but one thing is the way to make them\n")


def test_the_grammar_cannot_produce_clauses_off_the_play(context, checks):
    # The gate refuses clauses whose own words miss the play; the grammar the model samples
    # under must not be able to write them, or the model spends its re-asks on them.
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    parse = Gbnf(slot_grammar(PROMPTS, limits, stems, topics))
    assert Gbnf(slot_grammar(PROMPTS, limits, stems)).fullmatch(OFF_PLAY)  # without topics it could
    assert not parse.fullmatch(OFF_PLAY)
    assert parse.fullmatch("because it lets new campaigns start sooner\n"
                           "so that your marketing operations team can grow the pipeline.\n")
    assert parse.fullmatch("because it keeps the platform steady\nso that your marketing operations team can plan ahead\n")


def test_every_reply_the_grammar_allows_touches_the_play(context, checks):
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    grammar = Gbnf(slot_grammar(PROMPTS, limits, stems, topics))
    rng = random.Random(16)
    for _ in range(300):
        reply = grammar.sample(rng)
        try:
            parse_slots(reply, limits, topics, stems=stems)
        except DraftFailure as failure:  # the character limit is the check's, not the grammar's
            assert "do not touch the play" not in str(failure), reply


def test_llama_cpp_parses_the_grammar_with_topics(context, checks):
    llama_cpp = pytest.importorskip("llama_cpp")
    limits = checks.drafting.slots
    grammar = slot_grammar(PROMPTS, limits, slot_stems(limits, context), slot_topics(context, limits))
    assert llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) is not None


def test_a_topic_word_reaches_the_grammar_as_every_word_that_touches_it(checks):
    limits = checks.drafting.slots
    rule = Gbnf(f"root ::= {topic_word_rule('growth', limits)}")
    assert all(rule.fullmatch(w) for w in ("grow", "growth", "growths"))
    assert not any(rule.fullmatch(w) for w in ("gro", "growl", "grows"))
    assert all(touches([w], {"growth"}, limits.topic_min_chars) for w in ("grow", "growth", "growths"))


def test_a_common_word_in_a_name_of_the_play_is_not_a_word_of_the_play(world, checks):
    # "campaign launch time": "time" is everyone's word, so "make the most of their vacation
    # time" would pass as on the play; the rarer words of the name still count.
    w = world("05")
    context = build_context(w.verdict, w.account, w.catalog, checks.vocabulary)
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    assert {"campaign", "launch"} <= topics and "time" not in topics
    off = ("because it lets the team relax\n"
           "so that your marketing operations team can make the most of their vacation time\n")
    with pytest.raises(DraftFailure, match="do not touch the play"):
        parse_slots(off, limits, topics, stems=stems)
    assert not Gbnf(slot_grammar(PROMPTS, limits, stems, topics)).fullmatch(off)
    on = off.replace("vacation time", "campaign launches")
    assert parse_slots(on, limits, topics, stems=stems)["purpose"].endswith("campaign launches")


def test_the_json_schema_asks_for_a_word_of_the_play_as_the_grammar_does(context, checks):
    # Servers that take a schema instead of a grammar get the same requirement: one clause holds
    # a word of the play among the model's own words, the clause's length kept.
    jsonschema = pytest.importorskip("jsonschema")
    limits = checks.drafting.slots
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    schema = slot_schema(limits, stems, topics)
    as_json = lambda reply: dict(zip(("why", "purpose"), reply.strip().split("\n")))  # noqa: E731
    valid = lambda reply: jsonschema.Draft202012Validator(schema).is_valid(as_json(reply))  # noqa: E731
    assert jsonschema.Draft202012Validator(slot_schema(limits, stems)).is_valid(as_json(OFF_PLAY))  # without topics
    assert not valid(OFF_PLAY)
    assert valid("because it lets new pipeline work start sooner\nso that your marketing operations team can plan ahead\n")
    assert valid("because it keeps the team steady\nso that your marketing operations team can grow the pipeline\n")
    assert valid("because it keeps work steady\nso that your marketing operations team can plan well, with growth\n")
    too_long = "because it lets " + " ".join(["work"] * limits.max_words) + " campaigns\nso that your marketing operations team can plan\n"
    assert not valid(too_long)
    rng = random.Random(3)
    grammar = Gbnf(slot_grammar(PROMPTS, limits, stems, topics))
    for _ in range(100):  # what the grammar allows, the schema allows (bar the ending the grammar adds)
        reply = grammar.sample(rng)
        assert valid("\n".join(line.rstrip(".") for line in reply.splitlines())), reply


def test_llama_cpp_turns_the_schema_with_topics_into_a_grammar(context, checks):
    llama_grammar = pytest.importorskip("llama_cpp.llama_grammar")
    limits = checks.drafting.slots
    schema = slot_schema(limits, slot_stems(limits, context), slot_topics(context, limits))
    gbnf = llama_grammar.json_schema_to_gbnf(json.dumps(schema))
    assert llama_grammar.LlamaGrammar.from_string(gbnf, verbose=False) is not None


def test_the_grammar_keeps_one_parse_per_word_not_one_per_place_of_the_topic_word(context, checks):
    # llama.cpp checks every token of the vocabulary against every live parse at every step. A
    # rule per place ("(word sep){3,3} topic ...") keeps all of them alive from the first word;
    # a chain (a topic here, or a word and the rest of the chain) keeps one, plus the parse of
    # each word that could be a topic word.
    limits = checks.drafting.slots
    grammar = slot_grammar(PROMPTS, limits, slot_stems(limits, context), slot_topics(context, limits))
    assert "(word sep){" not in grammar
    chain = [line for line in grammar.splitlines() if re.match(r"on-\d+ ::=", line)]
    assert len(chain) == limits.max_words and all(line.count("|") <= 1 for line in chain)


TACKED_ON = ("because it lets the team plan the next quarter with ease\n"
             "so that your marketing operations team can meet your goals in the best way possible, pipeline\n")


def test_a_word_of_the_play_comes_early_in_a_clause_not_tacked_on_at_its_end(context, checks):
    # With the play's word allowed anywhere, a model that has not written one by the end is
    # made to tack one on (", pipeline"); among the first `topic_within` words, it builds the
    # clause around it.
    limits = checks.drafting.slots.model_copy(update={"topic_within": 3, "topic_max_zipf": None})
    anywhere = limits.model_copy(update={"topic_within": None})
    stems, topics = slot_stems(limits, context), slot_topics(context, limits)
    assert Gbnf(slot_grammar(PROMPTS, anywhere, stems, topics)).fullmatch(TACKED_ON)
    early = Gbnf(slot_grammar(PROMPTS, limits, stems, topics))
    assert not early.fullmatch(TACKED_ON)
    assert early.fullmatch("because it lets new pipeline work start sooner\nso that your marketing operations team can plan ahead\n")
    assert parse_slots(TACKED_ON, anywhere, topics, stems=stems)
    with pytest.raises(DraftFailure, match="do not touch the play in the first 3 words"):
        parse_slots(TACKED_ON, limits, topics, stems=stems)
    rng = random.Random(5)
    for _ in range(200):  # whatever the grammar allows, the check takes (bar the character limit)
        reply = early.sample(rng)
        try:
            parse_slots(reply, limits, topics, stems=stems)
        except DraftFailure as failure:
            assert "do not touch the play" not in str(failure), reply


def test_one_chain_through_the_first_clause_allows_the_same_replies_as_two_alternatives(context, checks):
    # "The first clause holds a word of the play, or the second does" as two alternatives of the
    # root keeps two parses of the first clause alive at every step, and llama.cpp checks the
    # whole vocabulary against each; one chain (a word of the play here, or a word and on, and
    # at its end the second clause with or without one) keeps one, and allows the same replies.
    for within in (None, 4):
        limits = checks.drafting.slots.model_copy(update={"topic_within": within})
        stems, topics = slot_stems(limits, context), slot_topics(context, limits)
        grammar = slot_grammar(PROMPTS, limits, stems, topics)
        assert not re.search(r"^root ::= .*\|", grammar, re.M)  # no alternatives at the root
        # The word before a forced word of the play is whole in the second line's chain only (the
        # first line is never forced); that refinement aside, the two shapes allow the same.
        grammar = re.sub(r"^whole ::= .*$", "whole ::= word", grammar, flags=re.M)
        two = re.sub(r"^root ::= .*$", "root ::= why-stem on-0 end purpose-stem w-0 end | "
                                       "why-stem w-0 end purpose-stem on-0 end", grammar, flags=re.M)
        chain, alternatives = Gbnf(grammar), Gbnf(two)
        rng = random.Random(11)
        for _ in range(300):
            one, other = chain.sample(rng), alternatives.sample(rng)
            assert alternatives.fullmatch(one), one
            assert chain.fullmatch(other), other


def test_the_prompt_asks_for_the_number_of_words_the_grammar_allows(context, checks):
    # The model is told the limits the grammar holds it to (rules/drafts `slots:`), not other ones.
    from assistant.config import Settings
    from assistant.drafting.llm import SlotDrafter

    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", prompts_dir=PROMPTS, load_demo=False)
    for low, high in ((checks.drafting.slots.min_words, checks.drafting.slots.max_words), (3, 7)):
        limits = checks.drafting.slots.model_copy(update={"min_words": low, "max_words": high})
        drafter = SlotDrafter(settings, drafting=checks.drafting.model_copy(update={"slots": limits}))
        system = drafter.messages(context)[0]["content"]
        assert f"each with {low} to {high} plain English words" in system
        grammar = Gbnf(drafter.constraint(context)[1]["grammar"])
        play_word = min(set(slot_topics(context, limits)) & set(limits.words.listed))
        clause = lambda n: " ".join([play_word] * n)  # noqa: E731
        reply = lambda n: f"because it lets {clause(n)}\nso that your marketing operations team can {clause(n)}\n"  # noqa: E731
        assert grammar.fullmatch(reply(low)) and grammar.fullmatch(reply(high))
        assert not grammar.fullmatch(reply(high + 1)) and (low == 1 or not grammar.fullmatch(reply(low - 1)))
