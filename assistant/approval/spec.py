"""The shape of `rules/drafts/*.yaml`: a vocabulary for reading drafts, and the draft checks.

Each check names its reason code, its message, the knowledge sections it cites and the
phrase lists, patterns or tolerances its kind (`check:`) needs. Unknown keys are errors
(extra="forbid"), so a misspelt option fails at load instead of being silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, field_validator

from assistant.strict import StrictModel


class _Strict(StrictModel):
    """Strict like every file format we define (assistant/strict.py)."""


class YearRange(_Strict):
    from_: int = Field(alias="from")
    to: int


class Tolerance(_Strict):
    relative: float = Field(ge=0, le=0.2)
    rounding: float = Field(ge=0, le=0.5)


class Vocabulary(_Strict):
    sentence_break: str
    number_words: dict[str, float]
    magnitudes: dict[str, float]
    currency_prefixes: list[str]
    currency_words: list[str]
    percent_markers: list[str]
    multiplier_markers: list[str]
    durations: dict[str, float]
    count_units: list[str]
    money_units: list[str]
    default_currency: str
    percent_units: list[str]
    years: YearRange
    number_tolerance: Tolerance
    # Words that tie a derived figure (a difference or ratio of two facts) to what it is about:
    # such a figure counts as grounded only in a sentence that names its subject, so a "40%"
    # that happens to equal the outcome's lift is not grounding for a promised effect elsewhere.
    derivation_topics: dict[Literal["outcome", "capacity", "organic", "spend"], list[str]] = Field(
        default_factory=dict)


class _Check(_Strict):
    id: str
    code: str
    message: str
    cites: list[str] = Field(min_length=1)


class GroundedNumbers(_Check):
    check: Literal["grounded_numbers"]


class KnownEntities(_Check):
    check: Literal["known_entities"]
    allow: list[str] = Field(default_factory=list)
    openers: list[str] = Field(default_factory=list)


class OutcomeFirst(_Check):
    """The opening names an outcome on record and states its achieved value as achieved."""

    check: Literal["outcome_first"]
    opening_sentences: int = Field(default=1, ge=1)
    # A figure is stated as the target when the text before it ends with one of `target_before`
    # or the text after it starts with one of `target_after` (regular expressions).
    target_before: list[str] = Field(default_factory=list)
    target_after: list[str] = Field(default_factory=list)


class OutcomeFigure(OutcomeFirst):
    """Stricter than outcome_first: the opening must state the achieved figure itself, so an
    anchor that only names the metric ("Great results on attributed pipeline") is hollow."""

    check: Literal["outcome_figure"]


class OutcomeDirection(_Check):
    """Comparisons with the target must go the way the record went ("below the target" is false
    for an outcome that beat a higher-is-better target)."""

    check: Literal["outcome_direction"]
    target_words: list[str] = Field(min_length=1)
    below: list[str] = Field(min_length=1)
    above: list[str] = Field(min_length=1)


class PartsPresent(_Check):
    check: Literal["parts_present"]
    next_step: list[str] = Field(min_length=1)
    ask: list[str] = Field(min_length=1)
    # What the ask may ask for besides the product, its unit or tier and the amount on record.
    ask_objects: list[str] = Field(default_factory=list)
    # The next step must name the play's product (its name, an alias, "the <kind>", its unit or
    # the next tier) and what it serves (the priority, or for an upsell the outcome's metric).
    require_content: bool = True


class NamesPriority(_Check):
    check: Literal["names_priority"]
    motions: list[Literal["upsell", "cross_sell"]] = Field(min_length=1)


class MatchesVerdict(_Check):
    check: Literal["matches_verdict"]
    allowed_verdicts: list[Literal["pitch", "prepare", "intervene", "hold"]] = Field(min_length=1)


RecordField = Literal["metric", "priority", "product", "feature", "team", "title", "person", "account",
                      "tier", "unit", "serves", "strategy", "need", "asked_about"]


class Phrases(_Check):
    check: Literal["phrases"]
    patterns: list[str] = Field(default_factory=list)
    opening_patterns: list[str] = Field(default_factory=list)
    # A hit that lies wholly inside the account's or catalog's own text of one of these fields
    # (a metric called "discount rate") is that field's own words, not the draft's language.
    # Text of any other field is checked like the draft's own words.
    exempt_fields: list[RecordField] = Field(default_factory=list)


class TypoRule(_Strict):
    """A word rarer than `below_zipf` with a one-edit neighbour at least `margin` more common
    ("teh" and "the") reads as a misspelling, not English."""

    below_zipf: float = Field(ge=0, le=8)
    margin: float = Field(gt=0, le=8)


class ForeignRule(_Strict):
    """A word rarer in English than `below_zipf` that is at least `margin` more common (Zipf) in
    one of `languages` reads as that language's word, not English ("nicht", "pero", "avec");
    English words borrowed from them stay ("rapport", "forte"). `wordlist` is wordfreq's list
    for the other languages: "small" (common words, a few MB) or "best"."""

    languages: list[str] = Field(min_length=1)
    below_zipf: float = Field(ge=0, le=8)
    margin: float = Field(gt=0, le=8)
    wordlist: Literal["small", "best"] = "small"


class SoundAlike(_Strict):
    """A word written where its sound-alike belongs ("in there work" for "their work"), told by
    its neighbour: a next word in `before`, or (`before_content`) any next word that is not a
    function word and not in `unless`, or a previous word in `after`."""

    word: str
    meant: str
    before: list[str] = Field(default_factory=list)
    before_content: bool = False
    unless: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class TackedOn(_Strict):
    """A clause that ends on at most `max_words` words after its last comma, each a word of the
    record or sharing its first `shared_letters` letters with one (", unit" of "capacity units"):
    the play's word put there to be there, not said."""

    max_words: int = Field(default=1, ge=1, le=5)
    shared_letters: int = Field(default=4, ge=2, le=16)


