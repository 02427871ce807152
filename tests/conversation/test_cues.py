"""Cue words for blockers (prompts/conversation/meaning.yaml, assistant/conversation/cues.py):
read per clause without the model, turned off by a negation, kept off by a customer's word,
and the past never applied. Phrasings here are this test's own."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.conversation.cues import CueRule, Said, fires, group
from assistant.conversation.intents import parse
from assistant.conversation.phrasebook import load_phrasebook
from assistant.conversation.reading import Reader
from assistant.wording import load_replies


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("cues"))
    # An embedder that fails: cue words are read without the model.
    def no_model(texts):
        raise AssertionError("the model must not be used to read cue words")
    return Reader(settings, load_phrasebook(settings.prompts_dir), load_replies(settings.prompts_dir), no_model)


@pytest.fixture(scope="module")
def coach_world(tmp_path_factory):
    from assistant.coach import Coach
    from assistant.conversation.known_names import KnownNames
    from assistant.demo.loader import open_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("world"))
    coach = Coach(settings, store=open_store(settings))
    return KnownNames(coach, load_phrasebook(settings.prompts_dir))


def codes(reader, clause):
    return {reader.spec.blocker(b).code for b in reader.cued(clause)}


def test_a_rule_needs_a_word_of_every_group_none_of_its_exclusions_and_no_negation_before():
    rule = CueRule(all=(group(["my", "our"]), group(["quarter*", "q4"])), none=group(["their"]))
    negations = frozenset({"not", "no"})
    assert fires(rule, Said.of("it has to land in our Q4's last week"), negations, 5)
    assert fires(rule, Said.of("my quarterly number"), negations, 5)
    assert not fires(rule, Said.of("our product"), negations, 5)
    assert not fires(rule, Said.of("their quarter and our plan"), negations, 5)
    assert not fires(rule, Said.of("this is not about my quarter"), negations, 5)
    negated = CueRule(negated=group(["renew"]))
    assert fires(negated, Said.of("I doubt they'll renew"), negations, 5) is False
    assert fires(negated, Said.of("they probably won't renew"), negations, 5)


@pytest.mark.parametrize("clause, code", [
    ("the VP of sales keeps asking me about my attainment", "timing.quota_driven"),
    ("we are two weeks from our fiscal close and I'm behind", "timing.quota_driven"),
    ("the new renewal rate only applies if they add the module", "renewal.coupled"),
    ("bundle both modules and knock some money off", "bundle.separate"),
    ("their CFO is new and has no idea what we did", "stakeholder.no_view"),
    ("the admins are livid after last week's incident", "health.dissatisfied"),
    ("they are running a tender for our category", "renewal.at_risk"),
    # (an AM who doubts the renewal states the risk: asked about at least)
    ("honestly I doubt they will renew", "renewal.at_risk"),
    ("they told me they won't renew", "renewal.at_risk"),
    # shorthand and misspellings are folded to the words the cues are written in
    ("gotta land it b4 my Q closes", "timing.quota_driven"),
    ("the cust is unhapy with us", "health.dissatisfied"),
    ("their VP doesnt know what we delivered", "stakeholder.no_view"),
    ("they are talking to a compettior", "renewal.at_risk"),
    # a negation before "unless" makes a condition, not a denial
    ("no renewal discount unless they add the module", "renewal.coupled"),
    ("chuck the module in for half price", "bundle.separate"),
    ("their csat is in the gutter", "health.dissatisfied"),
    # pressure from our side in other words, a negative score, a plus between products (this test's own)
    ("my director has been on my case about this one", "timing.quota_driven"),
    ("the whole thing is about the number this quarter", "timing.quota_driven"),
    ("my boss asked me to pull the deal forward", "timing.quota_driven"),
    ("this would put me over 100 for the year", "timing.quota_driven"),
    ("their nps sits at -20 after the migration", "health.dissatisfied"),
    ("module + upgrade at a combo pricing", "bundle.separate"),
    ("they get the module for free if they take the upgrade", "bundle.separate"),
    ("we'd skip their champion and go straight to the top", "stakeholder.no_view"),
    ("they are piloting another vendor's tool", "renewal.at_risk"),
])
def test_cue_words_name_the_blocker_a_clause_may_state(reader, clause, code):
    found = codes(reader, clause)
    assert (code in found) if code else not found, found


@pytest.mark.parametrize("clause", [
    "this has nothing to do with my quota",
    "I won't tie it to the renewal",
    "no bundle and no discount",
    "they hit their quarterly target",
    "they need it before their fiscal year closes",
    "usage grew a lot this quarter",
    "I'd sell the two separately, no package price",
    "a competitor came up in passing",
    "we beat the competition there last year",
    "the customer wants it before their quarter ends",
    "I need their sign off, nothing to do with my number",
    "the number of seats in use keeps growing",
    "my manager wants me to explain the reasoning",
    "the score went from 20 to 35",
])
def test_near_misses_are_not_cues(reader, clause):
    assert not codes(reader, clause)


def test_a_negated_phrase_of_the_data_file_reveals_nothing(reader):
    book = reader.book
    tied = reader.drop_negated(parse("should I pitch DQ to Acme, tied to the renewal", book))
    assert [r.id for r in tied.revealed] == ["renewal_tie"]
    untied = reader.drop_negated(parse("should I pitch DQ to Acme, it is not tied to the renewal", book))
    assert untied.revealed == []
    mine = reader.drop_negated(parse("should I pitch DQ to Acme? not to hit my quota, they asked", book))
    assert mine.revealed == []


def test_a_fact_told_across_neighbouring_clauses_is_read_together(reader):
    from assistant.conversation.meaning import clauses

    parts = clauses("throw MA in with the upgrade, same contract, 10% off", reader.clause_re)
    assert len(parts) == 3 and not any(codes(reader, p) for p in parts)
    assert "bundle.separate" in codes(reader, " ".join(parts))


def test_shorthand_and_the_misspelt_cue_words_are_data(reader):
    assert reader.spec.shorthand["b4"] == "before"
    said = reader.said("the renwal is at rsk b4 xmas")
    assert said.words[:2] == ("the", "renewal") and "before" in said.words


def test_the_customers_own_reason_for_the_timing_is_read_without_the_model(reader):
    assert reader.customer_timing("our quarter ends soon, but they need it live before their launch")
    assert reader.customer_timing("Helen wants it in place before the auditors arrive")
    assert not reader.customer_timing("I want it in place before my quarter closes")
    assert not reader.customer_timing("should I pitch DQ to Acme before quarter end")


def test_an_accounts_possessive_is_the_customers_word(reader, coach_world):
    reader.know_accounts(coach_world)
    try:
        assert not codes(reader, "Kestrel's quarter ends in January and they want seats before then")
        assert codes(reader, "my quarter ends in January and I want the seats before then")
    finally:
        reader.owners = None


def test_a_minus_before_a_number_and_a_plus_between_words_are_words():
    from assistant.conversation.cues import cue_words

    assert cue_words("NPS at -15, DQ + MA, a 3-year term") == \
        ["nps", "at", "minus", "15", "dq", "plus", "ma", "a", "3", "year", "term"]


def test_words_that_say_a_blocker_is_not_so_are_read_from_the_whole_message(reader):
    assert "quota_timing" in reader.calm("I'm already over plan for the year, it's their need")
    assert "quota_timing" in reader.calm("I made my number already, this is about their launch")
    assert "renewal_tie" in reader.calm("let's keep the renewal out of it entirely")
    assert "at_risk" in reader.calm("a rival pitched them in the summer and they turned them down flat")
    assert "quota_timing" in reader.calm("my quarter does end in December, but that's not why I'm asking")
    assert "exec_no_view" in reader.calm("the CFO saw the results at the review")
    assert "exec_no_view" not in reader.calm("the CFO hasn't seen the results")  # negated: the opposite
    ours = reader.drop_negated(parse("pitch DQ to Acme before the quarter-end", reader.book))
    assert [r.rule for r in ours.revealed] == ["timing.quota_driven"]
    theirs = reader.drop_negated(parse("pitch DQ to Acme before their quarter-end reporting run", reader.book))
    assert theirs.revealed == []


def test_a_cue_word_is_matched_in_its_regular_forms():
    negations = frozenset({"not"})
    walk = CueRule(all=(group(["walk at"]),))
    assert fires(walk, Said.of("they may walk at renewal"), negations, 5)
    assert fires(walk, Said.of("Ironwood walks at renewal"), negations, 5)
    close = CueRule(all=(group(["escalate"]),))
    assert fires(close, Said.of("they keep escalating"), negations, 5)
    assert fires(close, Said.of("Grace escalated twice"), negations, 5)
    short = CueRule(all=(group(["new"]),))  # a short word is matched as written: "news" is not "new"
    assert fires(short, Said.of("a new CFO"), negations, 5)
    assert not fires(short, Said.of("the news is good"), negations, 5)


def test_a_cue_may_need_its_groups_and_a_negated_word_together():
    rule = CueRule(all=(group(["result*", "what we did"]),), negated=group(["visibility", "seen"]))
    negations = frozenset({"zero", "no", "never"})
    assert fires(rule, Said.of("Ben has zero visibility into what we did"), negations, 5)
    assert fires(rule, Said.of("she has never seen the results"), negations, 5)
    assert not fires(rule, Said.of("Ben has full visibility into what we did"), negations, 5)
    assert not fires(rule, Said.of("no visibility into the budget yet"), negations, 5)  # no group word


@pytest.mark.parametrize("clause, code", [
    # (this test's own wordings: words the cues did not have before, and their forms)
    ("Ironwood walks at renewal if the price goes up", "renewal.at_risk"),
    ("Ben has zero visibility into what we did for Lucia", "stakeholder.no_view"),
    ("robert is clueless about our results", "stakeholder.no_view"),
    ("I'd go around Oskar on this one", "stakeholder.no_view"),
    ("the team is up in arms about the release", "health.dissatisfied"),
    ("evergreen has been complaning nonstop", "health.dissatisfied"),
    ("Pia gave us a 2 on the NPS survey", "health.dissatisfied"),
    ("support tickets keep piling up", "health.dissatisfied"),
    ("the regional director needs more deals on the board this month", "timing.quota_driven"),
    ("roll the capacity increase into their renewal", "renewal.coupled"),
])
def test_broader_cue_words(reader, clause, code):
    assert code in codes(reader, clause), codes(reader, clause)


@pytest.mark.parametrize("clause", [
    "support tickets are down 40% since the fix",
    "their NPS went up to 60",
    "Elena isn't an executive but she was there for the whole first deal",
    "she presented our results to their board",
])
def test_broader_cue_words_keep_their_near_misses(reader, clause):
    assert not codes(reader, clause)


def test_a_hint_word_names_what_a_clause_may_be_about_unless_it_is_negated(reader):
    assert "renewal_tie" in reader.hinted("the renewal terms are on the table")
    assert "bundle_discount" not in reader.hinted("no discount is on the table")
    assert "bundle_discount" not in reader.hinted("a discount isn't part of this at all")
    assert "at_risk" not in reader.hinted("they're not at risk")
    assert reader.hinted("the weather is nice") == frozenset()


def test_the_misspelling_of_a_stem_is_folded_to_its_form_not_to_a_made_up_word(reader):
    assert reader.said("they keep complaning").words[-1] == "complaining"  # complain*
    assert reader.said("she presented the plan").words[1] == "presented"  # not "president"


def test_no_this_no_that_is_a_condition_but_no_this_and_no_that_a_denial(reader):
    assert "renewal.coupled" in codes(reader, "no DQ no renewal discount for them")
    assert not codes(reader, "no bundle and no discount")


class _CountingPattern:
    """A compiled pattern that counts its searches and the times it is hashed."""

    def __init__(self, regex):
        self.regex, self.searches, self.hashed = regex, 0, 0

    def search(self, text, *args):
        self.searches += 1
        return self.regex.search(text, *args)

    def __hash__(self):
        self.hashed += 1
        return hash(self.regex)


def test_a_group_is_searched_once_per_clause_and_its_compiled_pattern_never_hashed():
    # Hashing a compiled pattern hashes its whole compiled code (0.1-0.3 ms for the cue alternations):
    # the remembered searches are keyed by the group, never by its pattern.
    import re

    from assistant.conversation.cues import Words

    pattern = _CountingPattern(re.compile(r"(?<![\w'])(?:my number|quota)(?![\w'])"))
    words = Words(pattern)
    said = Said.of("I need this for my number this quarter")
    assert [words.first(said), words.first(Said.of("I need this for my number this quarter"))] == [4, 4]
    assert words.first(Said.of("nothing here")) is None
    assert pattern.searches == 2 and pattern.hashed == 0


@pytest.mark.parametrize("clause, code", [
    # a renewal told by how it may end, or its certainty denied (this test's own)
    ("the renewal could still fall through", "renewal.at_risk"),
    ("their renewal might go south in the spring", "renewal.at_risk"),
    ("the renewal is slipping away from us", "renewal.at_risk"),
    ("that renewal is not a sure bet", "renewal.at_risk"),
    ("the renewal isn't locked yet", "renewal.at_risk"),
    ("I'm not sure they'll re-sign", "renewal.at_risk"),
    ("odds are they don't come back next year", "renewal.at_risk"),
    # a sponsor gone cold on us, told by its evidence: asked about
    ("the sponsor has gone dark since the go-live", "health.dissatisfied"),
    ("their champion stopped returning my calls", "health.dissatisfied"),
])
def test_a_renewal_told_by_its_outcome_and_a_sponsor_gone_cold_are_cues(reader, clause, code):
    assert code in codes(reader, clause)


@pytest.mark.parametrize("clause", [
    "the renewal won't happen until March",
    "the renewal is far from now, in September",
    "they won't sign anything at renewal without legal",
    "they'll come back to us with the PO next week",
    "the renewal is a formality",
    "the analyst is very responsive",
    "the sponsor is on leave and went quiet for two weeks",
])
def test_a_renewal_told_by_its_outcome_keeps_its_near_misses(reader, clause):
    assert not codes(reader, clause)


def test_a_slip_of_one_key_or_two_swapped_letters_is_folded_to_the_one_cue_word_it_is_near():
    from assistant.conversation.cues import Spelling, key_neighbours, one_slip

    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    near = key_neighbours(rows)
    assert near["s"] == frozenset("awedxz") and near["p"] == frozenset("ol")
    assert one_slip("unhapoy", "unhappy", near) and one_slip("frsutrated", "frustrated", near)
    assert not one_slip("unhabpy", "unhappy", near)  # "b" is nowhere near "p"
    dictionary = frozenset({"curious", "compliant"})
    spelling = Spelling({}, ["unhappy", "furious", "complaint", "frustrated"], frozenset(), 90, 6, rows,
                        lambda: dictionary)
    assert spelling.fold(("they're", "unhapoy", "and", "fuirous")) == ("they're", "unhappy", "and", "furious")
    # a real word is no misspelling, however near a cue word ("curious", "compliant")
    assert spelling.fold(("curious", "compliant")) == ("curious", "compliant")
    # without a dictionary to tell a word from a slip, nothing is guessed
    assert Spelling({}, ["unhappy"], frozenset(), 90, 6, rows, lambda: None).fold(("unhapoy",)) == ("unhapoy",)


def test_the_keyboard_is_data_and_the_models_vocabulary_tells_words_from_slips(reader):
    assert "health.dissatisfied" in codes(reader, "the whole team is unhapoy with us")
    assert not codes(reader, "the whole team is curious about us")


@pytest.mark.parametrize("clause", [
    # real words near a cue word are not misspellings of it (the model's vocabulary says which are words)
    "Acme hosted our QBR last week and it went well",
    "the contact at Kestrel renewed early",
    "happiness scores are at an all-time high",
    "the determination of the budget is theirs",
])
def test_a_real_word_is_never_folded_to_a_cue_word_it_is_near(reader, clause):
    assert not codes(reader, clause)


def test_a_real_word_is_still_read_as_the_cue_words_regular_form(reader):
    assert "health.dissatisfied" in codes(reader, "they have an open ticket about the sync")


@pytest.mark.parametrize("clause, code", [
    ("why not tie DQ to the renewal", "renewal.coupled"),
    ("why not fold it into their renewal", "renewal.coupled"),
    ("why don't I take it straight to their CFO", "stakeholder.no_view"),
])
def test_a_suggestion_opening_why_not_is_no_negation_of_its_cue_words(reader, clause, code):
    """"Why not tie it to the renewal?" proposes the tie: the "not" of "why not" (meaning.yaml
    `suggests`) does not turn the cue off, as "it is not tied to the renewal" does."""
    assert code in codes(reader, clause)
    assert "renewal.coupled" not in codes(reader, "it is not tied to the renewal")
    assert "renewal.coupled" not in codes(reader, "why pitch it without tying it to the renewal")
