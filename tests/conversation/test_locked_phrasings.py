"""The locked evaluation sets (never used for tuning): the targets of issue 14 as tests.

Thirty-one sets, each scored on its own: v1 (written before the layer was built), v2 (written before
the second round of tuning), v3 (written before the third), v4 (written during the third round by
someone who saw neither the layer nor its tuning data, and kept off main until that round had ended,
so nobody who tuned could run it), v5 and v6 (written the same way during the fourth round; v6's day
is inside the vendor's quota window), v7 and v8 (the same way during the fifth round; v8's day is inside
the window, v7's is not), v9 and v10 (the same way during the sixth round; v10's day is inside the
window, v9's is not), v11 and v12 (the same way during the seventh round; v12's day is inside the
window, v11's is not), v13 and v14 (the same way during the eighth round; v14's day is inside the
window, v13's is not), v15 and v16 (the same way during the ninth round; v16's day is inside the
window, v15's is not), v17 and v18 (the same way during the tenth round; v18's day is inside the
window, v17's is not), v19 and v20 (the same way during the eleventh round; v20's day is inside the
window, v19's is not), v21 and v22 (the same way during the twelfth round; v22's day is inside the
window, v21's is not), v23 and v24 (the same way during the thirteenth round; v24's day is inside the
window, v23's is not), v25 and v26 (the same way during the fourteenth round; v25's day is inside the
window, v26's is not), v27 (the same way during the fifteenth round, alone: its day is inside the window),
v28 (the same way at the start of the sixteenth round, alone: its day is outside the window),
v29 (the same way at the start of the seventeenth round, alone: its day is inside the window),
v30 (the same way at the start of the eighteenth round, alone: its day is outside the window),
v31 (the same way at the start of the twentieth round, alone: its day is inside the window; the nineteenth round's own
set was lost with its machine before it landed, unseen by anyone who tuned),
v32 (the same way at the start of the twenty-first round, alone: its day is outside the window),
v33 (the same way at the start of the twenty-second round, alone: its day is inside the window),
v34 (the same way at the start of the twenty-third round, alone: its day is outside the window),
v35 (the same way at the start of the twenty-fourth round, alone: its day is inside the window),
each by someone who had not read the tuning data.

- intent and entities read right on at least 95% of turns;
- every blocker the AM states in words is applied to the play or asked about (100% recall);
- at most 5% of blocker-free messages get a blocker applied from their words;
- every multi-turn session passes.
The model-backed reading is used when the shipped MiniLM model is installed (tests marked slow).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings, run_phrasings
from tests.conversation.conftest import NoKnowledge

HERE = Path(__file__).parent
READING_TARGET = 0.95
FALSE_POSITIVE_LIMIT = 0.05


@dataclass(frozen=True)
class LockedSet:
    file: str
    header: str
    reading_floor: float  # the last measured scores (RESULTS-conversation.md): floors, not targets
    blockers_seen_floor: int


LOCKED_SETS = {
    # Floors: every set's scores on the twenty-fourth round's final code, rounded down. Two blocker floors are lower
    # than the round before's: v27's (159 -> 158), lost to the intent model's retraining on dev t's tune part alone,
    # measured at the round's start, and v19's (143 -> 142), lost to the round's blocker tuning (v19 still had 143 at
    # the last landing before it) (benchmarks/RESULTS-conversation.md).
    # How each set was written and its scores round by round: the module docstring and
    # benchmarks/RESULTS-conversation.md.
    "v1": LockedSet("locked_phrasings.yaml", "NEVER USED FOR TUNING", 0.98, 69),  # 237/241, 69/69, 3/173, 21/22
    "v2": LockedSet("locked_phrasings_v2.yaml", "NEVER USED FOR TUNING", 0.97, 90),  # 310/318, 90/92, 2/234, 25/26
    "v3": LockedSet("locked_phrasings_v3.yaml", "NEVER USED FOR TUNING", 0.97, 116),  # 371/380, 116/117, 0/272, 26/29
    "v4": LockedSet("locked_phrasings_v4.yaml", "NEVER USED FOR TUNING", 0.97, 126),  # 435/447, 126/126, 9/331, 32/37
    "v5": LockedSet("locked_phrasings_v5.yaml", "NEVER USED FOR TUNING", 0.97, 112),  # 457/471, 112/112, 3/366, 40/46
    "v6": LockedSet("locked_phrasings_v6.yaml", "NEVER USED FOR TUNING", 0.95, 146),  # 447/470, 146/150, 5/329, 34/41
    "v7": LockedSet("locked_phrasings_v7.yaml", "NEVER USED FOR TUNING", 0.96, 135),  # 510/526, 135/137, 9/391, 42/49
    "v8": LockedSet("locked_phrasings_v8.yaml", "NEVER USED FOR TUNING", 0.97, 122),  # 452/464, 122/124, 2/341, 44/47
    "v9": LockedSet("locked_phrasings_v9.yaml", "NEVER USED FOR TUNING", 0.94, 123),  # 472/501, 123/124, 1/385, 37/52
    "v10": LockedSet("locked_phrasings_v10.yaml", "NEVER USED FOR TUNING", 0.93, 125),  # 393/419, 125/129, 5/291, 30/44
    "v11": LockedSet("locked_phrasings_v11.yaml", "NEVER USED FOR TUNING", 0.95, 125),  # 462/486, 125/129, 4/361, 42/50
    "v12": LockedSet("locked_phrasings_v12.yaml", "NEVER USED FOR TUNING", 0.97, 138),  # 477/490, 138/139, 2/357, 48/52
    "v13": LockedSet("locked_phrasings_v13.yaml", "NEVER USED FOR TUNING", 0.98, 166),  # 533/542, 166/169, 5/384, 47/48
    "v14": LockedSet("locked_phrasings_v14.yaml", "NEVER USED FOR TUNING", 0.97, 129),  # 469/482, 129/131, 5/352, 42/49
    "v15": LockedSet("locked_phrasings_v15.yaml", "NEVER USED FOR TUNING", 0.94, 141),  # 525/554, 141/147, 8/411, 45/57
    "v16": LockedSet("locked_phrasings_v16.yaml", "NEVER USED FOR TUNING", 0.94, 138),  # 500/529, 138/142, 4/392, 38/51
    "v17": LockedSet("locked_phrasings_v17.yaml", "NEVER USED FOR TUNING", 0.94, 132),  # 437/462, 132/133, 2/340, 44/52
    "v18": LockedSet("locked_phrasings_v18.yaml", "NEVER USED FOR TUNING", 0.92, 131),  # 462/502, 131/137, 4/373, 35/51
    "v19": LockedSet("locked_phrasings_v19.yaml", "NEVER USED FOR TUNING", 0.96, 142),  # 465/481, 142/144, 5/347, 43/48
    "v20": LockedSet("locked_phrasings_v20.yaml", "NEVER USED FOR TUNING", 0.96, 136),  # 458/476, 136/139, 3/346, 43/50
    "v21": LockedSet("locked_phrasings_v21.yaml", "NEVER USED FOR TUNING", 0.96, 127),  # 440/454, 127/127, 4/338, 48/50
    "v22": LockedSet("locked_phrasings_v22.yaml", "NEVER USED FOR TUNING", 0.92, 120),  # 428/465, 120/130, 7/348, 32/48
    "v23": LockedSet("locked_phrasings_v23.yaml", "NEVER USED FOR TUNING", 0.97, 146),  # 512/526, 146/149, 2/383, 45/50
    "v24": LockedSet("locked_phrasings_v24.yaml", "NEVER USED FOR TUNING", 0.96, 141),  # 418/431, 141/146, 0/291, 41/47
    "v25": LockedSet("locked_phrasings_v25.yaml", "NEVER USED FOR TUNING", 0.96, 139),  # 454/472, 139/143, 3/337, 42/54
    "v26": LockedSet("locked_phrasings_v26.yaml", "NEVER USED FOR TUNING", 0.96, 125),  # 461/480, 125/125, 1/362, 43/48
    "v27": LockedSet("locked_phrasings_v27.yaml", "NEVER USED FOR TUNING", 0.95, 158),  # 538/563, 158/168, 5/396, 47/57
    "v28": LockedSet("locked_phrasings_v28.yaml", "NEVER USED FOR TUNING", 0.97, 162),  # 543/558, 162/168, 3/401, 54/62
    "v29": LockedSet("locked_phrasings_v29.yaml", "NEVER USED FOR TUNING", 0.98, 191),  # 678/689, 191/196, 1/500, 66/71
    "v30": LockedSet("locked_phrasings_v30.yaml", "NEVER USED FOR TUNING", 0.97, 204),  # 607/625, 204/210, 1/427, 57/66
    "v31": LockedSet("locked_phrasings_v31.yaml", "NEVER USED FOR TUNING", 0.96, 211),  # 683/711, 211/238, 7/481, 53/76
    "v32": LockedSet("locked_phrasings_v32.yaml", "NEVER USED FOR TUNING", 0.96, 255),  # 725/752, 255/275, 3/500, 52/70
    "v33": LockedSet("locked_phrasings_v33.yaml", "NEVER USED FOR TUNING", 0.94, 254),  # 688/726, 254/288, 13/447, 49/68
    "v34": LockedSet("locked_phrasings_v34.yaml", "NEVER USED FOR TUNING", 0.96, 286),  # 761/791, 286/309, 12/503, 51/72
    "v35": LockedSet("locked_phrasings_v35.yaml", "NEVER USED FOR TUNING", 0.94, 216),  # 591/624, 216/232, 9/414, 39/60
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(LOCKED_SETS))
def locked(request) -> LockedSet:
    return LOCKED_SETS[request.param]


class Sealed:
    """A locked set's file or report whose repr names no line: pytest prints a failing test's arguments
    (and a failing fixture's) with their reprs, and whoever tunes the layer must never see a locked line."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __repr__(self) -> str:
        return f"<{type(self.inner).__name__}: locked lines hidden>"


def test_a_sealed_locked_object_shows_no_line_in_its_repr():
    assert "a locked line" not in repr(Sealed(["a locked line"]))
    assert Sealed(["a locked line"]).count("a locked line") == 1  # everything else reaches the object


@pytest.fixture(scope="module")
def locked_spec(locked):
    return Sealed(load_phrasings(HERE / locked.file))


@pytest.fixture(scope="module")
def locked_world(tmp_path_factory, locked_spec):
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.domain import Account
    from tests.conversation.conftest import open_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("locked"))
    store = open_store(settings)
    store.import_accounts([Account.model_validate(a) for a in locked_spec.accounts])
    return Coach(settings, store=store)


