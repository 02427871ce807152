"""One function per intent: run the deterministic pipeline, then say it (replies.yaml).

The verdict always comes from the rules (policy.engine.evaluate; `Coach.check` with the
what-would-change search for "why not?"; `Coach.plays` for lists); text is written around it
and its first sentence states it (verdict_words.py). Talk tracks go through the approval gate and are attached only when
the gate returns an approved one for a `pitch` verdict.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from weakref import WeakKeyDictionary

from assistant.conversation.answer import Answer, AskBack
from assistant.conversation.replies import Replies
from assistant.conversation.understand import Request
from assistant.conversation.verdict_words import VerdictWords
from assistant.conversation.world import World
from assistant.domain import Play, Verdict
from assistant.policy.errors import CoachError

EXCERPT_CHARS = 220
# Heavy, per-coach services (knowledge index, draft checks): built once, reused by every session.
_SERVICES: WeakKeyDictionary = WeakKeyDictionary()


def _service(coach, name: str, build):
    cache = _SERVICES.setdefault(coach, {})
    if name not in cache:
        cache[name] = build()
    return cache[name]


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


class Actions:
    def __init__(self, coach, world: World, replies: Replies, today: dt.date, user: str | None,
                 session_id: str, drafter=None, knowledge=None):
        self.coach, self.world, self.replies, self.today = coach, world, replies, today
        self.user, self.session_id, self.drafter, self.knowledge = user, session_id, drafter, knowledge
        self.say = replies.say

    @cached_property
    def words(self) -> VerdictWords:
        return VerdictWords(self.replies, self.coach.ruleset.reason_codes)

    # -- shared pieces ----------------------------------------------------------------------
    def audit(self, kind: str, payload: dict, **kwargs) -> None:
        self.coach.store.audit(kind, payload, user=self.user, session_id=self.session_id, **kwargs)

    def verdict(self, request: Request, lifts: bool = False) -> Verdict:
        """The rules' verdict; with `lifts`, also what would change it (the costly search, so it
        runs for "why not?" only). Logged with the answer, not separately."""
        play = Play.model_validate(request.play)
        if request.what_ifs:
            # Facts of the account the AM stated ("they're unhappy"): the verdict on those facts.
            return self.coach.check(request.account, play, self.today, what_ifs=list(request.what_ifs), log=False)[1]
        if lifts:
            return self.coach.check(request.account, play, self.today, log=False)[0]
        return self.coach.evaluate(self.world.account(request.account), self.world.catalog, play, self.today,
                                   lifts=False)

    # -- intents ----------------------------------------------------------------------------
    def check_play(self, request: Request, answer: Answer) -> None:
        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        words = self.words
        lines = [words.headline(verdict), *words.applied_lines(answer, verdict), *words.reason_lines(verdict),
                 words.alignment_line(verdict), *words.plan_lines(verdict), *words.sources_line(answer.passages)]
        answer.text = "\n".join(lines)

    def why(self, request: Request, answer: Answer, blockers_only: bool = False) -> None:
        verdict = self.verdict(request, lifts=blockers_only)
        self.words.with_verdict(answer, verdict)
        lines = [self.words.headline(verdict), *self.words.applied_lines(answer, verdict)]
        if blockers_only and not verdict.blockers():
            lines.append(self.say("why.nothing_blocks"))
        lines += self.words.reason_lines(verdict, ("blocker", "note") if blockers_only else ("blocker", "signal", "note"))
        if not blockers_only and not verdict.signals():
            lines.append(self.say("why.no_signals"))
        if answer.passages:
            lines.append(self.say("section.why_sources"))
            lines += [self.say("reason.passage", title=p["title"], doc=p["doc"], section=p["section"],
                               excerpt=_excerpt(p["text"])) for p in answer.passages]
        answer.text = "\n".join(lines)

    def why_not(self, request: Request, answer: Answer) -> None:
        self.why(request, answer, blockers_only=True)

    def who_sponsor(self, request: Request, answer: Answer) -> None:
        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        account = self.world.account(verdict.account)
        lines = [self.words.headline(verdict)]
        if verdict.sponsor:
            person = account.stakeholder(verdict.sponsor)
            lines.append(self.say("sponsor.found", sponsor=verdict.sponsor, title=person.title if person else None,
                                  priority=verdict.priority, source=verdict.priority_source, product=verdict.product))
        else:
            lines.append(self.say("sponsor.none", account=verdict.account, product=verdict.product))
        lines += [self.say("reason.blocker", label=self.words.label(r.code), code=r.code, message=r.message,
                           remedy=r.remedy)
                  for r in verdict.blockers() if r.code.startswith(("alignment.", "cross_sell.", "stakeholder."))]
        answer.text = "\n".join(lines)

    def draft(self, request: Request, answer: Answer) -> None:
        from assistant.approval.gate import TalkTrack, produce_talk_track
        from assistant.approval.loader import load_draft_checks

        verdict = self.verdict(request)
        self.words.with_verdict(answer, verdict)
        settings = self.coach.settings
        checks = _service(self.coach, "draft_checks",
                          lambda: load_draft_checks(settings.rules_dir, settings.knowledge_dir))
        lines = [self.words.headline(verdict), *self.words.applied_lines(answer, verdict)]
        try:
            result = produce_talk_track(verdict, self.world.account(verdict.account), self.world.catalog, settings,
                                        self.drafter, self.audit, checks=checks)
        except CoachError as exc:
            answer.text = "\n".join(lines + [self.say("draft.failed", error=str(exc))])
            return
        if isinstance(result, TalkTrack) and result.approved and verdict.verdict.value == "pitch":
            answer.talk_track = result.model_dump(mode="json")
            lines += [self.say("draft.heading", drafter=result.drafter_name), result.text, *result.notes]
        else:
            lines.append(self.say("draft.refused"))
            lines += [f"- {remedy}" for remedy in dict.fromkeys(r.remedy for r in verdict.blockers() if r.remedy)]
        answer.text = "\n".join(lines)

    def list_plays(self, request: Request, answer: Answer) -> None:
        verdicts = self.coach.plays(request.account, self.today)
        rows = [{"product": v.product, "change": v.change, "motion": v.motion.value, "verdict": v.verdict.value,
                 "signals": [r.code for r in v.signals()], "blockers": [r.code for r in v.blockers()]}
                for v in verdicts]
        answer.plays = rows
        if not verdicts:
            answer.text = self.say("ask.which_product", account=request.account, candidates=[])
            return
        best = verdicts[0]
        pitchable = [v for v in verdicts if v.verdict.value == "pitch"]
        common = {"account": best.account, "product": best.product, "change": self.say(f"change.{best.change}"),
                  "a_motion": self.say(f"motion.{best.motion.value}")}
        if pitchable:
            lines = [self.say("plays.some", count=len(pitchable), **common)]
        else:
            lines = [self.say("plays.none", verdict=best.verdict.value, blockers=rows[0]["blockers"], **common)]
        lines += [self.say("plays.row", **{**row, "change": self.say(f"change.{row['change']}"),
                                           "motion": self.say(f"motion.{row['motion']}")}) for row in rows]
        lines.append(self.say("plays.follow"))
        answer.text = "\n".join(lines)
        request.product, request.change = best.product, best.change
        request.play = {"product": best.product, "change": best.change}

    def qbr(self, request: Request, answer: Answer) -> None:
        from assistant.approval.loader import load_draft_checks
        from assistant.drafting.qbr import qbr_talk_track

        settings = self.coach.settings
        checks = _service(self.coach, "draft_checks",
                          lambda: load_draft_checks(settings.rules_dir, settings.knowledge_dir))
        verdicts = self.coach.plays(request.account, self.today)
        qbr = qbr_talk_track(self.world.account(request.account), verdicts, self.world.catalog, settings,
                             self.drafter, self.audit, checks=checks, today=self.today)
        plays = [f"{e.product} ({self.say(f'change.{e.change}')})" for e in qbr.expansions]
        key = "qbr.pitch" if plays else "qbr.intervene" if qbr.adoption_plan else "qbr.none"
        answer.talk_track = {"kind": "qbr", **qbr.model_dump(mode="json")}
        answer.text = "\n".join([self.say(key, account=qbr.account, count=len(plays), plays=plays),
                                 qbr.markdown(settings.prompts_dir).strip()])

    def focus(self, request: Request, answer: Answer) -> None:
        from assistant.portfolio import build_plan
        from assistant.portfolio.report import plan_dict

        store = self.coach.store
        owner = self.user if self.user and store.count_accounts(owner=self.user) else None
        plan = build_plan(store, self.coach.ruleset, self.today, owner=owner)
        answer.portfolio = plan_dict(plan)
        lines = []
        if self.user and owner is None:
            answer.notes.append(self.say("focus.whole_book", user=self.user))
        if plan.focus:
            names = [e.summary.account for e in plan.focus]
            lines.append(self.say("focus.heading", count=len(names), book=plan.book_size, owner=plan.owner, names=names))
        else:
            lines.append(self.say("focus.empty", owner=plan.owner))
        for entry in plan.focus:
            s = entry.summary
            best = f"{s.best.product} ({self.say(f'change.{s.best.change}')})" if s.best else None
            lines.append(self.say("focus.row", rank=entry.rank, account=s.account, best=best,
                                  verdict=s.best.verdict if s.best else None, signals=list(s.signals)))
        if plan.blocked:
            lines.append(self.say("focus.blocked_heading"))
            for entry in plan.blocked:
                s = entry.summary
                remedy = next((b.remedy for b in s.blockers if b.remedy), None)
                lines.append(self.say("focus.blocked_row", account=s.account, blockers=[b.code for b in s.blockers],
                                      remedy=remedy))
        answer.text = "\n".join(lines + answer.notes)

    def framework(self, request: Request, answer: Answer) -> None:
        topic = (request.topic or "").strip()
        if not topic:
            answer.ask_back = AskBack(question=self.say("ask.which_topic"), kind="question")
            answer.text = answer.ask_back.question
            return
        found = self._knowledge().search(topic, k=3)
        answer.passages = [{"doc": p.doc, "section": p.section_id, "title": p.title, "text": p.text,
                            "score": p.score} for p in found]
        if not found:
            answer.text = self.say("framework.none", topic=topic)
            return
        lines = [self.say("framework.heading", topic=topic)]
        lines += [self.say("reason.passage", title=p["title"], doc=p["doc"], section=p["section"],
                           excerpt=_excerpt(p["text"])) for p in answer.passages]
        answer.text = "\n".join(lines)

    def _knowledge(self):
        if self.knowledge is not None:
            return self.knowledge
        from assistant.knowledge.base import KnowledgeBase  # loads Chroma: only when asked

        return _service(self.coach, "knowledge", lambda: KnowledgeBase(self.coach.settings))

    def help(self, request: Request, answer: Answer) -> None:
        answer.text = self.say("help")

    def off_topic(self, request: Request, answer: Answer) -> None:
        answer.text = self.say("off_topic")

    def unclear(self, request: Request, answer: Answer) -> None:
        answer.ask_back = AskBack(question=self.say("ask.unclear"), kind="question")
        answer.text = answer.ask_back.question

    def run(self, request: Request, answer: Answer) -> None:
        handlers = {
            "check_play": self.check_play, "why": self.why, "why_not": self.why_not,
            "who_sponsor": self.who_sponsor, "draft": self.draft, "list_plays": self.list_plays,
            "qbr": self.qbr, "focus": self.focus, "framework": self.framework, "help": self.help,
            "off_topic": self.off_topic,
        }
        handlers.get(request.intent or "", self.unclear)(request, answer)
