"""The data file prompts/conversation/meaning.yaml, validated: example phrasings for intents and
blockers, thresholds, name-matching parameters. No model here (meaning.py loads it when needed).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.conversation.phrasebook import PhrasebookError, load_when_changed
from assistant.yaml_io import DataFileError, load_yaml
from assistant.errors import describe_validation

MEANING_FILE = "meaning.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Strict):
    intent_accept: float = Field(ge=0, le=1)
    intent_margin: float = Field(ge=0, le=1)
    intent_neighbours: int = Field(ge=1)
    # a message of at most `intent_short_words` words ("idk", "can you") is read by meaning only when
    # its nearest example is at least `intent_accept_short` alike: a word or two is near many examples
    intent_short_words: int = Field(0, ge=0)
    intent_accept_short: float = Field(0.0, ge=0, le=1)
    blocker_apply: float = Field(ge=0, le=1)
    blocker_ask: float = Field(ge=0, le=1)
    blocker_margin: float = Field(ge=0, le=1)
    blocker_min_words: int = Field(ge=1)  # a shorter clause without a cue word is not read for blockers
    blocker_cue_apply: float = Field(ge=0, le=1)  # a cued clause this alike to the blocker applies it
    # a clause with one of a blocker's `hints` this alike to it (and `blocker_hint_margin` above the
    # nearest neutral example) is asked about, never applied from that alone
    blocker_hint_ask: float = Field(0.5, ge=0, le=1)
    blocker_hint_margin: float = Field(0.1, ge=-1, le=1)
    negation_window: int = Field(ge=0)  # words before a cue in which a negation turns it off
    # clauses in a row, at least this many, each opening with a negation list what is not so ("no discount,
    # no bundle, no renewal strings"): read together, no two of them are a condition ("no DQ, no discount")
    denied_list_items: int = Field(3, ge=2)
    past_after: int = Field(4, ge=0)  # words after a phrase of intents.yaml read with it for a past marker
    unexplained_words: int = Field(ge=1)
    encode_threads: int | None = Field(None, ge=1)  # torch threads per encode of a message (None: torch's default)
    fragment_words: int = Field(ge=1)  # a message this short that names things is a fragment ("acme dq?")
    typo_score: float = Field(90, ge=0, le=100)  # a word this alike to a cue word is read as it (RapidFuzz)
    typo_length: int = Field(6, ge=1)  # ... when both are at least this long
    # the rows of the keyboard AMs type on: a word one key off a cue word ("unhapoy"), or with two
    # neighbouring letters swapped ("frsutrated"), is read as it when it is no word the model knows
    typo_keyboard: tuple[str, ...] = ()


class Described(_Strict):
    """Words AMs call a product by, for what it does ("data cleaning", "the BI tool")."""

    product: str
    words: tuple[str, ...] = Field(min_length=1)
    # single words that say what it does, read in a description of one's own ("the pipeline
    # monitoring thing", "the tool that catches bad records"): resolve.py Described.by_cues
    cues: tuple[str, ...] = ()


class NameParams(_Strict):
    accept: float = Field(ge=0, le=100)
    margin: float = Field(ge=0, le=100)
    suggest: float = Field(ge=0, le=100)
    like_product: float = Field(ge=0, le=100)  # an unknown typed word this close to a product is asked back as one
    like_product_min_length: int = Field(1, ge=1)  # ... when it is at least this long (else only when capitalised)
    min_length: int = Field(ge=1)
    max_words: int = Field(ge=1)
    company_words: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()  # "Acme Inc": a legal form names no other company
    person_before: frozenset[str] = frozenset()  # a word after these may name a person ("through priya")
    person_passed_after: frozenset[str] = frozenset()  # a person after these is not the one pitched ("skip dana")
    owned_before: tuple[str, ...] = ()  # "already has the platform": a product owned, context not the play
    owned_joined: frozenset[str] = frozenset()  # "already runs the platform and Studio": both owned
    # "pitch MA to Delta's champion", "through the budget owner": a stakeholder by role (domain roles)
    # (role, its words) pairs: a mapping in the file, kept as pairs so the parameters stay hashable
    role_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @field_validator("role_words", mode="before")
    @classmethod
    def _role_pairs(cls, value):
        return tuple((role, tuple(words)) for role, words in value.items()) if isinstance(value, dict) else value
    title_shorthand: tuple[tuple[str, str], ...] = ()  # "ops": operations, a title's word shortened

    @field_validator("title_shorthand", mode="before")
    @classmethod
    def _shorthand_pairs(cls, value):
        return tuple(value.items()) if isinstance(value, dict) else value
    about_account: frozenset[str] = frozenset()  # "this is about Harbor": of several accounts, that one
    set_aside_before: frozenset[str] = frozenset()  # "unlike Corvid": of several accounts, not that one
    calendar_words: frozenset[str] = frozenset()  # "the January budget round": a capital that names no product
    person_lower_after: frozenset[str] = frozenset()  # "chloe wants ...": a first name starting the message
    person_lower_before: frozenset[str] = frozenset()  # "a note to helen": a first name in lower case, addressed
    person_lower_then: frozenset[str] = frozenset()  # "I owe ingrid a follow-up": a first name as the one told or owed
    person_lower_after_endings: tuple[str, ...] = ()  # "helen chaired the review": a deed said in the past
    # titles that name one executive ("their new CCO"), in cue words (cues.py): one on no record is new
    executive_titles: tuple[str, ...] = ()
    # a product by what it does, where a name is typed that names nothing on record (resolve.py Described)
    described: tuple[Described, ...] = ()
    described_max_words: int = Field(5, ge=1)  # a longer slot is a clause, not a product's description
    # "the thing that catches bad records", "the one for charts": a head word and the words that open
    # what it does after it, read for `described` cue words up to `described_clause_words` words
    described_heads: frozenset[str] = frozenset()
    described_relative: frozenset[str] = frozenset()
    described_clause_words: int = Field(6, ge=1)
    described_run_skip: frozenset[str] = frozenset()  # words a run of cue words goes over ("automate their campaigns")
    described_generic: int = Field(2, ge=1)  # a cue word of more products than this says nothing
    described_swap_min: int = Field(6, ge=3)  # "campaing": a description's word this long, two letters swapped
    product_nouns: frozenset[str] = frozenset()  # "their data cleaning piece": a description anywhere
    upsell_words: frozenset[str] = frozenset()  # "upsell Borealis": more of what they own (one: that product)
    # "a cross-sell at Evergreen?", "a new module for Lumen": a product the account does not own (cross_sell.py)
    cross_sell_words: frozenset[str] = frozenset()
    about_words: frozenset[str] = frozenset()  # "email for Ingrid re dashboards": a description ends the message
    tier_moved_to: frozenset[str] = frozenset()  # "bump them to enterprise", "go enterprise?": the tier moved to
    choice_words: frozenset[str] = frozenset()  # "Acme or Delta": two accounts offered as a choice (asked back)
    choice_opened: frozenset[str] = frozenset()  # "between Acme and Delta": a choice opened before the first ...
    choice_joined: frozenset[str] = frozenset()  # ... and the words that join the two then
    # capitalised words this long that start one product's word name it in free text ("about Gov.")
    product_start_min: int = Field(3, ge=1)
    # an account typed as capitals this long whose letters start its words, in order ("IWT")
    initials_min: int = Field(3, ge=2)
    # "he was keen on lineage", "Orchid wants gov": the words after these may describe the product wanted
    wanted_before: frozenset[str] = frozenset()
    # a word this alike (RapidFuzz) to one of `change_words` is read as it ("capcity", "licneses")
    change_words: frozenset[str] = frozenset()
    change_typo: float = Field(88, ge=0, le=100)
    product_initials_min: int = Field(2, ge=2)  # a product's initials in capitals ("IS", "GS", "M.A.")
    shouted_share: float = Field(0.5, gt=0, le=1)  # ... not in a message this much in capitals ("IS IT OK")


class Cue(_Strict):
    """Evidence by word (assistant/conversation/cues.py): a word of each `all` group and none of
    `none`, not negated; or, with `negated`, one of those words with a negation before it (and
    a word of each `all` group, if any)."""

    all: list[list[str]] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    negated: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self):
        if not self.all and not self.negated:
            raise ValueError("a cue needs `all` (word groups), `negated` (words) or both")
        return self


class BlockerMeaning(_Strict):
    id: str
    code: str
    says: str
    sets: dict = Field(default_factory=dict)
    what_if: list[str] = Field(default_factory=list)
    person: str | None = None  # "executive": the play goes to the executive the message names
    bundle: bool = False  # the other product(s) named in the message are bundled with the play
    ask: str = "ask.blocker"  # the reply key of the question asked when unsure
    unsure_only: bool = False  # these words alone never apply it: the coach asks
    calm: list[str] = Field(default_factory=list)  # words anywhere in the message that say it is not so
    # a trouble that can be over: a message about it with words that say a trouble is over (`past_over`:
    # "they're happy again now", "the escalation got resolved") takes it back, as its calm words would
    over_calms: bool = False
    # the facts that replace its what-ifs when the AM says later in a session that it is not so ("she has
    # seen the results": saw_original_outcome=true, where a new executive is taken not to have)
    calm_what_if: list[str] = Field(default_factory=list)
    cues: list[Cue] = Field(default_factory=list)  # word evidence that a clause states it: asked at least
    # cues unambiguous on their own ("they threatened to churn", "my VP wants it booked this quarter"):
    # a clause where one fires applies the blocker whatever its likeness in meaning (not of the past,
    # not denied, not beside the customer's own reason; `applies_with` still needed). They are cues too.
    sure: list[Cue] = Field(default_factory=list)
    # whether a clause that asks (starts with one of `question_words`) may apply it (by a sure cue or
    # by meaning): the AM's own plan asked about is the play ("can I bundle DQ with MA for 10% off?");
    # a fact about the customer asked about is not told ("is Acme unhappy?"): asked back, not applied
    applied_when_asked: bool = True
    # words that only say a clause may be about it ("renewal", "december"): they open the reading
    # by meaning of a message, and a clause with one is asked about when alike enough in meaning
    hints: list[str] = Field(default_factory=list)
    # cues one of which the message needs for it to be applied, else it is only asked about ("pitch
    # the CFO", "skip Dana": the executive is the one pitched, not only mentioned)
    applies_with: list[Cue] = Field(default_factory=list)
    examples: list[str]


class Confirm(_Strict):
    confirms: list[str]  # the blocker is real ("ours", "my quarter")
    denies: list[str]  # it is not ("theirs", "the customer asked")


class Period(_Strict):
    """Words that name a day by the calendar ("month end", "this week", "christmas")."""

    words: list[str] = Field(min_length=1)
    # month_end, week_end, next_week_end, quarter_end (the vendor's), year_end, today, or MM-DD
    date: str = Field(pattern=r"^(?:month_end|week_end|next_week_end|quarter_end|year_end|today|\d\d-\d\d)$")
    needs_before: bool = False  # a deadline only after a `before` word ("before christmas", not "at christmas")


class DeadlineSpec(_Strict):
    """Deadlines in words, read to a date (deadlines.py): quota-driven timing inside the window."""

    before: list[str] = Field(min_length=1)  # words that make the date after them a deadline ("by", "before")
    acts: list[str] = Field(default_factory=list)  # a clause doing something by a period ("close it this week")
    periods: list[Period] = Field(default_factory=list)
    months: dict[str, int] = Field(default_factory=dict)
    month_parts: dict[str, int] = Field(default_factory=dict)  # "mid": 15, "end": 0 (the month's last day)
    weekdays: dict[str, int] = Field(default_factory=dict)  # monday: 0
    # words before a weekday that move it by whole weeks ("this friday": 0, "next tuesday": 1)
    weekday_weeks: dict[str, int] = Field(default_factory=dict)
    # `before` words that make a deadline only in a clause that closes or proposes something
    # (`acts`): "sign it on Friday" is one, "we have a call on Friday" is not
    weak_before: list[str] = Field(default_factory=list)
    # `before` words that end the deadline the day before the date they name: "before January" is by
    # December 31st, "ahead of the new quarter" by the quarter's last day (not a date after it)
    before_exclusive: list[str] = Field(default_factory=list)
    # dates typed in numbers ("12/31", "12/20/2026", "2026-12-31"): month first when both could be
    # the month ("12/11"); a first number above 12 is a day ("31/12")
    numeric_month_first: bool = True
    numbers: dict[str, int] = Field(default_factory=dict)  # "two": 2 ("in two weeks")
    units: dict[str, int] = Field(default_factory=dict)  # days per unit ("weeks": 7)
    theirs: list[str] = Field(default_factory=list)  # a clause telling the deadline as the customer's
    # ... but not by a possessive of theirs that owns the play ("get their MA order signed by the 31st",
    # "Delta's DQ deal by Friday", an account's possessive too): the deal is ours to close. At most
    # `play_owned_within` words before the play's product or change name
    possessive: list[str] = Field(default_factory=list)
    play_owned_within: int = Field(3, ge=1)
    # ... unless the vendor's side is the subject before them ("I want their signature by Friday")
    ours: list[str] = Field(default_factory=list)
    # a person at the account named at most `asked_within` words before one of these asks for the
    # date ("Lucia wants the seats by Tuesday"): the customer's deadline too
    asked_by: list[str] = Field(default_factory=list)
    asked_within: int = 2
    urgent: list[str] = Field(default_factory=list)  # urgency with no date ("asap"): asked about in the window
    # ... and outside it only beside our need to have it done ("need the deal signed asap"; not "pitch it asap?")
    urgent_needs: list[str] = Field(default_factory=list)
    # a deadline read inside the window is applied as `code` (setting `sets`, said as `says`, quoting
    # the AM's words); urgency with no date is asked about as the blocker `ask_as` of `blockers:`
    code: str
    sets: dict = Field(default_factory=dict)
    says: str
    ask_as: str
    # the customer's own reason for the timing (`customer_timing:`) said inside the window: recorded so
    customer_sets: dict = Field(default_factory=dict)
    customer_says: str = ""


class FigureSpec(_Strict):
    """A measure whose figure states a blocker (figures.py): "CSAT 2.1", "NPS -20", "40% to plan"."""

    blocker: str  # the blocker id (of `blockers:`) a figure on the stating side states
    words: list[str] = Field(min_length=1)  # the measure, in cue words ("nps", "of quota")
    parameter: str | None = None  # the policy's limit (rules/parameters.yaml), or ...
    limit: float | None = None  # ... the data file's own
    states: Literal["below", "at_or_above"] = "below"  # which side of the limit states the blocker
    unit: Literal["any", "percent", "plain"] = "any"  # the kind of figure the measure is given in
    after: int = Field(4, ge=0)  # words after the measure its figure may be in
    before: int = Field(0, ge=0)  # ... or before it ("40% to plan")
    # words by which the figure is not ours ("their customers' NPS is -10"): when given, these alone set
    # it aside; when not, the blocker's cue `none` words do (whose direction words, "tickets fell", would
    # set aside "CSAT fell to 2")
    none: list[str] | None = None

    @model_validator(mode="after")
    def _one_limit(self):
        if (self.parameter is None) == (self.limit is None):
            raise ValueError("a figure needs exactly one of `parameter` (rules/parameters.yaml) or `limit`")
        return self


class NumberWordsSpec(_Strict):
    """Numbers said in words (number_words.py): "sixty two" -> 62, "thirty-first" -> 31st."""

    cardinal: dict[str, int] = Field(min_length=1)  # "two": 2, "sixty": 60
    ordinal: dict[str, int] = Field(default_factory=dict)  # "first": 1, "thirtieth": 30
    hundred: list[str] = Field(default_factory=list)  # "two hundred"
    point: list[str] = Field(default_factory=list)  # "two point one"
    joiners: list[str] = Field(default_factory=list)  # "a hundred and ten"
    one: list[str] = Field(default_factory=list)  # "a hundred"


class CustomerSpeech(_Strict):
    """A customer's words pasted or quoted into the AM's message (voice.py): their persons swapped."""

    markers: list[str] = Field(min_length=1)  # words that introduce the customer's words ("wrote", "email from")
    within: int = Field(6, ge=1)  # ... among this many words before a quotation
    ours: list[str] = Field(default_factory=list)  # ... unless one of these says it ("I wrote": ours)
    ours_within: int = Field(2, ge=0)  # ... this many words before the marker
    min_words: int = Field(3, ge=1)  # a shorter quotation is words quoted, not a message
    swap: dict[str, str] = Field(min_length=1)  # their word -> ours ("we": "they", "you": "us")
    # a speaker's label before a colon that names the customer's side introduces their words too: one of
    # these words, or a person on record, in at most `label_words` words ("from the customer: ...",
    # "Sam on the call: ...")
    speakers: list[str] = Field(default_factory=list)
    label_words: int = Field(5, ge=1)


class OccasionLabels(_Strict):
    """A label before a colon opening a message that names the occasion ("forecast call: ..."): occasion.py."""
    words: int = Field(ge=1)  # at most this many words before the colon
    heads: list[str] = Field(min_length=1)  # ... the last of them one of these (the occasion's kind)


class ConditionOpensSpec(_Strict):
    """Words opening a condition shortly before a negation ("if I don't land it this quarter I miss quota"):
    the negation is the condition's, the cue words after it still state their blocker (cues.py)."""
    words: list[str] = Field(min_length=1)
    reach: int = Field(ge=1)  # at most this many words before the negation
    negations: list[str] = Field(min_length=1)  # ... one of these, a deed's ("don't"), not a state's ("weren't")
    blockers: list[str] = Field(min_length=1)  # the blockers (ids) a feared condition states: our quota's


