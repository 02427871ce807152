"""The development sets (dev_phrasings*.yaml): their tuned parts must stay read at least as well as
last measured (floors, not targets). Their held-out parts are scored by the benchmark and
reported (benchmarks/RESULTS-conversation.md); they were not used while tuning.

- dev_phrasings.yaml: the second session's set (full sentences, sessions);
- dev_phrasings_b.yaml: Slack style, fragments, typos, many sessions;
- dev_phrasings_c.yaml: long stories, several facts, blockers in varied words, near-misses;
- dev_phrasings_d.yaml: sessions of 3-7 turns and the rarer intents, by an author who had not seen
  the layer's data.
- dev_phrasings_e.yaml: blockers told in messages whose question is not "should I pitch" (right
  move? thoughts? how do I word it?), near-misses, drafts, plays and reviews in many wordings,
  sessions, by another author who had not seen the layer's data.
- dev_phrasings_f.yaml: sessions of 3-7 turns first, reviews in chat (and drafts that are not
  reviews), remarks, blocker near-misses and sure cues, names that resemble each other, by a fresh
  author who had not seen the layer's data.
- dev_phrasings_g.yaml: names said the way busy people say them, often-confused intents (draft,
  sponsor, why not against why, framework against account questions, off topic against unclear),
  sessions and blockers in words, by a fresh isolated author.
- dev_phrasings_h.yaml: products named by what they do or a feature, accounts and people said loosely,
  names to ask about, sessions in chat style, often-confused intents, blockers in figures, slang and
  pasted emails, blocker-free near-misses, by a fresh isolated author (the ninth round's).
- dev_phrasings_i.yaml: names said loosely (products by what they do or the change, accounts with "Inc.",
  initials and typos, people by role), one- and two-word follow-ups, indirect drafts, why and why not in
  many forms, reviews in chat, blockers in words and near-misses, in voice dictation, to-do items, deal-desk
  questions and Slack threads with quotes, on a day inside the vendor's quota window, by a fresh isolated
  author (the tenth round's).
- dev_phrasings_j.yaml: formal business email, run-on texts, a partner asking for the AM, a VP skimming,
  choices between two, key: value facts, self-answered questions and slang, on a day outside the quota
  window, by a fresh isolated author (the eleventh round's). In that round it was the validation set:
  the tuners scored it by aggregates only and never read its lines; from the twelfth round its tune part
  is tuning data like the others'.
- dev_phrasings_k.yaml: a CSM handing over, questions asked as negatives, the answer first, markdown notes,
  autocorrect slips, what to tell a colleague, figures that are no blockers, polite preambles, two questions
  of which the second counts, on a day inside the quota window, by a fresh isolated author (the twelfth
  round's). In that round it was the validation set that gated every landing (aggregates only, lines never
  read); from the thirteenth round its tune part is tuning data like the others'.
- dev_phrasings_l.yaml: an AM new to the book mixing up accounts that share a word, sales engineers and
  partner managers, dictation while driving, quoted email threads, numbers in words, the conditional, British
  idiom, the account named last, on a day outside the quota window, by a fresh isolated author (the
  thirteenth round's). In that round it was the validation set that gated every landing (aggregates only,
  lines never read); from the fourteenth round its tune part is tuning data like the others'.
- dev_phrasings_m.yaml: pasted CRM field dumps, an AM in their first week, goals stated rather than asked,
  negations that point at the play, two accounts compared, a CSM handing over, voice-to-text homophones, all
  lower case, products said short or left implied, two products of which one is the play, plays asked with a
  fact beside them, on a day inside the quota window, by a fresh isolated author (the fourteenth round's).
  In that round it was the validation set that gated every landing (aggregates only, lines never read);
  from the fifteenth round its tune part is tuning data like the others'.
- dev_phrasings_n.yaml: a new hire asking for a sanity check, @mentions and channel banter, several products
  asked one after another, time said loosely, voice-memo transcriptions, Portuguese and Italian speakers' English,
  heavy typos, an AM who answers their own question, a message that corrects itself half-way, on a day outside
  the quota window, by a fresh isolated author (the fifteenth round's). In that round it was the validation set
  that gated every landing (aggregates only, lines never read); from the sixteenth round its tune part is tuning
  data like the others'.
- dev_phrasings_o.yaml: an AM on mobile with autocorrect, a manager forwarding a rep's question, "random q" hedges,
  Australian and Scottish idiom, Japanese and Korean speakers' English, three accounts asked at once, questions after a
  quoted customer message, emojis and hashtags, meeting-notes action items, on a day outside the quota window, by a
  fresh isolated author (the seventeenth round's). Written during that round and kept off main until it had ended:
  nobody tuned on it or scored it then; its figures below are its one score, on that round's final code. From the
  eighteenth round its tune part is tuning data like the others'.
- dev_phrasings_p.yaml: a new-hire AM, an AM who talks in figures (ARR, NRR, seats, discounts), text-speak, Irish and
  Nigerian idiom, French and German speakers' English, questions inside a pasted Slack thread, half-finished messages
  continued in the next turn, questions said as statements, double negatives, people by role, on a day inside the
  quota window, by a fresh isolated author (the eighteenth round's). Written at the start of that round and kept off
  main until it had ended: nobody tuned on it; scored by aggregates only, on the round's starting and final code. From
  the nineteenth round its tune part is tuning data like the others'.
- dev_phrasings_q.yaml: Singaporean and Malaysian English, Chinese and Vietnamese speakers' English, a sales manager
  role-playing with a rep, call transcripts with speaker labels, ticket and spreadsheet-row facts, "quick sanity check"
  and "dumb question" openers, numbered questions of which one is for the coach, misspelt products, people by pronoun
  across turns, minds changed mid-message, long stories, on a day outside the quota window, by a fresh isolated author
  (the twentieth round's). Written at the start of that round and kept off main until it had ended: nobody tuned on it;
  scored by aggregates only, on the round's starting and final code. From the twenty-first round its tune part
  is tuning data like the others'.
- dev_phrasings_r.yaml: an AM typing lowercase on a commute, Italian and Greek speakers' English, British and Canadian
  understatement, Gen-Z slang, forwarded email threads with the question on top, checklists, sales-methodology jargon
  (MEDDIC, economic buyer, paper process), misspelt people's names, nods and hesitations as follow-ups, relative dates,
  an AM who answers their own question, on a day inside the quota window, by a fresh isolated author (the
  twenty-first round's). Written at the start of that round and kept off main until it had ended: nobody tuned on it;
  scored by aggregates only, on the round's starting and final code. From the twenty-second round its tune part
  is tuning data like the others'.
- dev_phrasings_s.yaml: Chinese, Japanese and Korean speakers' English, Nigerian, Irish and Scottish English, terse
  executive one-liners, sports and war metaphors, thinking aloud, "asking for a friend", semicolon-separated facts,
  transcribed voice memos, questions in parentheses, legalistic wording, blockers explicitly denied, misspelt product
  names, on a day outside the quota window, by a fresh isolated author (the twenty-second round's). Written at the
  start of that round and kept off main until it had ended: nobody tuned on it; scored by aggregates only, on the
  round's starting and final code. From the twenty-third round its tune part is tuning data like the others'.
- dev_phrasings_t.yaml: Russian and Polish speakers' English, American Southern idiom, texting abbreviations, overly polite
  email, forecast and pipeline jargon (commit, upside, stage 3, slip), an AM arguing with the coach after a verdict,
  multi-paragraph account updates, a rep asking about a colleague's account, dates as numbers, blockers taken back or
  admitted in the same message, products by nickname and people by role, on a day inside the quota window, by a fresh
  isolated author (the twenty-third round's). Written at the start of that round and kept off main until it had ended:
  nobody tuned on it; scored by aggregates only, on the round's starting and final code. From the twenty-fourth round
  its tune part is tuning data like the others'.
- dev_phrasings_u.yaml: Japanese and Korean speakers' English, Scottish and Irish idiom, one- and two-word follow-ups,
  consultant jargon (land and expand, whitespace, wallet share), forwarded email threads, a VP's pressure quoted by the
  AM, thinking aloud and changing one's mind, "also"/"btw" add-ons carrying a second fact, numbered checklists, a new AM
  who inherited the book and blockers in the customer's own quoted words, on a day outside the quota window, by a fresh
  isolated author (the twenty-fourth round's). Written at the start of that round and kept off main until it had
  ended: nobody tuned on it; scored by aggregates only, on the round's starting and final code.
Each file is read in its own world (the demo book plus the file's `accounts`), with the one
embedder of the test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.conversation.evaluation import load_phrasings, run_phrasings
from tests.conversation.conftest import NIMBUS_ANALYTICS, NoKnowledge

HERE = Path(__file__).parent
DEV = HERE / "dev_phrasings.yaml"


@dataclass(frozen=True)
class Floors:
    """The last measured reading of a file's tuned part (RESULTS-conversation.md)."""

    accuracy: float  # intent and entities read right, share of turns
    recall: float  # stated blockers applied or asked about, share
    applied_free: float = 0.05  # at most this share of blocker-free messages get a blocker applied
    asked_free: float = 0.10  # ... or a question about one