@pytest.fixture(scope="module")
def report(locked_world, locked_spec, embedder):
    from assistant.conversation import Conversation

    return Sealed(run_phrasings(locked_spec.inner, lambda session: Conversation(locked_world, session, locked_spec.user,
                                                                   today=locked_spec.today, knowledge=NoKnowledge(),
                                                                   embed=embedder)))


def _blocker_codes(coach) -> set[str]:
    return {code for code, spec in coach.ruleset.reason_codes.items() if spec.get("kind") in ("blocker", "note")}


def test_the_locked_set_is_big_enough(locked, locked_spec):
    single = sum(1 for c in locked_spec.cases if len(c.turns) == 1)  # counts, not lists: see below
    sessions = sum(1 for c in locked_spec.cases if len(c.turns) > 1)
    assert single >= 150 and sessions >= 20
    assert locked.header in (HERE / locked.file).read_text(encoding="utf-8").splitlines()[0]


def _problems(coach, report) -> list[str]:
    # Aggregates only, even here: an xfail's message is printed by --runxfail, -rx or a JUnit report, and
    # whoever tunes the layer must never see a locked line.
    problems = []
    if report.accuracy < READING_TARGET:
        problems.append(f"intent+entities {report.accuracy:.1%} < {READING_TARGET:.0%}")
    hits, stated = report.blocker_recall()
    if hits < stated:
        problems.append(f"blockers seen {hits}/{stated}")
    wrong, free = report.false_positives(_blocker_codes(coach))
    if len(wrong) > FALSE_POSITIVE_LIMIT * free:
        problems.append(f"blocker applied to {len(wrong)}/{free} blocker-free messages")
    sessions = report.sessions()
    failed = sum(1 for ok in sessions.values() if not ok)
    if failed:
        problems.append(f"sessions failed: {failed}/{len(sessions)}")
    return problems