class MeaningSpec(_Strict):
    version: int
    thresholds: Thresholds
    names: NameParams
    clause_words: list[str] = Field(min_length=1)  # words that start a new clause
    question_words: list[str] = Field(default_factory=list)  # a clause starting so asks; it tells no fact
    negations: list[str] = Field(default_factory=list)
    # a clause opening with one of these asks why not do what follows, a suggestion ("why not tie it to the
    # renewal?"): its negation is not read as one (the clause is read as it would be after "why")
    suggests: list[str] = Field(default_factory=list)
    # a question answered right after it by one of these ("escalations? none", "tied to renewal? nope")
    # says its words are not so: they state no blocker
    answered_no: list[str] = Field(default_factory=list)
    past: list[str] = Field(default_factory=list)  # a clause telling of the past is never applied
    past_year_before: list[str] = Field(default_factory=list)  # ... nor one dated in a year gone by ("in 2024")
    hypothetical: list[str] = Field(default_factory=list)  # ... nor one that supposes ("if I were behind")
    past_over: list[str] = Field(default_factory=list)  # ... nor asked about when the message says it is over
    conditional: list[str] = Field(default_factory=list)  # a negation before these words is a condition
    # the blockers a condition can state (ids; None: every one): "no escalations, no complaints" is no
    # condition, "no DQ, no renewal discount" is
    conditional_for: list[str] | None = None
    condition_opens: ConditionOpensSpec | None = None  # "if I don't ...": a negation that denies nothing
    comparisons: list[str] = Field(default_factory=list)  # an excluding or calm word just after these compares
    shorthand: dict[str, str] = Field(default_factory=dict)  # typed word -> the words cues are written in
    # the customer's own reason for the timing, said in the message: our quarter is then only asked about
    customer_timing: list[Cue] = Field(default_factory=list)
    deadlines: DeadlineSpec | None = None  # deadlines in words: quota-driven timing inside the window
    figures: list[FigureSpec] = Field(default_factory=list)  # blockers stated in figures ("CSAT 2.1")
    number_words: NumberWordsSpec | None = None  # numbers said in words, read by figures and deadlines
    customer_speech: CustomerSpeech | None = None  # a customer's words quoted in the message
    occasion_labels: OccasionLabels | None = None  # "pipeline review: ...": no fact and no question
    intents: dict[str, list[str]]
    # more wordings per intent for reading by meaning only (their words are no question words)
    intent_variants: dict[str, list[str]] = Field(default_factory=dict)
    # per intent, words of which a message read as it by meaning has at least one (meaning.py)
    intent_needs: dict[str, list[str]] = Field(default_factory=dict)
    blockers: list[BlockerMeaning]
    neutral: list[str]
    confirm: Confirm
    digest: str = ""  # sha256 of the file: the key of the cached example vectors

    @model_validator(mode="after")
    def _variants_of_known_intents(self):
        unknown = sorted((set(self.intent_variants) | set(self.intent_needs)) - set(self.intents))
        if unknown:
            raise ValueError(f"intent_variants or intent_needs name intents without examples in `intents`: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _deadline_blockers_known(self):
        if self.deadlines is not None:
            unknown = sorted({self.deadlines.ask_as} - {b.id for b in self.blockers})
            if unknown:
                raise ValueError(f"deadlines names blockers not in `blockers`: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _figure_blockers_known(self):
        unknown = sorted({f.blocker for f in self.figures} - {b.id for b in self.blockers})
        if unknown:
            raise ValueError(f"figures name blockers not in `blockers`: {', '.join(unknown)}")
        return self

    def blocker(self, blocker_id: str) -> BlockerMeaning | None:
        return next((b for b in self.blockers if b.id == blocker_id), None)

    def cue_phrases(self) -> list[str]:
        """Every phrase the word evidence is written in: the blockers' cues (sure ones too), calm and
        hint words, the customer's timing, conditions, comparisons, the past and suppositions (the
        clause cutter keeps them whole: meaning.py ClauseCutter)."""
        cues = [cue for b in self.blockers for cue in (*b.cues, *b.sure, *b.applies_with)] + list(self.customer_timing)
        return [*(p for cue in cues for group in (*cue.all, cue.none, cue.negated) for p in group),
                *(p for b in self.blockers for p in (*b.calm, *b.hints)),
                *self.conditional, *self.comparisons, *self.past, *self.hypothetical, *self.past_over]


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> MeaningSpec:
    try:
        text = path.read_text(encoding="utf-8")
        raw = load_yaml(text, str(path))
    except OSError as exc:
        raise PhrasebookError(f"{path}: cannot read the meaning file ({exc.strerror})") from None
    except DataFileError as exc:
        raise PhrasebookError(f"{path}: cannot read the meaning file: {exc.problem}") from None
    if not isinstance(raw, dict):
        raise PhrasebookError(f"{path}: expected a mapping at the top")
    try:
        return MeaningSpec.model_validate({**raw, "digest": hashlib.sha256(text.encode()).hexdigest()})
    except ValidationError as exc:
        raise PhrasebookError(f"{path}: {describe_validation(exc)}") from None


def load_meaning_spec(prompts_dir: Path) -> MeaningSpec:
    return load_when_changed(Path(prompts_dir) / "conversation" / MEANING_FILE, _load, "the meaning file is missing")


def default_name_params() -> NameParams:
    from assistant.config import PROJECT_ROOT

    return load_meaning_spec(PROJECT_ROOT / "prompts").names