DEV_SETS = {
    "dev_phrasings.yaml": Floors(accuracy=0.98, recall=0.95),  # measured 99.5%, 41/41 (sessions 16/17)
    "dev_phrasings_b.yaml": Floors(accuracy=0.98, recall=0.97),  # measured 98.6%, 45/45
    "dev_phrasings_c.yaml": Floors(accuracy=0.99, recall=0.97),  # measured 99.5%, 72/72 (round 8, names)
    "dev_phrasings_d.yaml": Floors(accuracy=0.98, recall=0.97),  # measured 99.1%, 50/50
    "dev_phrasings_e.yaml": Floors(accuracy=0.98, recall=0.97),  # measured 99.3%, 78/78 (applied to blocker-free 2/204)
    "dev_phrasings_f.yaml": Floors(accuracy=0.98, recall=0.85),  # measured 100%, 34/40 (applied to blocker-free 4/233)
    "dev_phrasings_g.yaml": Floors(accuracy=0.97, recall=0.93),  # measured 97.6%, 31/31 (round 8, names)
    "dev_phrasings_h.yaml": Floors(accuracy=0.98, recall=0.97),  # measured 98.6%, 47/47 on round 10's final code (83.3%, 42/47 when it landed in round 9)
    "dev_phrasings_i.yaml": Floors(accuracy=0.98, recall=0.98),  # measured 98.2%, 57/57 on round 11's final code (93.5%, 56/57 when it landed in round 10; applied to blocker-free 1/222)
    "dev_phrasings_j.yaml": Floors(accuracy=0.94, recall=0.94),  # measured 94.9% here (the benchmark 95.3%), 53/56 on round 13's final code (93.6%, 52/56 after round 12; 91.9%, never tuned on, after round 11; applied to blocker-free 2/178)
    "dev_phrasings_k.yaml": Floors(accuracy=0.95, recall=0.96),  # measured 95.5% here (the benchmark 96.5%), 55/57 on round 13's final code, tuned on in round 13 (93.8%, 54/57, never tuned on, after round 12; applied to blocker-free 2/231)
    "dev_phrasings_l.yaml": Floors(accuracy=0.97, recall=0.98),  # measured 97.4%, 58/58 on round 13's and round 14's final code, tuned on in round 14 (applied to blocker-free 1/205)
    "dev_phrasings_m.yaml": Floors(accuracy=0.96, recall=0.95),  # the benchmark 97.1%, 62/65 on round 15's final code, tuned on in round 15 (94.2%, 62/65, never tuned on, after round 14; applied to blocker-free 0/175)
    "dev_phrasings_n.yaml": Floors(accuracy=0.93, recall=0.88),  # the benchmark 94.6%, 82/91 on round 15's final code, never tuned on then; its tune part tuned on from round 16 (applied to blocker-free 3/284)
    "dev_phrasings_o.yaml": Floors(accuracy=0.98, recall=0.98),  # the benchmark 99.1%, 116/116 on round 18's final code (43471d2), tuned on in round 18 (94.6%, 108/116, never tuned on, after round 17; applied to blocker-free 0/225)
    "dev_phrasings_p.yaml": Floors(accuracy=0.99, recall=0.99),  # 409/410 = 99.8%, 104/105 on round 20's final code, tuned on from round 19 (94.4%, 96/105, never tuned on, after round 18; applied to blocker-free 0/305; held-out part 92.9% of 212 turns, 47/50, 2/162, sessions 16/22)
    "dev_phrasings_q.yaml": Floors(accuracy=0.96, recall=0.94),  # 503/523 = 96.2%, 174/184 on round 21's final code, tuned on from round 21 (95.4%, 169/184, never tuned on, after round 20; applied to blocker-free 3/351; held-out part 94.0% of 285 turns, 93/97, 5/195, sessions 21/26)
    "dev_phrasings_r.yaml": Floors(accuracy=0.98, recall=0.95),  # 466/472 = 98.7%, 165/172 on round 23's final code, tuned on from round 22 (97.5%, 157/172, never tuned on, after round 21; applied to blocker-free 0/317; held-out part 96.9% of 262 turns, 90/97, 2/172, sessions 20/26)
    "dev_phrasings_s.yaml": Floors(accuracy=0.98, recall=0.97),  # 436/441 = 98.9%, 160/164 on round 24's final code, tuned on from round 23 (95.0%, 153/164, never tuned on, after round 22; applied to blocker-free 0/294; held-out part 97.5% of 238 turns, 74/78, 3/164, sessions 19/22)
    "dev_phrasings_t.yaml": Floors(accuracy=0.97, recall=0.97),  # 443/456 = 97.1%, 156/160 on round 24's final code, tuned on from round 24 (92.8%, 153/160, never tuned on, after round 23; applied to blocker-free 0/304; held-out part 96.7% of 239 turns, 77/82, 3/160, sessions 16/22)
    "dev_phrasings_u.yaml": Floors(accuracy=0.92, recall=0.95),  # 452/488 = 92.6%, 146/153 on round 24's final code (449/488, 145/153 at its start), never tuned on (applied to blocker-free 8/344; held-out part 94.1% of 254 turns, 85/94, 2/168, sessions 16/21)
}