class VerbSlots(_Strict):
    """Words after which a bare verb must come before the next comma or the clause's end ("it
    lets your team grow", "your team can report faster"). A clause is refused when every word in
    between is one that cannot be that verb: one of `not_verbs`, or ending as a bare verb never
    does (`not_verb_endings`, bar words ending in `unless_endings`): "it lets more capacity
    units", "your team can more capacity units now"."""

    after: list[str] = Field(min_length=1)
    not_verbs: list[str] = Field(default_factory=list)
    not_verb_endings: list[str] = Field(default_factory=list)
    unless_endings: list[str] = Field(default_factory=list)


class BareSubjects(_Strict):
    """A singular count noun that opens a clause with no determiner, before a verb: "..., team
    will be able to grow". The noun at the clause's start or after a comma or one of `openers`,
    followed by one of `verbs`."""

    nouns: list[str] = Field(min_length=1)
    openers: list[str] = Field(default_factory=list)
    verbs: list[str] = Field(min_length=1)


class Readable(_Check):
    """Model-written text only (slot clauses, or every part in free mode): English words, no
    stutter, not left hanging. Words of the account's own record always count as words."""

    check: Literal["readable"]
    language: str = "en"
    # wordfreq's Zipf scale: 3 is about once per million words, 2 once per 10 million.
    min_zipf: float = Field(ge=0, le=8)
    typo: TypoRule | None = None
    foreign: ForeignRule | None = None
    # A word whose spelling with an apostrophe is at least this much more common (Zipf) is a
    # contraction missing it ("dont", "youre"), at any frequency.
    missing_apostrophe: float | None = Field(default=None, gt=0, le=8)
    allow: list[str] = Field(default_factory=list)
    # Endings stripped before a word is looked up ("team's" -> "team").
    suffixes: list[str] = Field(default_factory=list)
    # Not counted as repeats, and never half of a repeated phrase.
    function_words: list[str] = Field(default_factory=list)
    max_repeats: int = Field(ge=1)
    repeat_window: int = Field(ge=2)
    phrase_window: int = Field(ge=2)
    # A clause may not end on one of these words, or on a word ending like this ("can't", "team's").
    dangling_endings: list[str] = Field(default_factory=list)
    dangling_suffixes: list[str] = Field(default_factory=list)
    # Prepositions a clause may end on after a content word ("the tables it depends on"), but
    # not after a function word ("so they can do more with").
    stranding: list[str] = Field(default_factory=list)
    sound_alikes: list[SoundAlike] = Field(default_factory=list)
    tacked_on: TackedOn | None = None
    verb_slots: VerbSlots | None = None
    bare_subjects: BareSubjects | None = None