@pytest.mark.xfail(strict=False, reason=(
    "targets not met yet; last measured (intent+entities, stated blockers applied or asked, blocker applied "
    "to blocker-free messages, sessions) after the twenty-fourth round of tuning: v35 94.7%, 216/232, 9/414, 39/60; "
    "after the twenty-third: v34 96.2%, 286/309, 12/503, 51/72; "
    "after the twenty-second: v33 93.7%, 251/288, 14/447, 46/68; after the twenty-first: v32 95.7%, 254/275, 5/500, 49/70; "
    "after the twentieth: v31 95.8%, 211/238, 8/481, 51/76; "
    "after the eighteenth: v30 97.0%, 202/210, 3/427, 54/66; "
    "after the seventeenth: v29 96.8%, 181/196, 2/500, 56/71; "
    "after the sixteenth (no tuning landed): v28 96.6%, 148/168, 3/401, 43/62; "
    "after the fifteenth: v27 94.5%, 141/168, 7/396, 32/57; "
    "after the fourteenth: v25 94.9%, 130/143, 4/337, 36/54; "
    "v26 94.4%, 112/125, 3/362, 32/48; after the thirteenth: v24 94.9%, 141/146, 1/291, 41/47; "
    "v23 89.4%, 143/149, 5/383, 39/50; after the twelfth: v22 88.8%, 112/130, 9/348, 27/48; "
    "v21 96.0%, 127/127, 6/338, 49/50; after the eleventh: v20 92.2%, 132/139, 7/346, 40/50; "
    "v19 93.3%, 143/144, 6/347, 39/48; after the tenth: v18 90.4%, 125/137, 4/373, 32/51; "
    "v17 91.8%, 130/133, 2/340, 38/52; after the ninth: v16 91.7%, 136/142, 4/392, 32/51; "
    "v15 93.5%, 140/147, 8/411, 45/57; after the eighth: v14 94.8%, 129/131, 10/352, 37/49; "
    "v13 96.3%, 164/169, 7/384, 46/48; after the seventh: v12 95.1%, 135/139, 5/357, 41/52; v11 92.2%, "
    "123/129, 6/361, 37/50; the older sets' figures are in the README, Benchmarks"))
def test_locked_set_targets(locked_world, report):
    problems = _problems(locked_world, report)
    assert not problems, "\n".join(problems)


def test_locked_set_no_worse_than_landed_and_false_positives_within_target(locked, locked_world, report):
    """What was measured before tuning is a floor; the false-positive target (at most 5%) is met and
    must stay met."""
    hits, stated = report.blocker_recall()
    wrong, free = report.false_positives(_blocker_codes(locked_world))
    # Aggregates only: a failure here must not print the locked lines (whoever tunes never sees them). The
    # asserts compare plain numbers: pytest's rewriting shows the repr of every object an assert touches, and
    # the report's repr holds the lines.
    applied_wrongly, accuracy = len(wrong), report.accuracy
    assert applied_wrongly <= FALSE_POSITIVE_LIMIT * free, f"blocker applied to {applied_wrongly}/{free} blocker-free messages"
    assert accuracy >= locked.reading_floor, f"intent+entities {accuracy:.1%}"
    assert hits >= locked.blockers_seen_floor, f"blockers seen {hits}/{stated}"
