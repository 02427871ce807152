"""The evaluation sets written this way (the locked sets from v2 on, the development sets from b on)
are well-formed.

Format and names only: the file loads, is as big as its authors wrote it (each set carries its own
minimums: what the file had when written, rounded down, so that it cannot shrink unnoticed), says what it is, and every name it
expects (account, product, person, candidate) exists in the demo book plus the accounts the file
declares, every blocker is a blocker (or note) code of rules/reason_codes.yaml, and every intent,
change and ask-back kind is one the layer knows. Scoring the file is not this test's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings
from assistant.demo.loader import DEMO_DIR
from assistant.domain import Account
from assistant.importers.catalog import read_catalog
from assistant.importers.snapshot import read_accounts
from assistant.yaml_io import read_yaml

REASON_CODES = Path(__file__).resolve().parents[2] / "rules" / "reason_codes.yaml"


# Every set covers the core intents; the sets written since session 22 also cover `review` (coaching on
# the AM's own text in conversation), which the earlier sets did not know.
CORE_INTENTS = frozenset({"check_play", "list_plays", "why", "why_not", "who_sponsor", "draft", "qbr", "focus",
                          "framework", "help", "off_topic", "unclear"})
INTENTS = CORE_INTENTS | {"review"}


@dataclass(frozen=True)
class EvaluationSet:
    file: str
    header: str  # the file's first line
    promise: str  # a line among the first 15 must contain it
    # Minimums: the file's own counts rounded down (to tens from 100, to fives below). The
    # defaults are the floor every set meets; a set's line gives its own once it is written.
    single: int = 150  # one-turn cases
    sessions: int = 20  # multi-turn cases
    per_blocker: int = 8  # times each word blocker is expected
    blocker_free: int = 30  # check_play turns that expect no blocker
    intents: frozenset = CORE_INTENTS  # the intents the set must cover (pass INTENTS for a set with review)


LOCKED = "must never be used for tuning"
SETS = [
    EvaluationSet("locked_phrasings_v2.yaml", "# LOCKED EVALUATION SET (v2). NEVER USED FOR TUNING.", LOCKED,
                  single=240, sessions=25, per_blocker=10, blocker_free=130),
    EvaluationSet("locked_phrasings_v3.yaml", "# LOCKED EVALUATION SET (v3). NEVER USED FOR TUNING.", LOCKED,
                  single=280, sessions=25, per_blocker=15, blocker_free=120),
    EvaluationSet("locked_phrasings_v4.yaml", "# LOCKED EVALUATION SET (v4). NEVER USED FOR TUNING.", LOCKED,
                  single=310, sessions=35, per_blocker=15, blocker_free=150),
    EvaluationSet("locked_phrasings_v5.yaml", "# LOCKED EVALUATION SET (v5). NEVER USED FOR TUNING.", LOCKED,
                  single=300, sessions=45, per_blocker=15, blocker_free=170),
    EvaluationSet("locked_phrasings_v6.yaml", "# LOCKED EVALUATION SET (v6). NEVER USED FOR TUNING.", LOCKED,
                  single=320, sessions=40, per_blocker=20, blocker_free=160),
    EvaluationSet("locked_phrasings_v7.yaml", "# LOCKED EVALUATION SET (v7). NEVER USED FOR TUNING.", LOCKED,
                  single=340, sessions=45, per_blocker=20, blocker_free=190, intents=INTENTS),
    EvaluationSet("locked_phrasings_v8.yaml", "# LOCKED EVALUATION SET (v8). NEVER USED FOR TUNING.", LOCKED,
                  single=290, sessions=45, per_blocker=15, blocker_free=150, intents=INTENTS),
    EvaluationSet("locked_phrasings_v9.yaml", "# LOCKED EVALUATION SET (v9). NEVER USED FOR TUNING.", LOCKED,
                  single=320, sessions=50, per_blocker=15, blocker_free=170, intents=INTENTS),
    EvaluationSet("locked_phrasings_v10.yaml", "# LOCKED EVALUATION SET (v10). NEVER USED FOR TUNING.", LOCKED,
                  single=270, sessions=40, per_blocker=15, blocker_free=130, intents=INTENTS),
    EvaluationSet("locked_phrasings_v11.yaml", "# LOCKED EVALUATION SET (v11). NEVER USED FOR TUNING.", LOCKED,
                  single=310, sessions=50, per_blocker=20, blocker_free=150, intents=INTENTS),
    EvaluationSet("locked_phrasings_v12.yaml", "# LOCKED EVALUATION SET (v12). NEVER USED FOR TUNING.", LOCKED,
                  single=300, sessions=50, per_blocker=15, blocker_free=150, intents=INTENTS),
    EvaluationSet("locked_phrasings_v13.yaml", "# LOCKED EVALUATION SET (v13). NEVER USED FOR TUNING.", LOCKED,
                  single=350, sessions=45, per_blocker=20, blocker_free=160, intents=INTENTS),
    EvaluationSet("dev_phrasings_b.yaml", "# DEVELOPMENT SET (b). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=190, sessions=35, per_blocker=10, blocker_free=130),
    EvaluationSet("dev_phrasings_c.yaml", "# DEVELOPMENT SET (c). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=210, sessions=25, per_blocker=15, blocker_free=100),
    EvaluationSet("dev_phrasings_d.yaml", "# DEVELOPMENT SET (d). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=230, sessions=55, per_blocker=10, blocker_free=90),
    EvaluationSet("dev_phrasings_e.yaml", "# DEVELOPMENT SET (e). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=280, sessions=30, per_blocker=15, blocker_free=95, intents=INTENTS),
    EvaluationSet("dev_phrasings_f.yaml", "# DEVELOPMENT SET (f). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=180, sessions=55, per_blocker=10, blocker_free=140, intents=INTENTS),
    EvaluationSet("dev_phrasings_g.yaml", "# DEVELOPMENT SET (g). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=270, sessions=45, per_blocker=5, blocker_free=170, intents=INTENTS),
    EvaluationSet("dev_phrasings_h.yaml", "# DEVELOPMENT SET (h). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=250, sessions=50, per_blocker=10, blocker_free=170, intents=INTENTS),
    EvaluationSet("dev_phrasings_i.yaml", "# DEVELOPMENT SET (i). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=300, sessions=40, per_blocker=10, blocker_free=160, intents=INTENTS),
    EvaluationSet("dev_phrasings_j.yaml",
                  "# DEVELOPMENT SET (j). VALIDATION: scored by aggregates only in round 11; its held_out part is scored once, at the end.",
                  "held_out", single=250, sessions=40, per_blocker=10, blocker_free=130, intents=INTENTS),
    EvaluationSet("dev_phrasings_k.yaml",
                  "# DEVELOPMENT SET (k). VALIDATION: scored by aggregates only in round 12; its held_out part is scored once, at the end.",
                  "held_out", single=320, sessions=45, per_blocker=10, blocker_free=180, intents=INTENTS),
    EvaluationSet("dev_phrasings_l.yaml",
                  "# DEVELOPMENT SET (l). VALIDATION: scored by aggregates only in round 13; its held_out part is scored once, at the end.",
                  "held_out", single=280, sessions=50, per_blocker=10, blocker_free=160, intents=INTENTS),
    EvaluationSet("dev_phrasings_m.yaml",
                  "# DEVELOPMENT SET (m). VALIDATION: scored by aggregates only in round 14; its held_out part is scored once, at the end.",
                  "held_out", single=260, sessions=40, per_blocker=10, blocker_free=160, intents=INTENTS),
    EvaluationSet("dev_phrasings_n.yaml",
                  "# DEVELOPMENT SET (n). VALIDATION: scored by aggregates only in round 15; its held_out part is scored once, at the end.",
                  "held_out", single=380, sessions=50, per_blocker=15, blocker_free=250, intents=INTENTS),
    EvaluationSet("dev_phrasings_o.yaml",
                  "# DEVELOPMENT SET (o). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=350, sessions=40, per_blocker=20, blocker_free=170, intents=INTENTS),
    EvaluationSet("dev_phrasings_p.yaml",
                  "# DEVELOPMENT SET (p). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=380, sessions=60, per_blocker=20, blocker_free=240, intents=INTENTS),
    EvaluationSet("dev_phrasings_q.yaml",
                  "# DEVELOPMENT SET (q). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=510, sessions=70, per_blocker=40, blocker_free=270, intents=INTENTS),
    EvaluationSet("dev_phrasings_r.yaml",
                  "# DEVELOPMENT SET (r). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=440, sessions=70, per_blocker=35, blocker_free=230, intents=INTENTS),
    EvaluationSet("dev_phrasings_s.yaml",
                  "# DEVELOPMENT SET (s). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=430, sessions=60, per_blocker=35, blocker_free=230, intents=INTENTS),
    EvaluationSet("dev_phrasings_t.yaml",
                  "# DEVELOPMENT SET (t). TUNED ON: its held_out part is scored once, at the end.",
                  "held_out", single=420, sessions=60, per_blocker=30, blocker_free=250, intents=INTENTS),
    EvaluationSet("dev_phrasings_u.yaml",
                  "# DEVELOPMENT SET (u). VALIDATION: scored by aggregates only in round 24; its held_out part is scored once, at the end.",
                  "held_out", single=500, sessions=60, per_blocker=35, blocker_free=260, intents=INTENTS),
    EvaluationSet("locked_phrasings_v14.yaml", "# LOCKED EVALUATION SET (v14). NEVER USED FOR TUNING.", LOCKED,
                  single=300, sessions=45, per_blocker=15, blocker_free=150, intents=INTENTS),
    EvaluationSet("locked_phrasings_v15.yaml", "# LOCKED EVALUATION SET (v15). NEVER USED FOR TUNING.", LOCKED,
                  single=330, sessions=55, per_blocker=20, blocker_free=180, intents=INTENTS),
    EvaluationSet("locked_phrasings_v16.yaml", "# LOCKED EVALUATION SET (v16). NEVER USED FOR TUNING.", LOCKED,
                  single=330, sessions=50, per_blocker=20, blocker_free=160, intents=INTENTS),
    EvaluationSet("locked_phrasings_v17.yaml", "# LOCKED EVALUATION SET (v17). NEVER USED FOR TUNING.", LOCKED,
                  single=320, sessions=50, per_blocker=15, blocker_free=210, intents=INTENTS),
    EvaluationSet("locked_phrasings_v18.yaml", "# LOCKED EVALUATION SET (v18). NEVER USED FOR TUNING.", LOCKED,
                  single=350, sessions=50, per_blocker=15, blocker_free=190, intents=INTENTS),
    EvaluationSet("locked_phrasings_v19.yaml", "# LOCKED EVALUATION SET (v19). NEVER USED FOR TUNING.", LOCKED,
                  single=340, sessions=45, per_blocker=15, blocker_free=190, intents=INTENTS),
    EvaluationSet("locked_phrasings_v20.yaml", "# LOCKED EVALUATION SET (v20). NEVER USED FOR TUNING.", LOCKED,
                  single=340, sessions=50, per_blocker=20, blocker_free=200, intents=INTENTS),
    EvaluationSet("locked_phrasings_v21.yaml", "# LOCKED EVALUATION SET (v21). NEVER USED FOR TUNING.", LOCKED,
                  single=320, sessions=50, per_blocker=15, blocker_free=180, intents=INTENTS),
    EvaluationSet("locked_phrasings_v22.yaml", "# LOCKED EVALUATION SET (v22). NEVER USED FOR TUNING.", LOCKED,
                  single=310, sessions=45, per_blocker=15, blocker_free=160, intents=INTENTS),
    EvaluationSet("locked_phrasings_v23.yaml", "# LOCKED EVALUATION SET (v23). NEVER USED FOR TUNING.", LOCKED,
                  single=380, sessions=50, per_blocker=15, blocker_free=180, intents=INTENTS),
    EvaluationSet("locked_phrasings_v24.yaml", "# LOCKED EVALUATION SET (v24). NEVER USED FOR TUNING.", LOCKED,
                  single=310, sessions=45, per_blocker=20, blocker_free=180, intents=INTENTS),
    EvaluationSet("locked_phrasings_v25.yaml", "# LOCKED EVALUATION SET (v25). NEVER USED FOR TUNING.", LOCKED,
                  single=330, sessions=50, per_blocker=15, blocker_free=190, intents=INTENTS),
    EvaluationSet("locked_phrasings_v26.yaml", "# LOCKED EVALUATION SET (v26). NEVER USED FOR TUNING.", LOCKED,
                  single=340, sessions=45, per_blocker=15, blocker_free=200, intents=INTENTS),
    EvaluationSet("locked_phrasings_v27.yaml", "# LOCKED EVALUATION SET (v27). NEVER USED FOR TUNING.", LOCKED,
                  single=370, sessions=55, per_blocker=15, blocker_free=240, intents=INTENTS),
    EvaluationSet("locked_phrasings_v28.yaml", "# LOCKED EVALUATION SET (v28). NEVER USED FOR TUNING.", LOCKED,
                  single=360, sessions=60, per_blocker=15, blocker_free=180, intents=INTENTS),
    EvaluationSet("locked_phrasings_v29.yaml", "# LOCKED EVALUATION SET (v29). NEVER USED FOR TUNING.", LOCKED,
                  single=390, sessions=70, per_blocker=20, blocker_free=240, intents=INTENTS),
    EvaluationSet("locked_phrasings_v30.yaml", "# LOCKED EVALUATION SET (v30). NEVER USED FOR TUNING.", LOCKED,
                  single=380, sessions=65, per_blocker=25, blocker_free=220, intents=INTENTS),
    EvaluationSet("locked_phrasings_v31.yaml", "# LOCKED EVALUATION SET (v31). NEVER USED FOR TUNING.", LOCKED,
                  single=410, sessions=75, per_blocker=30, blocker_free=230, intents=INTENTS),
    EvaluationSet("locked_phrasings_v32.yaml", "# LOCKED EVALUATION SET (v32). NEVER USED FOR TUNING.", LOCKED,
                  single=490, sessions=70, per_blocker=35, blocker_free=300, intents=INTENTS),
    EvaluationSet("locked_phrasings_v33.yaml", "# LOCKED EVALUATION SET (v33). NEVER USED FOR TUNING.", LOCKED,
                  single=480, sessions=65, per_blocker=35, blocker_free=250, intents=INTENTS),
    EvaluationSet("locked_phrasings_v34.yaml", "# LOCKED EVALUATION SET (v34). NEVER USED FOR TUNING.", LOCKED,
                  single=520, sessions=70, per_blocker=45, blocker_free=270, intents=INTENTS),
    EvaluationSet("locked_phrasings_v35.yaml", "# LOCKED EVALUATION SET (v35). NEVER USED FOR TUNING.", LOCKED,
                  single=370, sessions=60, per_blocker=35, blocker_free=240, intents=INTENTS),
]
CHANGES = {"more_seats", "more_capacity", "more_volume", "higher_tier", "longer_term"}
# `intent`: the coach offers the closest intents when it cannot tell what is asked (README, coach ask).
# `blocker`: the coach asks whether a blocker it half-heard holds (the engineers' own files expect it).
ASK_BACKS = {"account", "product", "person", "change", "play", "question", "intent", "blocker"}
# The blockers an AM can reveal in words (issue 14); each must be stated several times.
WORD_BLOCKERS = {"timing.quota_driven", "renewal.coupled", "bundle.separate", "stakeholder.no_view",
                 "health.dissatisfied", "renewal.at_risk"}


@pytest.fixture(scope="module", params=SETS, ids=[s.file for s in SETS])
def evaluation_set(request) -> EvaluationSet:
    return request.param


@pytest.fixture(scope="module")
def spec(evaluation_set):
    return load_phrasings(Path(__file__).with_name(evaluation_set.file))


@pytest.fixture(scope="module")
def book(spec) -> dict[str, Account]:
    return _book(spec)


@pytest.fixture(scope="module")
def products() -> set[str]:
    return {product.name for product in read_catalog(DEMO_DIR / "catalog.yaml").products}


def _turns(spec):
    return [(case.id or f"case {n}", turn) for n, case in enumerate(spec.cases, 1) for turn in case.turns]


def test_header_says_what_the_file_is(evaluation_set):
    lines = Path(__file__).with_name(evaluation_set.file).read_text(encoding="utf-8").splitlines()
    assert lines[0] == evaluation_set.header
    assert any(evaluation_set.promise in line for line in lines[:15])


def test_big_enough(spec, evaluation_set):
    single = [c for c in spec.cases if len(c.turns) == 1]
    sessions = [c for c in spec.cases if len(c.turns) > 1]
    assert len(single) >= evaluation_set.single, len(single)
    assert len(sessions) >= evaluation_set.sessions, len(sessions)
    assert len({c.id for c in sessions}) == len(sessions), "session ids must be unique"


def test_every_intent_and_every_blocker_is_covered(spec, evaluation_set):
    expects = [turn.expect for _, turn in _turns(spec)]
    assert evaluation_set.intents <= {e.intent for e in expects} <= INTENTS
    stated = [code for e in expects for code in e.blockers]
    assert WORD_BLOCKERS <= _blocker_codes()
    assert all(stated.count(code) >= evaluation_set.per_blocker for code in WORD_BLOCKERS), \
        {c: stated.count(c) for c in WORD_BLOCKERS}
    blocker_free = [e for e in expects if not e.blockers and not e.applied and e.intent == "check_play"]
    assert len(blocker_free) >= evaluation_set.blocker_free, len(blocker_free)


def test_every_expected_name_and_code_exists(spec, book, products):
    problems = _unknown_names_and_codes(spec, book, products)
    assert not problems, "\n".join(problems)


# Every other phrasings file of this folder (the engineers' own wording files, the tuning set, the
# scripted sessions) is held to the same names and codes: an expectation no reading can meet (a code the
# rules do not have) would count as a miss forever and hide what the tuners should fix.
OTHER_FILES = sorted(p.name for p in Path(__file__).parent.glob("*.yaml")
                     if p.name not in {s.file for s in SETS})


@pytest.mark.parametrize("file", OTHER_FILES)
def test_every_other_file_names_what_exists(file, products):
    spec = load_phrasings(Path(__file__).with_name(file))
    problems = _unknown_names_and_codes(spec, _book(spec), products)
    assert not problems, "\n".join(problems)


def _book(spec) -> dict[str, Account]:
    demo, _ = read_accounts(DEMO_DIR / "accounts.yaml")
    extra = [Account.model_validate(entry) for entry in spec.accounts]
    return {account.name: account for account in demo + extra}


def _unknown_names_and_codes(spec, book, products) -> list[str]:
    codes = _blocker_codes()
    problems = []
    for case, turn in _turns(spec):
        e = turn.expect
        where = f"{case}: {turn.say!r}"
        if e.intent not in INTENTS:
            problems.append(f"{where}: unknown intent {e.intent!r}")
        if e.account is not None and e.account not in book:
            problems.append(f"{where}: account {e.account!r} not in the book")
        if e.product is not None and e.product not in products:
            problems.append(f"{where}: product {e.product!r} not in the catalog")
        if e.person is not None:
            account = book.get(e.account or "")
            if account is None or account.stakeholder(e.person) is None:
                problems.append(f"{where}: person {e.person!r} is not a stakeholder of {e.account!r}")
        if e.change is not None and e.change not in CHANGES:
            problems.append(f"{where}: unknown change {e.change!r}")
        if e.ask_back is not None and e.ask_back not in ASK_BACKS:
            problems.append(f"{where}: unknown ask-back kind {e.ask_back!r}")
        problems += [f"{where}: candidate {c!r} is neither an account nor a product"
                     for c in e.candidates if c not in book and c not in products]
        problems += [f"{where}: {code!r} is not a blocker code" for code in e.blockers if code not in codes]
        problems += [f"{where}: {code!r} is neither a reason code nor a customer timing reason"
                     for code in e.applied if code not in _applicable_codes()]
    return problems


def _applicable_codes() -> set[str]:
    """What an `applied` expectation may name: any reason code (a signal too: "right after their QBR"
    brings in timing.milestone) or a customer timing reason of rules/parameters.yaml."""
    parameters = read_yaml(REASON_CODES.with_name("parameters.yaml"))
    return set(read_yaml(REASON_CODES)) | set(parameters["customer_timing_reasons"])


def _blocker_codes() -> set[str]:
    return {code for code, spec in read_yaml(REASON_CODES).items()
            if isinstance(spec, dict) and spec.get("kind") in ("blocker", "note")}