CheckSpec = Annotated[
    Union[GroundedNumbers, KnownEntities, OutcomeFirst, OutcomeFigure, OutcomeDirection, PartsPresent,
          NamesPriority, MatchesVerdict, Phrases, Readable],
    Field(discriminator="check"),
]
CHECK_KINDS = ("grounded_numbers", "known_entities", "outcome_first", "outcome_figure", "outcome_direction",
               "parts_present",
               "names_priority", "matches_verdict", "phrases", "readable")


class Sampling(_Strict):
    temperature: float = Field(ge=0, le=2)
    seed: int


class SlotWords(_Strict):
    """The whole words a model may write in a slot clause: the grammar spells only these."""

    # One word a line (lines starting with "#" are comments), in rules/drafts/; written by
    # scripts/write_slot_words.py from wordfreq's list in `language`, every word at or above
    # `min_zipf` that the gate's readability check takes, at most max_word_chars letters.
    file: str
    language: str = "en"
    min_zipf: float = Field(ge=0, le=8)
    # Filled by the loader, never in the YAML: the file's words, and the words a clause may not
    # end on (the readability check's dangling endings and stranding prepositions, and any word
    # with one of its dangling suffixes), so the grammar cannot leave a clause hanging.
    listed: tuple[str, ...] = ()
    never_last: frozenset[str] = frozenset()


class SlotLimits(_Strict):
    min_words: int = Field(ge=1)
    max_words: int = Field(ge=1, le=40)
    max_chars: int = Field(ge=20, le=300)
    max_word_chars: int = Field(default=16, ge=4, le=30)
    # Per slot, the words the grammar writes before the model's (each starts with the slot's
    # opener, "because" / "so that"); `{team}` is the play's team. None: the opener alone.
    stems: dict[Literal["why", "purpose"], list[str]] = Field(default_factory=dict)
    # A word of the play (product, priority, outcome, unit, team, feature) counts from this many
    # letters; a clause word touches it when one begins with the other ("campaigns", "grow").
    topic_min_chars: int = Field(default=4, ge=2, le=16)
    # ... among the first this many of a clause's own words (None: anywhere in it).
    topic_within: int | None = Field(default=None, ge=1, le=40)
    # ... and only when it is not a common English word (wordfreq's Zipf scale in
    # `topic_language`): "time" of "campaign launch time" says nothing about the play. None: any.
    topic_max_zipf: float | None = Field(default=None, ge=0, le=8)
    topic_language: str = "en"
    # Whole words only (None: any lowercase letters, which let the model glue words together).
    words: SlotWords | None = None

    @field_validator("stems")
    @classmethod
    def _stems_start_with_openers(cls, stems):
        openers = {"why": "because", "purpose": "so that"}
        for name, choices in stems.items():
            for stem in choices:
                if not stem.startswith(openers[name] + " ") and stem != openers[name]:
                    raise ValueError(f"{name} stem {stem!r} must start with {openers[name]!r}")
                if not all(w == "{team}" or w.isalpha() and w.islower() for w in stem.split()):
                    raise ValueError(f"{name} stem {stem!r}: lowercase words and {{team}} only")
        return stems


class Drafting(_Strict):
    max_part_chars: int = Field(ge=40)
    prompt_passages: list[str] = Field(default_factory=list)
    max_passage_chars: int = Field(ge=100)
    response_format: Literal["none", "json_object", "json_object_with_schema"] = "json_object"
    # How the model is constrained in slot mode: a GBNF grammar (llama.cpp's `grammar`), a JSON
    # schema (`response_format` with `schema`), or nothing (the reply is still validated).
    slot_constraint: Literal["grammar", "json_schema", "none"] = "grammar"
    slots: SlotLimits = SlotLimits(min_words=4, max_words=18, max_chars=140)
    # Attempt n (0 = first) samples with sampling[n] (the last entry for later ones), so a
    # re-ask never gets the same reply as the refused one.
    sampling: list[Sampling] = Field(default_factory=lambda: [Sampling(temperature=0.0, seed=1)], min_length=1)


class DraftRuleFile(_Strict):
    vocabulary: Vocabulary | None = None
    drafting: Drafting | None = None
    checks: list[CheckSpec] = Field(default_factory=list)