def test_the_development_set_is_split_and_large_enough():
    tuned, held_out = load_phrasings(DEV, "tune"), load_phrasings(DEV, "held_out")
    singles = [c for c in tuned.cases + held_out.cases if len(c.turns) == 1]
    sessions = [c for c in tuned.cases + held_out.cases if len(c.turns) > 1]
    assert len(singles) >= 150 and len(sessions) >= 20
    assert 0.25 <= len(held_out.cases) / (len(tuned.cases) + len(held_out.cases)) <= 0.4


@pytest.mark.slow  # the reading by meaning loads the embedding model
@pytest.mark.parametrize("file", sorted(DEV_SETS))
def test_the_tuned_part_of_each_development_set_is_read(file, tmp_path_factory, embedder):
    from assistant.coach import Coach
    from assistant.config import Settings
    from assistant.conversation import Conversation
    from assistant.domain import Account
    from tests.conversation.conftest import open_store

    spec = load_phrasings(HERE / file, "tune")
    settings = Settings(data_dir=tmp_path_factory.mktemp("dev"))
    store = open_store(settings)
    store.import_accounts([Account.model_validate(a) for a in (spec.accounts or [NIMBUS_ANALYTICS])])
    coach = Coach(settings, store=store)
    report = run_phrasings(spec, lambda session: Conversation(coach, session, spec.user, today=spec.today,
                                                              knowledge=NoKnowledge(), embed=embedder))
    floors = DEV_SETS[file]
    failures = "\n".join(f"{r.case}: {r.say!r}: {'; '.join(r.problems)}" for r in report.failures())
    assert report.accuracy >= floors.accuracy, f"accuracy {report.accuracy:.1%}:\n{failures}"
    seen, stated = report.blocker_recall()
    assert seen / stated >= floors.recall, report.missed_blockers()
    blocker_codes = {c for c, s in coach.ruleset.reason_codes.items() if s.get("kind") in ("blocker", "note")}
    wrong, free = report.false_positives(blocker_codes)
    asked, _ = report.needless_questions()
    assert len(wrong) / free <= floors.applied_free, [r.say for r in wrong]
    assert len(asked) / free <= floors.asked_free, [r.say for r in asked]
